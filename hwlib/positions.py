"""Where motifs sit: their starts in a dataset, and probes at fixed absolute positions.

A model can tell two kinds of sequence apart by *where* a motif sits rather than by what lies
between two motifs. `motif_starts`, `position_cues` and `start_auc` measure such a shortcut in
a dataset from its implanted sites; `anchored_spacing_probe` implants A then B at a chosen gap
with the pair pinned to an absolute position, so that the same gap can be asked about early
and late in the sequence, and `position_scan` slides one pair along the sequence.
Backgrounds are uniform i.i.d. bases and the gap is the number of bases between the end of A
and the start of B, as in `hwlib.simulate` and `hwlib.probes`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from hwlib.metrics import roc_pr
from hwlib.probes import _EYE, _check_int, _check_integers, _check_pair, _implant
from hwlib.simulate import NEGATIVE_MODES, Dataset


def motif_starts(dataset: Dataset, name: str) -> np.ndarray:
    """Start of the implanted site called `name` in each sequence of `dataset`: float64 (N,),
    NaN where none was implanted (the first one where several were).

    Site names: "motif" in the single-motif task, "A" and "B" in the two-motif tasks.
    """
    names = ("motif",) if dataset.task == "single_motif" else ("A", "B")
    if name not in names:
        raise ValueError(f"name must be one of {names} for the {dataset.task} task, got {name!r}")
    first = dataset.sites[dataset.sites["name"] == name].groupby("seq")["start"].min()
    starts = np.full(len(dataset), np.nan)
    starts[first.index.to_numpy()] = first.to_numpy()
    return starts


def kinds(dataset: Dataset) -> np.ndarray:
    """Kind of each sequence, (N,) object: "positive", else its negative kind in the
    interaction task (one_a, one_b, far_apart, none) or "negative" in the other tasks."""
    mode = np.where(dataset.negative_mode == "", "negative", dataset.negative_mode)
    return np.where(dataset.labels == 1, "positive", mode).astype(object)


def _interaction(dataset: Dataset) -> dict:
    if dataset.task != "interaction":
        raise ValueError(f"needs the interaction task's sites, got a {dataset.task} dataset")
    return dataset.params


def position_cues(dataset: Dataset, late: int) -> pd.DataFrame:
    """How often each kind of interaction sequence has a motif where positives (almost) never do.

    One row per kind (positive, then one_a, one_b, far_apart, none) with `n` (its sequences)
    and two fractions, each over the sequences of that kind that carry the motif (NaN where
    none does): `A after positives' last start`, A starting at or after n_s = seq_len - len(A)
    - gap_max - len(B), where no positive's A can start; and `B in the last {late} bases`, B
    starting at or after seq_len - late.
    """
    p = _interaction(dataset)
    if not isinstance(late, (int, np.integer)) or isinstance(late, bool):
        raise ValueError(f"late must be an integer, got {late!r}")
    if not len(p["motif_b"]) <= late <= p["seq_len"]:
        raise ValueError(f"late must lie in {len(p['motif_b'])}..{p['seq_len']}, got {late}")
    n_starts = p["seq_len"] - len(p["motif_a"]) - p["gap_max"] - len(p["motif_b"])
    a, b = motif_starts(dataset, "A"), motif_starts(dataset, "B")
    with np.errstate(invalid="ignore"):
        cues = pd.DataFrame(
            {
                "kind": kinds(dataset),
                "A after positives' last start": np.where(np.isnan(a), np.nan, a >= n_starts),
                f"B in the last {late} bases": np.where(
                    np.isnan(b), np.nan, b >= p["seq_len"] - late
                ),
            }
        )
    table = cues.groupby("kind").mean()
    table.insert(0, "n", cues.groupby("kind").size())
    return table.reindex(["positive", *NEGATIVE_MODES])


def kind_auc(dataset: Dataset, scores: np.ndarray, negative_kind: str = "far_apart") -> float:
    """ROC AUC of `scores` (N,) for the positives of an interaction dataset against its
    negatives of one kind (by default far_apart, which only spacing or position can tell)."""
    _interaction(dataset)
    if negative_kind not in NEGATIVE_MODES:
        raise ValueError(f"negative_kind must be one of {NEGATIVE_MODES}, got {negative_kind!r}")
    scores = np.asarray(scores, dtype=float)
    if scores.shape != (len(dataset),):
        raise ValueError(f"scores must have shape ({len(dataset)},), got {scores.shape}")
    pair = np.isin(kinds(dataset), ["positive", negative_kind])
    return roc_pr(dataset.labels[pair], scores[pair])["roc_auc"]


def start_auc(dataset: Dataset, name: str, negative_kind: str = "far_apart") -> float:
    """ROC AUC of a motif's start alone, earlier scoring higher, for positives against the
    negatives of one kind: how well where motif `name` sits separates them (0.5: not at all).
    Both groups must carry the motif."""
    start = motif_starts(dataset, name)
    pair = np.isin(kinds(dataset), ["positive", negative_kind])
    if negative_kind in NEGATIVE_MODES and np.isnan(start[pair]).any():
        raise ValueError(f"every positive and every {negative_kind} negative must carry {name}")
    return kind_auc(dataset, -np.nan_to_num(start, nan=0.0), negative_kind)


def _pairs(
    a: np.ndarray, b: np.ndarray, first_a: np.ndarray, gap: np.ndarray, seq_len: int, seed: int
) -> np.ndarray:
    """One-hot (len(first_a), seq_len, 4): A at first_a, B `gap` bases after A's end."""
    codes = np.random.default_rng(seed).integers(0, 4, size=(len(first_a), seq_len), dtype=np.uint8)
    _implant(codes, first_a, a)
    _implant(codes, first_a + len(a) + gap, b)
    return _EYE[codes]


def anchored_spacing_probe(
    motif_a: str,
    motif_b: str,
    gaps: Sequence[int],
    n_per_gap: int,
    *,
    start_a: int | None = None,
    end_b: int | None = None,
    seq_len: int = 101,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """A then B, exactly `gap` bases apart, at a fixed absolute position, in fresh uniform
    random backgrounds.

    Give exactly one anchor: `start_a` puts A at start_a for every gap g (B then starts at
    start_a + len(A) + g); `end_b` ends B at end_b (exclusive; end_b = seq_len puts B's last
    base on the sequence's last base), with A starting at end_b - len(B) - g - len(A). Every
    gap's pair must fit in 0..seq_len. For each gap, `n_per_gap` sequences.

    Returns one-hot x float32 (len(gaps) * n_per_gap, seq_len, 4), grouped by gap in the order
    given, and the gap of each row, int64 (len(gaps) * n_per_gap,).
    """
    a, b = _check_pair("n_per_gap", motif_a, motif_b, n_per_gap, seq_len, seed)
    gaps = _check_integers("gaps", gaps)
    if gaps.min() < 0:
        raise ValueError(f"gaps must be >= 0 (B after A, no overlap), got {gaps.min()}")
    if (start_a is None) == (end_b is None):
        raise ValueError(
            f"give exactly one anchor, start_a or end_b; got start_a={start_a!r}, end_b={end_b!r}"
        )
    per_row = np.repeat(gaps, n_per_gap).astype(np.int64)
    if start_a is not None:
        _check_int("start_a", start_a, 0)
        first_a = np.full(len(per_row), start_a, dtype=np.int64)
        widest = seq_len - start_a - len(a) - len(b)
        where = f"with A at {start_a}"
    else:
        _check_int("end_b", end_b, len(a) + len(b))
        first_a = end_b - len(b) - len(a) - per_row
        widest = end_b - len(a) - len(b)
        where = f"with B ending at {end_b}"
    if end_b is not None and end_b > seq_len:
        raise ValueError(f"end_b must be at most seq_len={seq_len}, got {end_b}")
    if gaps.max() > widest:
        raise ValueError(
            f"the pair does not fit in seq_len={seq_len} {where}: gaps must be at most "
            f"{widest}, got {gaps.max()}"
        )
    return _pairs(a, b, first_a, per_row, seq_len, seed), per_row


def position_scan(
    motif_a: str,
    motif_b: str,
    gap: int,
    starts: Sequence[int],
    n_per_start: int,
    seq_len: int = 101,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """One pair, A then B `gap` bases apart, slid along the sequence: for each start s in
    `starts`, `n_per_start` fresh uniform random backgrounds with A at s and B at
    s + len(A) + gap.

    Returns one-hot x float32 (len(starts) * n_per_start, seq_len, 4), grouped by start in the
    order given, and A's start in each row, int64 (len(starts) * n_per_start,).
    """
    a, b = _check_pair("n_per_start", motif_a, motif_b, n_per_start, seq_len, seed)
    _check_int("gap", gap, 0)
    starts = _check_integers("starts", starts)
    last = seq_len - len(a) - gap - len(b)
    if starts.min() < 0 or starts.max() > last:
        raise ValueError(
            f"starts must lie in 0..{last} so that A, {gap} bases and B fit in "
            f"seq_len={seq_len}, got {starts.min()}..{starts.max()}"
        )
    per_row = np.repeat(starts, n_per_start).astype(np.int64)
    return _pairs(a, b, per_row, np.full(len(per_row), gap), seq_len, seed), per_row
