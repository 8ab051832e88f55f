"""The three synthetic tasks of the homework, generated with vectorised numpy.

Every generator draws from one `numpy.random.Generator` seeded by `seed`. Backgrounds are
uniform i.i.d. bases; an implanted motif overwrites the background (and, in the two-motif
task, motif B is written after motif A, so B wins where they overlap). Positives come first
and are then shuffled together with the negatives. Placement ranges follow the reference
homework exactly, including its exclusive upper bounds in the interaction task.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

from hwlib.sequences import ALPHABET, decode, one_hot

TASKS = ("single_motif", "multi_motif", "interaction")
# The interaction task's four kinds of negative, drawn with equal probability.
NEGATIVE_MODES = ("one_a", "one_b", "far_apart", "none")
SITE_COLUMNS = ["seq", "name", "motif", "start", "end"]


@dataclass
class Dataset:
    """Labelled sequences of one task, with the sites that were implanted in them.

    `seqs`: N strings of equal length; `labels`: (N,) int, 1 for positive; `sites`: one row per
    implanted motif with columns seq (index into `seqs`), name ("motif", "A" or "B"), motif,
    start and end (half-open); `params`: the generator arguments the Bayes scorer needs;
    `negative_mode`: (N,) str, the interaction task's negative kind ("" elsewhere).
    """

    task: str
    params: dict[str, Any]
    seqs: list[str]
    labels: np.ndarray
    sites: pd.DataFrame
    negative_mode: np.ndarray = field(default=None)

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"unknown task {self.task!r}; expected one of {TASKS}")
        if self.negative_mode is None:
            self.negative_mode = np.full(len(self.seqs), "", dtype=object)
        self.sites = self.sites[SITE_COLUMNS].astype(
            {"seq": np.int64, "start": np.int64, "end": np.int64}
        )

    def __len__(self) -> int:
        return len(self.seqs)

    @cached_property
    def x(self) -> np.ndarray:
        """One-hot sequences, float32 (N, L, 4)."""
        return one_hot(self.seqs)

    def with_inputs(self, x: np.ndarray) -> Dataset:
        """A copy whose model input `.x` is `x` (N, L, 4) instead of the one-hot sequences.

        Used for perturbed inputs (e.g. noise): labels, sites and sequences, hence the Bayes
        ceiling, stay those of the underlying sequences.
        """
        x = np.asarray(x, dtype=np.float32)
        expected = (len(self), len(self.seqs[0]) if len(self) else 0, 4)
        if x.shape != expected:
            raise ValueError(f"x must have shape {expected} (N, L, 4), got {x.shape}")
        copy = Dataset(
            self.task, dict(self.params), self.seqs, self.labels, self.sites, self.negative_mode
        )
        copy.__dict__["x"] = x  # shadows the cached one-hot property
        return copy

    def subset(self, index: np.ndarray) -> Dataset:
        """The sequences at `index` (in that order), with their sites re-indexed."""
        index = np.asarray(index, dtype=int)
        if index.ndim != 1 or (len(index) and (index.min() < 0 or index.max() >= len(self))):
            raise ValueError(f"index must be a 1-D array of positions in 0..{len(self) - 1}")
        # A merge (not a position map) keeps the sites of every copy of a repeated index.
        positions = pd.DataFrame({"old": index, "new": np.arange(len(index))})
        sites = positions.merge(self.sites, left_on="old", right_on="seq")
        sites["seq"] = sites["new"]
        sites = sites[SITE_COLUMNS].sort_values(["seq", "start"], kind="stable")
        sites = sites.reset_index(drop=True)
        return Dataset(
            self.task,
            dict(self.params),
            [self.seqs[i] for i in index],
            self.labels[index],
            sites,
            self.negative_mode[index],
        )


def _check_count(name: str, value: int) -> None:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, got {value!r}")


def _check_motif(name: str, motif: str, seq_len: int) -> np.ndarray:
    if not isinstance(motif, str) or not motif or set(motif) - set(ALPHABET):
        raise ValueError(f"{name} must be a non-empty string over A, C, G, T, got {motif!r}")
    if len(motif) > seq_len:
        raise ValueError(f"{name} has length {len(motif)}, longer than seq_len={seq_len}")
    return np.array([ALPHABET.index(c) for c in motif], dtype=np.uint8)


def _check_prob(name: str, p: float) -> None:
    if not isinstance(p, (int, float, np.integer, np.floating)) or not 0.0 <= p <= 1.0:
        raise ValueError(f"{name} must be a probability in [0, 1], got {p!r}")


def _check_common(n_pos: int, n_neg: int, seq_len: int, seed: int) -> None:
    _check_count("n_pos", n_pos)
    _check_count("n_neg", n_neg)
    _check_count("seq_len", seq_len)
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")


def _implant(codes: np.ndarray, rows: np.ndarray, starts: np.ndarray, motif: np.ndarray) -> None:
    """Overwrite codes[rows[i], starts[i]:starts[i]+k] with `motif`, in place."""
    cols = starts[:, None] + np.arange(len(motif))
    codes[rows[:, None], cols] = motif


def _assemble(
    task: str,
    params: dict[str, Any],
    codes: np.ndarray,
    n_pos: int,
    site_parts: list[tuple[str, str, np.ndarray, np.ndarray]],
    rng: np.random.Generator,
    negative_mode: np.ndarray | None = None,
) -> Dataset:
    """Shuffle positives (rows < n_pos) with negatives and build the Dataset."""
    n = len(codes)
    perm = rng.permutation(n)
    new_pos = np.argsort(perm)
    labels = (np.arange(n) < n_pos).astype(np.int64)[perm]
    placed = []
    for name, motif, rows, starts in site_parts:
        shuffled = np.full(n, -1, dtype=np.int64)
        shuffled[new_pos[rows]] = starts
        placed.append((name, motif, shuffled))
    sites = _sites(placed)
    modes = None if negative_mode is None else negative_mode[perm]
    return Dataset(task, params, decode(codes[perm]), labels, sites, modes)


def _sites(parts: list[tuple[str, str, np.ndarray]]) -> pd.DataFrame:
    """The sites table of (name, motif, starts (N,), -1 where absent) parts, by sequence and
    start; at one start, the earlier part first."""
    frames = []
    for name, motif, starts in parts:
        seq = np.flatnonzero(starts >= 0)
        frame = {"seq": seq, "name": name, "motif": motif, "start": starts[seq]}
        frames.append(pd.DataFrame(frame | {"end": starts[seq] + len(motif)}, columns=SITE_COLUMNS))
    sites = pd.concat(frames, ignore_index=True)
    sites = sites.astype({"seq": np.int64, "start": np.int64, "end": np.int64})
    return sites.sort_values(["seq", "start"], kind="stable").reset_index(drop=True)


def single_motif_arrays(
    n_pos: int,
    n_neg: int,
    seq_len: int = 101,
    motif: str = "ACGTG",
    motif_prob: float = 1.0,
    seed: int = 42,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The single-motif task as arrays, drawn from one `numpy.random.Generator` seeded by `seed`.

    N = n_pos + n_neg sequences of seq_len bases, each base uniform over A, C, G, T. Each
    positive carries `motif` with probability `motif_prob`, written over its background at a
    start uniform in 0..seq_len-len(motif); negatives are pure background. The rows come in a
    random order (positives and negatives shuffled together). The same arguments give the same
    arrays.

    Returns codes (N, seq_len) integers 0..3 for A, C, G, T; labels (N,) 1 for a positive, 0 for
    a negative; starts (N,) the motif's start in each row, -1 where it was not implanted.
    Raises ValueError for a count below 1, a motif not over A, C, G, T or longer than seq_len,
    a probability outside [0, 1] or a negative seed.
    """
    _check_common(n_pos, n_neg, seq_len, seed)
    m = _check_motif("motif", motif, seq_len)
    _check_prob("motif_prob", motif_prob)
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    n = n_pos + n_neg
    codes = rng.integers(0, 4, size=(n, seq_len), dtype=np.uint8)
    rows = np.flatnonzero(rng.random(n_pos) < motif_prob)
    starts = np.full(n, -1, dtype=np.int64)
    starts[rows] = rng.integers(0, seq_len - len(m) + 1, size=n_pos)[rows]
    _implant(codes, rows, starts[rows], m)
    order = rng.permutation(n)
    labels = (np.arange(n) < n_pos).astype(np.int64)
    return codes[order], labels[order], starts[order]
    ### END SOLUTION


def single_motif(
    n_pos: int,
    n_neg: int,
    seq_len: int = 101,
    motif: str = "ACGTG",
    motif_prob: float = 1.0,
    seed: int = 42,
) -> Dataset:
    """The single-motif task as a Dataset: the sequences, labels and sites of
    `single_motif_arrays` with the same arguments."""
    arrays = single_motif_arrays(n_pos, n_neg, seq_len, motif, motif_prob, seed)
    codes, labels, starts = (np.asarray(a) for a in arrays)
    sites = _sites([("motif", motif, starts)])
    params = {"seq_len": seq_len, "motif": motif, "motif_prob": float(motif_prob)}
    return Dataset("single_motif", params, decode(codes), labels.astype(np.int64), sites)


def multi_motif_arrays(
    n_pos: int,
    n_neg: int,
    seq_len: int = 101,
    motif_a: str = "ACGTG",
    motif_b: str = "TGCAT",
    motif_prob: float = 1.0,
    cooccur_prob: float = 0.5,
    seed: int = 42,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The two-motif task as arrays, drawn from one `numpy.random.Generator` seeded by `seed`.

    N = n_pos + n_neg sequences of seq_len bases, each base uniform over A, C, G, T. Each
    positive is meant to carry both motifs with probability `cooccur_prob`, else A only or B
    only with equal probability; each motif it is meant to carry is then written with
    probability `motif_prob`, independently, over its background at a start uniform in
    0..seq_len-len(motif), A first and B second (so B wins where they overlap). Negatives are
    pure background. The rows come in a random order. The same arguments give the same arrays.

    Returns codes (N, seq_len) integers 0..3 for A, C, G, T; labels (N,) 1 for a positive, 0
    for a negative; starts_a and starts_b (N,) each motif's start in each row, -1 where it was
    not written. Raises ValueError as `single_motif_arrays` does, for either motif and either
    probability.
    """
    _check_common(n_pos, n_neg, seq_len, seed)
    a = _check_motif("motif_a", motif_a, seq_len)
    b = _check_motif("motif_b", motif_b, seq_len)
    _check_prob("motif_prob", motif_prob)
    _check_prob("cooccur_prob", cooccur_prob)
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    n = n_pos + n_neg
    codes = rng.integers(0, 4, size=(n, seq_len), dtype=np.uint8)
    r = rng.random(n_pos)
    want_a = r < cooccur_prob + (1 - cooccur_prob) / 2
    want_b = (r < cooccur_prob) | ~want_a
    rows_a = np.flatnonzero(want_a & (rng.random(n_pos) < motif_prob))
    rows_b = np.flatnonzero(want_b & (rng.random(n_pos) < motif_prob))
    starts_a, starts_b = np.full(n, -1, dtype=np.int64), np.full(n, -1, dtype=np.int64)
    starts_a[rows_a] = rng.integers(0, seq_len - len(a) + 1, size=n_pos)[rows_a]
    starts_b[rows_b] = rng.integers(0, seq_len - len(b) + 1, size=n_pos)[rows_b]
    _implant(codes, rows_a, starts_a[rows_a], a)
    _implant(codes, rows_b, starts_b[rows_b], b)
    order = rng.permutation(n)
    labels = (np.arange(n) < n_pos).astype(np.int64)
    return codes[order], labels[order], starts_a[order], starts_b[order]
    ### END SOLUTION


def multi_motif(
    n_pos: int,
    n_neg: int,
    seq_len: int = 101,
    motif_a: str = "ACGTG",
    motif_b: str = "TGCAT",
    motif_prob: float = 1.0,
    cooccur_prob: float = 0.5,
    seed: int = 42,
) -> Dataset:
    """The two-motif task as a Dataset: the sequences, labels and sites (named A and B) of
    `multi_motif_arrays` with the same arguments."""
    arrays = multi_motif_arrays(
        n_pos, n_neg, seq_len, motif_a, motif_b, motif_prob, cooccur_prob, seed
    )
    codes, labels, starts_a, starts_b = (np.asarray(x) for x in arrays)
    params = {
        "seq_len": seq_len,
        "motif_a": motif_a,
        "motif_b": motif_b,
        "motif_prob": float(motif_prob),
        "cooccur_prob": float(cooccur_prob),
    }
    sites = _sites([("A", motif_a, starts_a), ("B", motif_b, starts_b)])
    return Dataset("multi_motif", params, decode(codes), labels.astype(np.int64), sites)


def interaction(
    n_pos: int,
    n_neg: int,
    seq_len: int = 101,
    motif_a: str = "ACGTG",
    motif_b: str = "TGCAT",
    gap_min: int = 10,
    gap_max: int = 25,
    seed: int = 42,
    matched_positions: bool = False,
) -> Dataset:
    """Positives carry A then B with a gap (bases between them) uniform in gap_min..gap_max.

    A starts uniformly in 0..n_s-1, n_s = seq_len-len(A)-gap_max-len(B). Negatives are, with
    equal probability: A alone, B alone (each at a uniform start), A then B with a gap above
    gap_max ("far_apart": A's start as for positives, B's start uniform over what remains),
    or neither.

    In that default, far_apart negatives place B late: B's start alone separates them from
    positives (ROC AUC ~0.85 at the defaults). `matched_positions=True` draws the negatives'
    starts from the positives' distributions instead (the positives are drawn as before):

    * one_a: A's start uniform in 0..n_s-1, as positives' A;
    * one_b: B's start distributed as positives' B, i.e. s + len(A) + g with s uniform in
      0..n_s-1 and g uniform in gap_min..gap_max;
    * far_apart: A's start s uniform in 0..n_s-1 (exactly positives' A), and B at
      s + len(A) + gap_max + 1, so the gap is always gap_max + 1, just outside the range.

    So P(s_A, s_B) = [s_B = s_A + len(A) + gap_max + 1] / n_s for far_apart. B's start is
    then uniform on len(A)+gap_max+1 .. seq_len-len(B), which agrees with the positives'
    B-start distribution (probability 1/n_s) on its flat middle, not on its two ramps; its
    total-variation distance to it is the positives' mass P(s_B <= len(A) + gap_max) =
    (G+1)/(2 n_s) when G = gap_max-gap_min+1 <= n_s. No far_apart design can do better: both
    marginals cannot match at once (E[s_B - s_A] is at most len(A) + gap_max in positives and
    above it in far_apart), and since s_A >= 0 forces s_B > len(A) + gap_max, every design
    misses at least that mass of the positives' B starts; this one meets that bound while
    matching A exactly. `matched_positions` is recorded in `params` only when True, so
    the default's params (and data written from them) are unchanged.
    """
    if not isinstance(matched_positions, (bool, np.bool_)):
        raise ValueError(f"matched_positions must be a bool, got {matched_positions!r}")
    _check_common(n_pos, n_neg, seq_len, seed)
    a = _check_motif("motif_a", motif_a, seq_len)
    b = _check_motif("motif_b", motif_b, seq_len)
    for name, value in (("gap_min", gap_min), ("gap_max", gap_max)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    if gap_min > gap_max:
        raise ValueError(f"gap_min={gap_min} must not exceed gap_max={gap_max}")
    ka, kb = len(a), len(b)
    n_starts = seq_len - ka - gap_max - kb
    if n_starts < 1:
        raise ValueError(
            f"seq_len={seq_len} is too short for the grammar: it must be at least "
            f"len(motif_a) + gap_max + len(motif_b) + 1 = {ka + gap_max + kb + 1}"
        )
    rng = np.random.default_rng(seed)
    n = n_pos + n_neg
    codes = rng.integers(0, 4, size=(n, seq_len), dtype=np.uint8)
    pos = np.arange(n_pos)
    start_a = rng.integers(0, n_starts, size=n_pos)
    start_b = start_a + ka + rng.integers(gap_min, gap_max + 1, size=n_pos)

    mode = rng.integers(0, len(NEGATIVE_MODES), size=n_neg)
    neg = n_pos + np.arange(n_neg)
    if matched_positions:
        lone_a = rng.integers(0, n_starts, size=n_neg)
        lone_b = rng.integers(0, n_starts, size=n_neg) + ka
        lone_b += rng.integers(gap_min, gap_max + 1, size=n_neg)
        far_a = rng.integers(0, n_starts, size=n_neg)
        far_b = far_a + ka + gap_max + 1
    else:
        lone_a = rng.integers(0, seq_len - ka + 1, size=n_neg)
        lone_b = rng.integers(0, seq_len - kb + 1, size=n_neg)
        far_a = rng.integers(0, n_starts, size=n_neg)
        far_b = rng.integers(far_a + ka + gap_max + 1, seq_len - kb + 1)
    is_a, is_b, is_far = (mode == 0), (mode == 1), (mode == 2)

    parts = [
        ("A", motif_a, pos, start_a),
        ("B", motif_b, pos, start_b),
        ("A", motif_a, neg[is_a], lone_a[is_a]),
        ("B", motif_b, neg[is_b], lone_b[is_b]),
        ("A", motif_a, neg[is_far], far_a[is_far]),
        ("B", motif_b, neg[is_far], far_b[is_far]),
    ]
    for name, _, rows, starts in parts:
        _implant(codes, rows, starts, a if name == "A" else b)
    params = {
        "seq_len": seq_len,
        "motif_a": motif_a,
        "motif_b": motif_b,
        "gap_min": gap_min,
        "gap_max": gap_max,
    }
    if matched_positions:
        params["matched_positions"] = True
    modes = np.concatenate(
        [np.full(n_pos, "", dtype=object), np.array(NEGATIVE_MODES, dtype=object)[mode]]
    )
    return _assemble("interaction", params, codes, n_pos, parts, rng, modes)


def split(
    dataset: Dataset, seed: int = 42, val_frac: float = 0.1, test_frac: float = 0.2
) -> tuple[Dataset, Dataset, Dataset]:
    """Stratified, seeded train/validation/test split (70/10/20 by default, as the reference).

    Like the reference, the test set is drawn first, then validation from the remainder.
    """
    for name, f in (("val_frac", val_frac), ("test_frac", test_frac)):
        if not 0.0 < f < 1.0:
            raise ValueError(f"{name} must lie strictly between 0 and 1, got {f!r}")
    if val_frac + test_frac >= 1.0:
        raise ValueError(f"val_frac + test_frac must be below 1, got {val_frac + test_frac}")
    index = np.arange(len(dataset))
    rest, test = train_test_split(
        index, test_size=test_frac, random_state=seed, stratify=dataset.labels
    )
    train, val = train_test_split(
        rest,
        test_size=val_frac / (1.0 - test_frac),
        random_state=seed,
        stratify=dataset.labels[rest],
    )
    return dataset.subset(train), dataset.subset(val), dataset.subset(test)
