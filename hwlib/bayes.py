r"""Bayes-optimal scores: the likelihood ratio P(x | positive) / P(x | negative).

Every generator draws a uniform background, so any sequence x of length L has background
probability U = 4^{-L}. Writing a motif m of length k at start s turns that into
4^{-(L-k)} when x[s:s+k] == m and 0 otherwise; averaging over the n = L-k+1 equally likely
starts gives P(x | m implanted) / U = 4^k c_m(x) / n, where c_m(x) counts the occurrences
of m in x. Ratios of this kind are all the scorer needs:

* single_motif (motif probability p):
  LR = (1-p) + p 4^k c(x) / (L-k+1).
* multi_motif (probabilities p and c for implanting and co-occurrence): positives want both
  motifs with probability c, else A or B alone; each wanted motif is written with
  probability p. With R_A, R_B the one-motif ratios above and R_AB the two-motif ratio,
  LR = c[(1-p)^2 + p(1-p)(R_A + R_B) + p^2 R_AB] + (1-c)/2 [2(1-p) + p(R_A + R_B)].
  R_AB averages over all (s_A, s_B) pairs: B is written after A, so where they overlap the
  sequence must show B in full and only the uncovered part of A, and 4^{|covered bases|}
  replaces 4^{k_A + k_B}.
* interaction (gap range g_min..g_max, G values; n_s = L-k_A-g_max-k_B starts for A):
  P(x|pos)/U = 4^{k_A+k_B} / (n_s G) \sum_{s<n_s} \sum_g [A at s][B at s+k_A+g];
  P(x|neg)/U = (1 + R_A + R_B + R_far) / 4, where the far-apart negative draws A's start
  uniformly below n_s and B's uniformly over the L-k_B-s-k_A-g_max starts left beyond the
  largest gap, so R_far = 4^{k_A+k_B} / n_s \sum_{s<n_s} [A at s] N_B(s) / (L-k_B-s-k_A-g_max)
  with N_B(s) the occurrences of B starting after s+k_A+g_max.

No classifier can beat these scores on average: the ROC and PR curves of the likelihood
ratio dominate those of any other function of x (Neyman-Pearson).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from hwlib.metrics import roc_pr
from hwlib.sequences import ALPHABET, encode
from hwlib.simulate import Dataset


def motif_matches(codes: np.ndarray, motif: str, mask: np.ndarray | None = None) -> np.ndarray:
    """(N, L) integer codes -> (N, L-k+1) bool: does `motif` start at each position?

    Positions j where `mask[j]` is False are wildcards (used for a motif partly overwritten).
    """
    pattern = np.array([ALPHABET.index(c) for c in motif], dtype=codes.dtype)
    windows = sliding_window_view(codes, len(motif), axis=1)
    hits = windows == pattern
    if mask is not None:
        hits = hits | ~np.asarray(mask, dtype=bool)
    return hits.all(axis=-1)


def _codes(dataset: Dataset) -> np.ndarray:
    codes = encode(dataset.seqs)
    if (codes == 4).any():
        raise ValueError("the Bayes scorer needs sequences over A, C, G, T only (found N)")
    if codes.shape[1] != dataset.params["seq_len"]:
        raise ValueError(
            f"sequences have length {codes.shape[1]}, the generator's seq_len is "
            f"{dataset.params['seq_len']}"
        )
    return codes


def _one_motif_ratio(codes: np.ndarray, motif: str) -> np.ndarray:
    k = len(motif)
    n = codes.shape[1] - k + 1
    return 4.0**k * motif_matches(codes, motif).sum(axis=1) / n


def _pair_sum(ma: np.ndarray, mb: np.ndarray, offset: int) -> np.ndarray:
    """sum over s of ma[:, s] * mb[:, s + offset], over the s where both indices are valid."""
    na, nb = ma.shape[1], mb.shape[1]
    lo, hi = max(0, -offset), min(na, nb - offset)
    if hi <= lo:
        return np.zeros(len(ma))
    return (ma[:, lo:hi] & mb[:, lo + offset : hi + offset]).sum(axis=1)


def _two_motif_ratio(codes: np.ndarray, motif_a: str, motif_b: str) -> np.ndarray:
    """P(x | A written, then B written, both at uniform starts) / U."""
    ka, kb = len(motif_a), len(motif_b)
    ma, mb = motif_matches(codes, motif_a), motif_matches(codes, motif_b)
    total = 4.0 ** (ka + kb) * ma.sum(axis=1).astype(float) * mb.sum(axis=1)
    for d in range(-ka + 1, kb):  # d = s_A - s_B for overlapping placements
        covered_by_b = (d + np.arange(ka) >= 0) & (d + np.arange(ka) < kb)
        union = ka + kb - covered_by_b.sum()
        partial_a = motif_matches(codes, motif_a, mask=~covered_by_b)
        total -= 4.0 ** (ka + kb) * _pair_sum(mb, ma, d)
        total += 4.0**union * _pair_sum(mb, partial_a, d)
    return total / (ma.shape[1] * mb.shape[1])


def _interaction_ratio(codes: np.ndarray, p: dict) -> np.ndarray:
    a, b, g_min, g_max = p["motif_a"], p["motif_b"], p["gap_min"], p["gap_max"]
    ka, kb, length = len(a), len(b), codes.shape[1]
    n_starts = length - ka - g_max - kb
    ma = motif_matches(codes, a)[:, :n_starts]
    mb = motif_matches(codes, b)
    near = sum(_pair_sum(ma, mb, ka + g) for g in range(g_min, g_max + 1))
    pos = 4.0 ** (ka + kb) * near / (n_starts * (g_max - g_min + 1))
    # Occurrences of B at or after each start, to count B beyond the largest gap.
    b_from = np.cumsum(mb[:, ::-1], axis=1)[:, ::-1]
    s = np.arange(n_starts)
    far = (
        4.0 ** (ka + kb)
        / n_starts
        * (ma * b_from[:, s + ka + g_max + 1] / (length - kb - s - ka - g_max)).sum(axis=1)
    )
    neg = (1.0 + _one_motif_ratio(codes, a) + _one_motif_ratio(codes, b) + far) / 4.0
    return pos / neg


def optimal_scores(dataset: Dataset) -> np.ndarray:
    """Likelihood ratio P(x | positive) / P(x | negative) of each sequence: float64 (N,).

    Works on any Dataset returned by the generators in `hwlib.simulate` (or a subset).
    """
    codes, p = _codes(dataset), dataset.params
    if dataset.task == "single_motif":
        q = p["motif_prob"]
        return (1 - q) + q * _one_motif_ratio(codes, p["motif"])
    if dataset.task == "multi_motif":
        q, c = p["motif_prob"], p["cooccur_prob"]
        ra = _one_motif_ratio(codes, p["motif_a"])
        rb = _one_motif_ratio(codes, p["motif_b"])
        rab = _two_motif_ratio(codes, p["motif_a"], p["motif_b"])
        both = (1 - q) ** 2 + q * (1 - q) * (ra + rb) + q**2 * rab
        return c * both + (1 - c) / 2 * (2 * (1 - q) + q * (ra + rb))
    return _interaction_ratio(codes, p)


def ceiling(dataset: Dataset) -> dict[str, float]:
    """ROC AUC and PR AUC (average precision) of the optimal scores on `dataset`."""
    return roc_pr(dataset.labels, optimal_scores(dataset))
