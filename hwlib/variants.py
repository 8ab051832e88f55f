"""Per-student variants of the homework: a data draw and the task's motifs, from a student id.

A variant is (student_id, draw, motif_a, motif_b): `draw` selects the data as KIT_DATA_SEED
does (`hwlib.task.seed(purpose, draw)`), motif_a is the single-motif task's motif and the
two-motif tasks' motif A, motif_b their motif B. The default variant (id "") is the committed
data: draw 0 and the kit's motifs ACGTG and TGCAT (both are pool motifs too, as ACGTG and
ATGCA: `motif_record`).

The motif pool (data/motif_pool.csv, written by ``python -m hwlib.variants``) holds consensus
sequences of JASPAR 2024 CORE vertebrate matrices (`hwlib.motifs.jaspar_motifs`: the newest
version of each, as PPMs with the kit's pseudocount), so "which TF family binds this?" has a
real answer for every student. Rules:

* Core: the longest run of consecutive columns with information content >= MIN_IC = 1 bit
  (uniform background; the leftmost on ties). One bit is half the maximum: the column
  clearly prefers one base; under the kit's pseudocount it implies that base has
  probability > 0.5, so the consensus (`hwlib.motifs.consensus`) is pure ACGT. A matrix is
  kept only if its core has 5 to 8 columns: a longer core would have to be cut at an
  arbitrary place, a shorter one is below the kit's smallest motif.
* No palindrome (a consensus equal to its reverse complement): the generators write motifs
  on the forward strand only, and a palindrome would make A's strand question moot.
* Not low-complexity: at least MIN_DISTINCT_BASES = 3 different bases, and no proper
  suffix longer than MAX_SELF_OVERLAP = 2 bases that is also a prefix (`self_overlap`). That
  drops runs such as AAAAAA or CCCCC and repeats such as CACACA, whose occurrences clump and
  whose "recovered" filter is hard to tell from a filter that likes one base.
* One row per consensus up to reverse complement, stored as the lexicographically smaller
  of the two strands, with every matrix that gave it: matrix_ids and names one per matrix
  (sorted by matrix id), tf_family and tf_class the sorted distinct values ("; "-joined).
* Chance rate: the exact probability (`chance_rate`) that the motif occurs at least once on
  the forward strand of SEQ_LEN = 101 uniform random bases, i.e. in a negative (the Bayes
  scorer `hwlib.bayes` counts forward-strand occurrences too). Kept if at most MAX_CHANCE_RATE,
  the default motif ACGTG's (0.0908). A 5-mer that does not overlap itself has the largest
  rate of any motif of 5 or more bases, equal to ACGTG's, so the bound admits every length
  5..8; it guards the rule should the lengths change.
* Ceiling: the Bayes-optimal ROC AUC and PR AUC (`hwlib.bayes.ceiling`) of Q1's task with
  that motif (`hwlib.simulate.single_motif`, motif_prob 1, 101 bases), measured on one fixed
  sample of CEILING_SIZE positives and as many negatives (seed CEILING_SEED). Positives
  always carry the motif, so the ROC AUC is about 1 - chance_rate / 2.

Rows are sorted by (length, consensus). A variant's draw and motifs come from the sha256
digest of its UTF-8 id: its first three 64-bit words (big-endian) give the draw (1 to
2^31 - 1, never 0), motif A (uniform over the pool) and motif B (uniform over the pool
motifs `compatible` with A), each by a remainder. Nothing depends on Python's `hash()`, on
numpy's random streams or on the machine; a variant does depend on the committed pool, so the
pool must not change once ids are handed out.

Ids are ASCII letters, digits and . _ -, starting with a letter or digit, at most 64
characters (e.g. "s1234567", "jdoe"); they are compared case-insensitively, so "S1234567"
and "s1234567" are one student (Variant.student_id holds the lower-case form). Leading or
trailing white space is refused, not stripped, so that a typo cannot silently give another
variant.

Building the pool needs hwlib.motifs (keras) and hwlib.bayes (scikit-learn); they are imported
where used, so that deriving a variant from the committed table stays light.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from hwlib.sequences import ALPHABET, reverse_complement

POOL_PATH = Path(__file__).resolve().parents[1] / "data" / "motif_pool.csv"
MIN_IC = 1.0  # bits: a core column's least information content
MIN_LENGTH, MAX_LENGTH = 5, 8  # core lengths kept
SEQ_LEN = 101  # the kit's sequence length
MAX_OVERLAP = 2  # bases A and B (or B and A's reverse complement) may share
MIN_DISTINCT_BASES = 3  # a pool motif uses at least this many of A, C, G, T
MAX_SELF_OVERLAP = 2  # longest proper suffix of a pool motif that may equal its prefix
CEILING_SIZE, CEILING_SEED = 5000, 0  # sample of the single-motif task for the ceilings
MAX_DRAW = 2**31 - 1
COLUMNS = [
    "consensus",
    "length",
    "chance_rate",
    "bayes_roc_auc",
    "bayes_pr_auc",
    "matrix_ids",
    "names",
    "tf_family",
    "tf_class",
]
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # as tools/autograde.py's, capped


@dataclass(frozen=True)
class Variant:
    """One student's homework: the data draw and the motifs A (also Q1's motif) and B."""

    student_id: str
    draw: int
    motif_a: str
    motif_b: str


DEFAULT = Variant("", 0, "ACGTG", "TGCAT")  # the committed data (hwlib.task's draw 0 and motifs)


def _check_motif(name: str, motif: str) -> str:
    if not isinstance(motif, str) or not motif or set(motif) - set(ALPHABET):
        raise ValueError(f"{name} must be a non-empty string over A, C, G, T, got {motif!r}")
    return motif


def _automaton(motif: str) -> np.ndarray:
    """KMP automaton of `motif` (length k): next state (k, 4) from each matched-prefix length
    0..k-1 on each base; state k is a complete occurrence."""
    codes = [ALPHABET.index(c) for c in motif]
    step = np.zeros((len(motif), 4), dtype=int)
    step[0, codes[0]] = 1
    fallback = 0  # the state reached by the motif read from its second base on
    for j in range(1, len(motif)):
        step[j] = step[fallback]
        step[j, codes[j]] = j + 1
        fallback = step[fallback, codes[j]]
    return step


def chance_rate(motif: str, seq_len: int = SEQ_LEN) -> float:
    """Exact probability that `motif` occurs at least once (forward strand) in `seq_len`
    uniform i.i.d. bases.

    The sequences without the motif are counted exactly (Python integers) by a walk over the
    motif's KMP automaton; self-overlapping motifs (e.g. AAAA) occur in fewer sequences than
    the naive 1 - (1 - 4^-k)^(seq_len-k+1) says, because their occurrences clump.
    """
    _check_motif("motif", motif)
    if not isinstance(seq_len, int) or isinstance(seq_len, bool) or seq_len < 1:
        raise ValueError(f"seq_len must be an integer >= 1, got {seq_len!r}")
    k = len(motif)
    step = _automaton(motif)
    moves = np.zeros((k, k + 1), dtype=int)  # number of bases taking state i to state j
    np.add.at(moves, (np.repeat(np.arange(k), 4), step.ravel()), 1)
    stay = moves[:, :k].astype(object)  # Python integers: the counts reach 4^seq_len
    counts = np.zeros(k, dtype=object)
    counts[0] = 1
    for _ in range(seq_len):
        counts = counts.dot(stay)
    return float(1 - Fraction(int(counts.sum()), 4**seq_len))


MAX_CHANCE_RATE = chance_rate(DEFAULT.motif_a)


def overlap(a: str, b: str) -> int:
    """Most bases `a` and `b` share when laid one over the other without a mismatch: the
    length of the shorter if one contains the other, else the longest suffix of either that
    is a prefix of the other (0 if none)."""
    _check_motif("a", a)
    _check_motif("b", b)
    if a in b or b in a:
        return min(len(a), len(b))
    shared = range(1, min(len(a), len(b)))
    return max((k for k in shared if a.endswith(b[:k]) or b.endswith(a[:k])), default=0)


def self_overlap(motif: str) -> int:
    """Length of the longest proper suffix of `motif` that is also its prefix (AAAA: 3,
    CACAC: 3, ACGTG: 0)."""
    _check_motif("motif", motif)
    return max((k for k in range(1, len(motif)) if motif[:k] == motif[-k:]), default=0)


def compatible(a: str, b: str, max_overlap: int = MAX_OVERLAP) -> bool:
    """Whether `b` can be motif B next to motif A `a`: neither `a` nor its reverse complement,
    and overlapping each of them (`overlap`) by at most `max_overlap` bases."""
    if not isinstance(max_overlap, int) or isinstance(max_overlap, bool) or max_overlap < 0:
        raise ValueError(f"max_overlap must be an integer >= 0, got {max_overlap!r}")
    rc = reverse_complement(_check_motif("a", a))
    return b not in (a, rc) and overlap(a, b) <= max_overlap and overlap(rc, b) <= max_overlap


def core_consensus(ppm: np.ndarray) -> str:
    """Consensus of a PPM's (K, 4) core: its longest run of consecutive columns with at least
    MIN_IC bits (the leftmost on ties); "" if no column has that much."""
    from hwlib.motifs import consensus, information_content

    informative = (information_content(ppm) >= MIN_IC).astype(int)
    edges = np.flatnonzero(np.diff(np.r_[0, informative, 0]))
    starts, ends = edges[::2], edges[1::2]
    if not len(starts):
        return ""
    best = int(np.argmax(ends - starts))
    return consensus(np.asarray(ppm)[starts[best] : ends[best]])


def single_motif_ceiling(motif: str) -> dict[str, float]:
    """Bayes ceiling {"roc_auc", "pr_auc"} of Q1's task with `motif`, on the fixed sample of
    CEILING_SIZE positives and CEILING_SIZE negatives of SEQ_LEN bases (seed CEILING_SEED)."""
    from hwlib import bayes, simulate

    _check_motif("motif", motif)
    data = simulate.single_motif(
        CEILING_SIZE, CEILING_SIZE, seq_len=SEQ_LEN, motif=motif, seed=CEILING_SEED
    )
    return bayes.ceiling(data)


def _joined(values: Iterable[str]) -> str:
    """The distinct non-empty items of "; "-joined `values`, sorted and joined again."""
    return "; ".join(sorted({v for text in values for v in text.split("; ") if v}))


def build_pool(with_ceilings: bool = True) -> pd.DataFrame:
    """The motif pool recomputed from JASPAR, one row per consensus (see the module docstring):
    consensus, length, chance_rate, bayes_roc_auc, bayes_pr_auc, matrix_ids, names, tf_family,
    tf_class. The ceilings take about 0.1 s a motif (20 s for the pool); `with_ceilings=False`
    leaves their two columns out."""
    from hwlib.motifs import jaspar_motifs

    matrices = jaspar_motifs().sort_values("matrix_id", kind="stable")
    cores = matrices["ppm"].map(core_consensus)
    rc = cores.map(reverse_complement)
    keep = cores.str.len().between(MIN_LENGTH, MAX_LENGTH) & (cores != rc)
    keep &= cores.map(lambda m: len(set(m)) >= MIN_DISTINCT_BASES)
    keep &= cores.map(lambda m: bool(m) and self_overlap(m) <= MAX_SELF_OVERLAP)
    strands = zip(cores[keep], rc[keep], strict=True)
    matrices = matrices[keep].assign(consensus=[min(pair) for pair in strands])
    table = (
        matrices.groupby("consensus", sort=False)
        .agg(
            matrix_ids=("matrix_id", "; ".join),
            names=("name", "; ".join),
            tf_family=("tf_family", _joined),
            tf_class=("tf_class", _joined),
        )
        .reset_index()
    )
    table["length"] = table["consensus"].str.len()
    table["chance_rate"] = table["consensus"].map(chance_rate)
    table = table[table["chance_rate"] <= MAX_CHANCE_RATE]
    table = table.sort_values(["length", "consensus"]).reset_index(drop=True)
    if not with_ceilings:
        return table[[c for c in COLUMNS if not c.startswith("bayes_")]]
    ceilings = pd.DataFrame(list(table["consensus"].map(single_motif_ceiling)))
    table["bayes_roc_auc"], table["bayes_pr_auc"] = ceilings["roc_auc"], ceilings["pr_auc"]
    return table[COLUMNS]


def motif_record(motif: str, table: pd.DataFrame | None = None) -> pd.Series:
    """The pool's row (`COLUMNS`) of `motif`, found on either strand (the pool stores the
    lexicographically smaller one): its JASPAR matrix_ids, names, tf_family and tf_class, the
    ground truth of "which factors bind it?". `table` defaults to the committed `pool()`.
    Every variant's motifs are pool motifs, the default variant's ACGTG and TGCAT included."""
    rc = reverse_complement(_check_motif("motif", motif))
    table = pool() if table is None else table
    found = table[table["consensus"] == min(motif, rc)]
    if found.empty:
        raise ValueError(
            f"motif {motif!r} (reverse complement {rc!r}) is not in the motif pool; pool "
            f"motifs are JASPAR cores of {MIN_LENGTH} to {MAX_LENGTH} bases (see hwlib.variants)"
        )
    return found.iloc[0]


def pool(path: str | Path = POOL_PATH) -> pd.DataFrame:
    """The committed motif pool (data/motif_pool.csv), or the table at `path`; columns as
    `build_pool`'s, one row per motif, sorted by (length, consensus)."""
    if not Path(path).is_file():
        raise ValueError(
            f"{path} is missing: run `python -m hwlib.variants {path}` to compute the motif pool"
        )
    return pd.read_csv(path, keep_default_na=False)


def _canonical_id(student_id: str) -> str:
    if not isinstance(student_id, str):
        raise ValueError(
            f"student_id must be a str such as 's1234567' or 'jdoe' ('' for the default "
            f"variant), got {type(student_id).__name__} {student_id!r}"
        )
    if student_id != student_id.strip():
        raise ValueError(f"student_id {student_id!r} has leading or trailing white space; strip it")
    if student_id and not _ID.fullmatch(student_id):
        raise ValueError(
            f"student_id {student_id!r} is not allowed: use 1 to 64 ASCII letters, digits and "
            "'.', '_', '-', starting with a letter or digit (e.g. 's1234567' or 'jdoe'), "
            "or '' for the default variant"
        )
    return student_id.lower()


@lru_cache(maxsize=4)
def _partners(motifs: tuple[str, ...]) -> tuple[np.ndarray, ...]:
    """For each motif, the indices of the motifs `compatible` with it as B."""
    return tuple(
        np.array([j for j, b in enumerate(motifs) if compatible(a, b)], dtype=int) for a in motifs
    )


def _derive(student_id: str, motifs: tuple[str, ...]) -> Variant:
    """The variant of a canonical, non-empty id over the pool's `motifs` (in pool order)."""
    digest = hashlib.sha256(student_id.encode("utf-8")).digest()
    words = [int.from_bytes(digest[i : i + 8], "big") for i in (0, 8, 16)]
    a = words[1] % len(motifs)
    partners = _partners(motifs)[a]
    b = int(partners[words[2] % len(partners)])
    return Variant(student_id, 1 + words[0] % MAX_DRAW, motifs[a], motifs[b])


def variant(student_id: str = "") -> Variant:
    """The variant of `student_id` (see the module docstring for the ids allowed): DEFAULT for
    "", else the draw and motifs derived from the id over the committed pool."""
    student_id = _canonical_id(student_id)
    if not student_id:
        return DEFAULT
    return _derive(student_id, tuple(pool()["consensus"]))


def variant_of_length(length: int) -> Variant:
    """The first variant of the ids "robustness-0", "robustness-1", ... whose motif A has
    `length` bases: a fixed non-default variant per length, for robustness runs."""
    motifs = tuple(pool()["consensus"])
    lengths = sorted({len(m) for m in motifs})
    if length not in lengths:
        raise ValueError(
            f"length must be one of the pool's motif lengths {lengths}, got {length!r}"
        )
    tried = (_derive(f"robustness-{i}", motifs) for i in itertools.count())
    return next(v for v in tried if len(v.motif_a) == length)


def roster(ids: Sequence[str]) -> pd.DataFrame:
    """The variants of a class, one row per id (in order), for the instructor's records:
    student_id, draw, motif_a, motif_b, and for each motif (suffix _a or _b) its length,
    JASPAR names, tf_family and single-motif ceilings bayes_roc_auc and bayes_pr_auc.

    Ids must be non-empty (the default variant is no student's) and distinct once compared
    case-insensitively."""
    if isinstance(ids, str) or not isinstance(ids, Sequence) or not ids:
        raise ValueError("ids must be a non-empty list of student ids (str), not a single str")
    canonical = [_canonical_id(i) for i in ids]
    if "" in canonical:
        raise ValueError("every id in a roster must be non-empty; '' is the default variant")
    repeated = sorted({i for i in canonical if canonical.count(i) > 1})
    if repeated:
        raise ValueError(
            f"ids must be distinct (compared case-insensitively); repeated: {repeated}"
        )
    table = pool()
    motifs = tuple(table["consensus"])
    rows = pd.DataFrame([asdict(_derive(i, motifs)) for i in canonical])
    info = table.set_index("consensus")[
        ["length", "names", "tf_family", "bayes_roc_auc", "bayes_pr_auc"]
    ]
    for m in ("a", "b"):
        rows = rows.join(info.add_suffix(f"_{m}"), on=f"motif_{m}")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m hwlib.variants [OUT.csv]`` rebuilds the motif pool from
    JASPAR (default: data/motif_pool.csv) and prints its size and lengths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=POOL_PATH)
    args = parser.parse_args(argv)
    table = build_pool()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False, lineterminator="\n")  # floats in full: they round-trip
    print(
        f"{len(table)} motifs; by length: {table['length'].value_counts().sort_index().to_dict()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
