"""In-silico probes: fresh random sequences with motifs implanted exactly where we choose.

A probe asks a trained model a controlled question ("what if A and B sit g bases apart?")
on sequences it has never seen. Backgrounds are uniform i.i.d. bases, as in the generators
of `hwlib.simulate`, and the gap is defined as there: the number of bases between the end of
A and the start of B.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hwlib.sequences import ALPHABET

CONTENTS = ("A", "B", "neither")
_EYE = np.eye(4, dtype=np.float32)


def _check_motif(name: str, motif: str) -> np.ndarray:
    if not isinstance(motif, str) or not motif or set(motif) - set(ALPHABET):
        raise ValueError(f"{name} must be a non-empty string over A, C, G, T, got {motif!r}")
    return np.array([ALPHABET.index(c) for c in motif], dtype=np.uint8)


def _check_int(name: str, value: int, low: int) -> None:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")


def _check_pair(
    n_name: str, motif_a: str, motif_b: str, n: int, seq_len: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The pair probes' common arguments checked; returns A's and B's base codes."""
    a, b = _check_motif("motif_a", motif_a), _check_motif("motif_b", motif_b)
    _check_int(n_name, n, 1)
    _check_int("seq_len", seq_len, 1)
    _check_int("seed", seed, 0)
    return a, b


def _check_integers(name: str, values: Sequence[int]) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 1 or len(values) == 0 or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"{name} must be a non-empty 1-D sequence of integers, got {values!r}")
    return values


def _implant(codes: np.ndarray, starts: np.ndarray, motif: np.ndarray) -> None:
    rows = np.arange(len(codes))[:, None]
    codes[rows, starts[:, None] + np.arange(len(motif))] = motif


def spacing_probe(
    motif_a: str,
    motif_b: str,
    gaps: Sequence[int],
    n_per_gap: int,
    seq_len: int = 101,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """A then B, exactly `gap` bases apart, in fresh uniform random backgrounds.

    For each gap g, `n_per_gap` sequences; A starts uniformly over every position that leaves
    room for A, g bases and B (0..seq_len - len(A) - g - len(B)), and B starts at
    start(A) + len(A) + g. Returns one-hot x float32 (len(gaps) * n_per_gap, seq_len, 4),
    grouped by gap in the order given, and the gap of each row (len(gaps) * n_per_gap,) int.
    """
    a, b = _check_pair("n_per_gap", motif_a, motif_b, n_per_gap, seq_len, seed)
    gaps = _check_integers("gaps", gaps)
    widest = seq_len - len(a) - len(b)
    if gaps.min() < 0 or gaps.max() > widest:
        raise ValueError(
            f"gaps must lie in 0..{widest} (seq_len - len(motif_a) - len(motif_b)) so that "
            f"both motifs fit in seq_len={seq_len}, got {gaps.min()}..{gaps.max()}"
        )
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    per_row = np.repeat(gaps, n_per_gap).astype(np.int64)
    codes = rng.integers(0, 4, size=(len(per_row), seq_len), dtype=np.uint8)
    start_a = rng.integers(0, widest - per_row + 1)
    _implant(codes, start_a, a)
    _implant(codes, start_a + len(a) + per_row, b)
    return _EYE[codes], per_row
    ### END SOLUTION


def presence_probe(
    motif_a: str,
    motif_b: str,
    n: int,
    seq_len: int = 101,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Reference sequences for a spacing probe: A alone, B alone, and neither.

    `n` fresh uniform random backgrounds per kind, the motif (if any) at a uniform start.
    Returns one-hot x float32 (3 n, seq_len, 4), grouped in the order of CONTENTS, and each
    row's content ("A", "B" or "neither") as an array (3 n,) of str.
    """
    a, b = _check_motif("motif_a", motif_a), _check_motif("motif_b", motif_b)
    _check_int("n", n, 1)
    _check_int("seed", seed, 0)
    _check_int("seq_len", seq_len, max(len(a), len(b)))
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 4, size=(3 * n, seq_len), dtype=np.uint8)
    _implant(codes[:n], rng.integers(0, seq_len - len(a) + 1, size=n), a)
    _implant(codes[n : 2 * n], rng.integers(0, seq_len - len(b) + 1, size=n), b)
    return _EYE[codes], np.repeat(np.array(CONTENTS), n)


PIECE_CONTENTS = ("motif", "pieces apart", "first piece", "last piece", "neither")


def piece_probe(
    motif: str, n: int, seq_len: int = 101, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Does a model need the whole motif, or do two of its pieces anywhere do?

    The pieces are the motif without its last base and without its first, each with the missing
    base replaced by another (two places along ALPHABET), so neither completes the motif. `n`
    fresh uniform random backgrounds per kind, in the order of PIECE_CONTENTS: the motif at a
    uniform start; the first piece in the sequence's first half and the last piece in its
    second half; each piece alone at a uniform start; neither. Returns one-hot x float32
    (5 n, seq_len, 4) and each row's content (5 n,) of str.
    """
    m = _check_motif("motif", motif)
    if len(m) < 2:
        raise ValueError(f"motif must have at least 2 bases to have pieces, got {motif!r}")
    _check_int("n", n, 1)
    _check_int("seed", seed, 0)
    k = len(m)
    _check_int("seq_len", seq_len, 2 * k)
    first = np.append(m[:-1], (m[-1] + 2) % 4).astype(np.uint8)
    last = np.insert(m[1:], 0, (m[0] + 2) % 4).astype(np.uint8)
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 4, size=(5 * n, seq_len), dtype=np.uint8)
    half = seq_len // 2
    motif_rows, apart, first_rows, last_rows = (codes[i * n : (i + 1) * n] for i in range(4))
    _implant(motif_rows, rng.integers(0, seq_len - k + 1, size=n), m)
    _implant(apart, rng.integers(0, half - k + 1, size=n), first)
    _implant(apart, rng.integers(half, seq_len - k + 1, size=n), last)
    _implant(first_rows, rng.integers(0, seq_len - k + 1, size=n), first)
    _implant(last_rows, rng.integers(0, seq_len - k + 1, size=n), last)
    return _EYE[codes], np.repeat(np.array(PIECE_CONTENTS), n)
