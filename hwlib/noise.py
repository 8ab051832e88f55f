"""Additive Gaussian noise on one-hot sequences (the reference's robustness experiment).

Clipping. The reference clipped the noisy input back to [0, 1]. That is not neutral: a
zero-mean perturbation becomes a biased one (a 0 can only go up, a 1 can only go down, so a
row's sum grows by about 0.8 std on average) and about half the entries keep their exact 0 or
1. A clean one-hot row has only exact 0s and 1s and sums to 1, so both the shift and the
pattern of exact values tell a noisy sequence from a clean one. `gaussian_noise` therefore
does not clip unless asked (`clip=True` reproduces the reference).

Noise added to the negatives only is a label leak whether clipped or not: every noisy input
is a negative, so "is there noise?" answers the question without looking at any motif.
"""

from __future__ import annotations

import numpy as np

TARGETS = ("all", "negatives")


def gaussian_noise(
    x: np.ndarray,
    std: float,
    seed: int,
    labels: np.ndarray | None = None,
    on: str = "all",
    clip: bool = False,
) -> np.ndarray:
    """x + N(0, std^2) noise, independent per entry: float32 array of x's shape (N, L, 4).

    `on="all"` perturbs every sequence; `on="negatives"` needs 0/1 `labels` (N,) and leaves
    the rows with label 1 bit-for-bit untouched. `clip=True` clips the result to [0, 1] like
    the reference (see the module docstring for why that leaves a signature). The input is
    not modified; the same `seed` gives the same noise.
    """
    x = np.asarray(x)
    if x.ndim != 3 or x.shape[-1] != 4:
        raise ValueError(f"x must have shape (N, L, 4), got {x.shape}")
    if isinstance(std, bool) or not isinstance(std, (int, float, np.floating)) or not std >= 0:
        raise ValueError(f"std must be a number >= 0, got {std!r}")
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if on not in TARGETS:
        raise ValueError(f"on must be one of {TARGETS}, got {on!r}")
    if on == "negatives":
        if labels is None:
            raise ValueError('on="negatives" needs labels: a 0/1 array of shape (N,)')
        labels = np.asarray(labels)
        if labels.shape != (len(x),) or not np.isin(labels, (0, 1)).all():
            raise ValueError(f"labels must be a 0/1 array of shape ({len(x)},), got {labels.shape}")
    ### BEGIN SOLUTION
    rows = labels == 0 if on == "negatives" else np.ones(len(x), dtype=bool)
    rng = np.random.default_rng(seed)
    noise = rng.normal(0.0, std, size=x.shape).astype(np.float32)
    noisy = x.astype(np.float32, copy=True)
    noisy[rows] += noise[rows]
    if clip:
        noisy[rows] = np.clip(noisy[rows], 0.0, 1.0)
    return noisy
    ### END SOLUTION
