"""Bayes-optimal scores: the likelihood ratio P(x | positive) / P(x | negative) of each
generator of `hwlib.simulate`, exact for clean sequences and for one-hot inputs with Gaussian
noise (`hwlib.noise.gaussian_noise`), and the ceilings they give.

No classifier can beat these scores on average: the ROC and PR curves of the likelihood
ratio dominate those of any other function of x (Neyman-Pearson); with noise, of any
function of the noisy input.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from hwlib.metrics import roc_pr
from hwlib.sequences import ALPHABET, encode
from hwlib.simulate import Dataset

# match(motif, mask=None) -> (N, L-k+1): [motif at s] (bool, clean) or its posterior (noisy).
Matcher = Callable[..., np.ndarray]


def _check_motif(motif: str, length: int) -> None:
    if not isinstance(motif, str) or not motif or set(motif) - set(ALPHABET):
        raise ValueError(f"motif must be a non-empty string over A, C, G, T, got {motif!r}")
    if len(motif) > length:
        raise ValueError(f"motif {motif!r} is longer than the sequences ({length} bases)")


def _check_mask(mask: np.ndarray | None, motif: str) -> None:
    if mask is not None and np.shape(mask) != (len(motif),):
        raise ValueError(f"mask must be None or hold one value per motif base ({len(motif)})")


def motif_matches(codes: np.ndarray, motif: str, mask: np.ndarray | None = None) -> np.ndarray:
    """(N, L) integer codes 0..3 (A, C, G, T) -> (N, L-k+1) bool, k = len(motif): does
    `motif` start at each position of each sequence?

    `mask` (k,) bool, optional: positions j where `mask[j]` is False are wildcards that
    match any base (used for a motif partly overwritten by another).
    """
    codes = np.asarray(codes)
    if codes.ndim != 2 or not np.issubdtype(codes.dtype, np.integer):
        raise ValueError(f"codes must be an (N, L) integer array, got {codes.dtype} {codes.shape}")
    _check_motif(motif, codes.shape[1])
    _check_mask(mask, motif)
    ### BEGIN SOLUTION
    pattern = np.array([ALPHABET.index(c) for c in motif], dtype=codes.dtype)
    windows = sliding_window_view(codes, len(motif), axis=1)
    hits = windows == pattern
    if mask is not None:
        hits = hits | ~np.asarray(mask, dtype=bool)
    return hits.all(axis=-1)
    ### END SOLUTION


def all_pieces_present(codes: np.ndarray, motif: str, k: int) -> np.ndarray:
    """(N, L) integer codes -> (N,) bool: does every k-base piece of `motif` occur somewhere?

    The pieces are motif[i : i + k] for i = 0 .. len(motif) - k, each looked for anywhere in
    the sequence, in any order and at any distance: the most that detectors of width k can
    report once global max pooling has discarded where they fired. With k = len(motif) it is
    "the motif occurs".
    """
    _check_motif(motif, len(motif))
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= len(motif):
        raise ValueError(f"k must be an integer from 1 to len(motif) = {len(motif)}, got {k!r}")
    codes = np.asarray(codes)
    if codes.ndim != 2 or codes.shape[1] < k:
        raise ValueError(f"codes must be (N, L) with L >= k = {k}, got shape {codes.shape}")
    ### BEGIN SOLUTION
    pieces = [motif[i : i + k] for i in range(len(motif) - k + 1)]
    return np.all([motif_matches(codes, piece).any(axis=1) for piece in pieces], axis=0)
    ### END SOLUTION


def base_log_posteriors(x: np.ndarray, noise_std: float) -> np.ndarray:
    """log P(base | x_i) of noisy one-hot inputs x (N, L, 4): float64 (N, L, 4).

    x = onehot + noise with noise N(0, noise_std^2) i.i.d. per entry, no clipping
    (`hwlib.noise.gaussian_noise`), and each base A, C, G, T equally likely a priori. Exact,
    and finite for every finite x and noise_std > 0 (no overflow for small noise_std).
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 3 or x.shape[-1] != 4 or not np.isfinite(x).all():
        raise ValueError(f"x must be a finite (N, L, 4) array, got shape {x.shape}")
    number = isinstance(noise_std, (int, float, np.integer, np.floating))
    if isinstance(noise_std, bool) or not number or not np.isfinite(noise_std) or noise_std <= 0:
        raise ValueError(f"noise_std must be a finite number > 0, got {noise_std!r}")
    ### BEGIN SOLUTION
    z = x / float(noise_std) ** 2
    top = z.max(axis=-1, keepdims=True)
    return z - (top + np.log(np.exp(z - top).sum(axis=-1, keepdims=True)))
    ### END SOLUTION


def soft_motif_matches(
    log_post: np.ndarray, motif: str, mask: np.ndarray | None = None
) -> np.ndarray:
    """(N, L, 4) log posteriors of the bases -> (N, L-k+1) float64, k = len(motif): the
    posterior probability that `motif` is written at each start, the product over j of
    P(base s+j is motif[j] | x).

    It is 0/1 `motif_matches` when the posteriors are one-hot. Positions j where `mask[j]` is
    False are left out of the product.
    """
    log_post = np.asarray(log_post, dtype=np.float64)
    if log_post.ndim != 3 or log_post.shape[-1] != 4:
        raise ValueError(f"log_post must be (N, L, 4), got shape {log_post.shape}")
    _check_motif(motif, log_post.shape[1])
    _check_mask(mask, motif)
    ### BEGIN SOLUTION
    k = len(motif)
    pattern = np.array([ALPHABET.index(c) for c in motif])
    windows = sliding_window_view(log_post, k, axis=1)  # (N, L-k+1, 4, k)
    picked = windows[:, :, pattern, np.arange(k)]  # (N, L-k+1, k): log post of motif[j]
    if mask is not None:
        picked = picked[:, :, np.asarray(mask, dtype=bool)]
    return np.exp(picked.sum(axis=-1))
    ### END SOLUTION


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


def _noisy_inputs(dataset: Dataset, x, noise_std) -> np.ndarray:
    """Checked noisy inputs x as float64 (N, L, 4)."""
    if noise_std is None:
        raise ValueError(
            "x was given without noise_std: scoring noisy inputs exactly needs the standard "
            "deviation sigma > 0 of the Gaussian noise added to the one-hot sequences"
        )
    if x is None:
        raise ValueError(
            "noise_std was given without x: pass the noisy inputs x (N, L, 4) too, or neither "
            "to score the clean sequences"
        )
    if (
        isinstance(noise_std, bool)
        or not isinstance(noise_std, (int, float, np.integer, np.floating))
        or not np.isfinite(noise_std)
        or not noise_std > 0
    ):
        raise ValueError(f"noise_std must be a finite number > 0, got {noise_std!r}")
    x = np.asarray(x, dtype=np.float64)
    expected = (len(dataset), dataset.params["seq_len"], 4)
    if x.shape != expected:
        raise ValueError(f"x must have shape {expected} (N, seq_len, 4), got {x.shape}")
    if not np.isfinite(x).all():
        raise ValueError("x must be finite (found NaN or inf)")
    return x


def _matcher(dataset: Dataset, x, noise_std) -> Matcher:
    if x is None and noise_std is None:
        codes = _codes(dataset)
        return lambda motif, mask=None: motif_matches(codes, motif, mask)
    log_post = base_log_posteriors(_noisy_inputs(dataset, x, noise_std), noise_std)
    return lambda motif, mask=None: soft_motif_matches(log_post, motif, mask)


def single_motif_ratio(matches: np.ndarray, motif_len: int, motif_prob: float) -> np.ndarray:
    """The single-motif task's likelihood ratio P(x | positive) / P(x | negative): float64 (N,).

    The task is `simulate.single_motif_arrays`'s: uniform background bases, and in a positive,
    with probability `motif_prob`, a motif of `motif_len` bases written at a uniform start.
    `matches` (N, S), S = seq_len - motif_len + 1: whether the motif starts at each position
    of each sequence x (1 or 0; for noisy inputs, the posterior probability that it does).
    """
    matches = np.asarray(matches, dtype=np.float64)
    if matches.ndim != 2 or matches.shape[1] < 1:
        raise ValueError(f"matches must be (N, S) with S >= 1 starts, got shape {matches.shape}")
    if isinstance(motif_len, bool) or not isinstance(motif_len, (int, np.integer)) or motif_len < 1:
        raise ValueError(f"motif_len must be an integer >= 1, got {motif_len!r}")
    if isinstance(motif_prob, bool) or not 0.0 <= motif_prob <= 1.0:
        raise ValueError(f"motif_prob must be a probability in [0, 1], got {motif_prob!r}")
    ### BEGIN SOLUTION
    starts = matches.shape[1]
    return (1 - motif_prob) + motif_prob * (4.0**motif_len * matches.sum(axis=1) / starts)
    ### END SOLUTION


def _one_motif_ratio(match: Matcher, motif: str) -> np.ndarray:
    """P(x | `motif` written at a uniform start) / P(x | background)."""
    return single_motif_ratio(match(motif), len(motif), 1.0)


def _pair_sum(ma: np.ndarray, mb: np.ndarray, offset: int) -> np.ndarray:
    """sum over s of ma[:, s] * mb[:, s + offset], over the s where both indices are valid."""
    na, nb = ma.shape[1], mb.shape[1]
    lo, hi = max(0, -offset), min(na, nb - offset)
    if hi <= lo:
        return np.zeros(len(ma))
    return (ma[:, lo:hi] * mb[:, lo + offset : hi + offset]).sum(axis=1)


def _two_motif_ratio(match: Matcher, motif_a: str, motif_b: str) -> np.ndarray:
    """P(x | A written, then B written, both at uniform starts) / U."""
    ka, kb = len(motif_a), len(motif_b)
    ma, mb = match(motif_a), match(motif_b)
    na, nb = ma.shape[1], mb.shape[1]
    # Placements that do not overlap: B wholly before A (s_B <= s_A - k_B) or after it
    # (s_B >= s_A + k_A), from prefix and suffix sums of B's matches.
    zero = np.zeros((len(mb), 1), dtype=mb.dtype)
    before = np.concatenate([zero, np.cumsum(mb, axis=1)], axis=1)  # sum over s_B < j
    after = np.concatenate([np.cumsum(mb[:, ::-1], axis=1)[:, ::-1], zero], axis=1)  # s_B >= j
    s = np.arange(na)
    apart = before[:, np.clip(s - kb + 1, 0, nb)] + after[:, np.minimum(s + ka, nb)]
    total = 4.0 ** (ka + kb) * (ma * apart).sum(axis=1)
    for d in range(-ka + 1, kb):  # d = s_A - s_B for overlapping placements
        covered_by_b = (d + np.arange(ka) >= 0) & (d + np.arange(ka) < kb)
        union = ka + kb - covered_by_b.sum()
        partial_a = match(motif_a, mask=~covered_by_b)
        total += 4.0**union * _pair_sum(mb, partial_a, d)
    return total / (na * nb)


def _interaction_ratio(match: Matcher, length: int, p: dict) -> np.ndarray:
    a, b, g_min, g_max = p["motif_a"], p["motif_b"], p["gap_min"], p["gap_max"]
    ka, kb = len(a), len(b)
    n_starts = length - ka - g_max - kb
    ma = match(a)[:, :n_starts]
    mb = match(b)
    near = sum(_pair_sum(ma, mb, ka + g) for g in range(g_min, g_max + 1))
    pos = 4.0 ** (ka + kb) * near / (n_starts * (g_max - g_min + 1))
    if p.get("matched_positions", False):
        # Starts drawn as in positives (every term is a window product, so noisy works too).
        ra = single_motif_ratio(ma, ka, 1.0)
        rb = sum(mb[:, ka + g : ka + g + n_starts].sum(axis=1) for g in range(g_min, g_max + 1))
        rb = 4.0**kb * rb / (n_starts * (g_max - g_min + 1))
        far = 4.0 ** (ka + kb) * _pair_sum(ma, mb, ka + g_max + 1) / n_starts
        return pos / ((1.0 + ra + rb + far) / 4.0)
    # Occurrences of B at or after each start, to count B beyond the largest gap.
    b_from = np.cumsum(mb[:, ::-1], axis=1)[:, ::-1]
    s = np.arange(n_starts)
    far = (
        4.0 ** (ka + kb)
        / n_starts
        * (ma * b_from[:, s + ka + g_max + 1] / (length - kb - s - ka - g_max)).sum(axis=1)
    )
    neg = (1.0 + _one_motif_ratio(match, a) + _one_motif_ratio(match, b) + far) / 4.0
    return pos / neg


def optimal_scores(
    dataset: Dataset, x: np.ndarray | None = None, noise_std: float | None = None
) -> np.ndarray:
    """Likelihood ratio P(x | positive) / P(x | negative) of each sequence: float64 (N,).

    Works on any Dataset returned by the generators in `hwlib.simulate` (or a subset). By
    default x is the clean sequence. Given noisy inputs `x` (N, seq_len, 4), one-hot plus
    Gaussian noise of standard deviation `noise_std` > 0 per entry (unclipped, as
    `hwlib.noise.gaussian_noise`), it is the exact ratio of those inputs instead; the two
    go together.
    """
    match, p = _matcher(dataset, x, noise_std), dataset.params
    length = p["seq_len"]
    if dataset.task == "single_motif":
        return single_motif_ratio(match(p["motif"]), len(p["motif"]), p["motif_prob"])
    if dataset.task == "multi_motif":
        q, c = p["motif_prob"], p["cooccur_prob"]
        ra = _one_motif_ratio(match, p["motif_a"])
        rb = _one_motif_ratio(match, p["motif_b"])
        rab = _two_motif_ratio(match, p["motif_a"], p["motif_b"])
        both = (1 - q) ** 2 + q * (1 - q) * (ra + rb) + q**2 * rab
        return c * both + (1 - c) / 2 * (2 * (1 - q) + q * (ra + rb))
    return _interaction_ratio(match, length, p)


def ceiling(
    dataset: Dataset, x: np.ndarray | None = None, noise_std: float | None = None
) -> dict[str, float]:
    """ROC AUC and PR AUC (average precision) of the optimal scores on `dataset`.

    With noisy inputs `x` and their `noise_std` (see `optimal_scores`), the ceiling of a
    model that sees those inputs.
    """
    return roc_pr(dataset.labels, optimal_scores(dataset, x, noise_std))


def _automaton(motifs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """A matcher for several motifs at once: transitions (Q, 4) and found-bits (Q,).

    States are the prefixes of the motifs; reading base c in state q moves to the longest
    suffix of q + c that is a prefix. found[q] has bit i set when motif i is a suffix of q,
    i.e. ends at the base just read.
    """
    prefixes = sorted({m[:i] for m in motifs for i in range(len(m) + 1)}, key=len)
    index = {p: i for i, p in enumerate(prefixes)}

    def longest(text: str) -> int:
        return next(index[text[i:]] for i in range(len(text) + 1) if text[i:] in index)

    trans = np.array([[longest(p + c) for c in ALPHABET] for p in prefixes])
    found = np.array([sum(1 << i for i, m in enumerate(motifs) if p.endswith(m)) for p in prefixes])
    return trans, found


def presence_probabilities(length: int, motifs: list[str], implants: list[str]) -> np.ndarray:
    """P(which of `motifs` occur) in a uniform sequence of `length` with `implants` written.

    Each implanted motif is written at its own uniform start (0 .. length - k), in order, so
    a later one overwrites an earlier one where they overlap (as `hwlib.simulate` does).
    Returns float64 (2^M,) for M motifs: entry f is the probability that exactly the motifs
    i with bit i of f set occur somewhere. Exact: a dynamic programme over positions whose
    state is the motifs' matcher state, the bits found so far and how far each implant has
    been written; each implant's start is a branch of weight 1 / (number of starts).
    """
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or length < 1:
        raise ValueError(f"length must be an integer >= 1, got {length!r}")
    for m in [*motifs, *implants]:
        if not isinstance(m, str) or not m or set(m) - set(ALPHABET) or len(m) > length:
            raise ValueError(
                f"motifs and implants must be non-empty strings over A, C, G, T no longer "
                f"than length = {length}, got {m!r}"
            )
    if not motifs:
        raise ValueError("motifs must name at least one motif")
    trans, found = _automaton(list(motifs))
    n_states, n_flags = len(trans), 1 << len(motifs)
    q, f = np.meshgrid(np.arange(n_states), np.arange(n_flags), indexing="ij")
    # dest[c]: flat index of (state, flags) after reading base c from each (state, flags).
    dest = [(trans[q, c] * n_flags + (f | found[trans[q, c]])).ravel() for c in range(4)]
    codes = [[ALPHABET.index(c) for c in m] for m in implants]
    n_starts = [length - len(m) + 1 for m in implants]

    def read(dist: np.ndarray, base: int | None) -> np.ndarray:
        if base is not None:
            return np.bincount(dest[base], weights=dist, minlength=dist.size)
        return sum(np.bincount(d, weights=dist, minlength=dist.size) for d in dest) / 4

    start = np.zeros(n_states * n_flags)
    start[0] = 1.0
    # progress[j]: 0 not started, 1 .. k-1 written so far, k done.
    dists = {(0,) * len(implants): start}
    for i in range(length):
        new: dict[tuple[int, ...], np.ndarray] = {}
        for progress, dist in dists.items():
            options = []
            for j, p in enumerate(progress):
                if p == 0:
                    choice = [(0, 1.0)] if i < n_starts[j] - 1 else []
                    options.append(choice + ([(1, 1.0 / n_starts[j])] if i < n_starts[j] else []))
                else:
                    options.append([(p + (p < len(codes[j])), 1.0)])
            for choice in product(*options):
                writing = [j for j, (p, _) in enumerate(choice) if 0 < p and progress[j] < p]
                base = codes[writing[-1]][progress[writing[-1]]] if writing else None
                after = tuple(p for p, _ in choice)
                weight = np.prod([w for _, w in choice])
                moved = weight * read(dist, base)
                new[after] = new[after] + moved if after in new else moved
        dists = new
    done = dists.get(tuple(len(c) for c in codes), np.zeros(n_states * n_flags))
    return done.reshape(n_states, n_flags).sum(axis=0)


def presence_probabilities_by_label(dataset: Dataset) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The task's motifs and P(presence pattern | negative), P(... | positive): (2^M,) each.

    Defined for the single_motif and multi_motif tasks (clean sequences), whose negatives are
    pure background and whose positives mix the implants `hwlib.simulate` writes.
    """
    p = dataset.params
    length = p["seq_len"]
    if dataset.task == "single_motif":
        motifs, q = [p["motif"]], p["motif_prob"]
        neg = presence_probabilities(length, motifs, [])
        return motifs, neg, (1 - q) * neg + q * presence_probabilities(length, motifs, motifs)
    if dataset.task == "multi_motif":
        motifs, q, c = [p["motif_a"], p["motif_b"]], p["motif_prob"], p["cooccur_prob"]
        neg = presence_probabilities(length, motifs, [])
        only = [presence_probabilities(length, motifs, [m]) for m in motifs]
        both = presence_probabilities(length, motifs, motifs)
        wanted_both = (1 - q) ** 2 * neg + q * (1 - q) * (only[0] + only[1]) + q**2 * both
        wanted_one = (1 - q) * neg + q * (only[0] + only[1]) / 2
        return motifs, neg, c * wanted_both + (1 - c) * wanted_one
    raise ValueError(
        f"presence scores are defined for the single_motif and multi_motif tasks, not "
        f"{dataset.task!r} (its negatives carry the motifs too: see its presence rule)"
    )


def presence_scores(dataset: Dataset) -> np.ndarray:
    """The best score that uses only which motifs occur in each sequence: float64 (N,).

    It is P(pattern | positive) / (P(pattern | positive) + P(pattern | negative)), the
    posterior at even odds of the sequence's presence pattern (which of the task's motifs
    occur anywhere), exact from `presence_probabilities_by_label`; rounded to 12 significant
    digits so that patterns with equal ratios tie. Ranking by it is the Neyman-Pearson
    optimum among functions of the pattern, hence the ceiling of any model whose output
    depends only on whether each motif's detector fired somewhere, e.g. an exact motif
    detector followed by global max pooling. The Bayes ratio also counts copies, so this
    ceiling is at most `ceiling`'s in expectation.
    """
    motifs, neg, pos = presence_probabilities_by_label(dataset)
    codes = _codes(dataset)
    pattern = sum(
        motif_matches(codes, m).any(axis=1).astype(int) << i for i, m in enumerate(motifs)
    )
    posterior = np.divide(pos, pos + neg, out=np.zeros_like(pos), where=pos + neg > 0)
    return np.array([float(f"{v:.12g}") for v in posterior])[pattern]


def presence_rule(dataset: Dataset) -> np.ndarray:
    """How many of a two-motif task's motifs (A, B) occur anywhere in each sequence: int64
    (N,) in 0..2. The interaction task's yardstick: it reads co-occurrence, not spacing."""
    if not {"motif_a", "motif_b"} <= set(dataset.params):
        raise ValueError(f"the presence rule needs a two-motif task, not {dataset.task!r}")
    codes = _codes(dataset)
    present = [motif_matches(codes, dataset.params[m]).any(axis=1) for m in ("motif_a", "motif_b")]
    return present[0].astype(np.int64) + present[1]


def presence_ceiling(dataset: Dataset) -> dict[str, float]:
    """ROC AUC and PR AUC (average precision) of `presence_scores` on `dataset`: the ceiling of
    a detector that reports only which motifs occur (see `presence_scores`)."""
    return roc_pr(dataset.labels, presence_scores(dataset))
