"""Tests of hwlib.noise: the statistics of the added noise, what it leaves alone, errors."""

import numpy as np
import pytest

from hwlib import noise
from hwlib.sequences import one_hot


@pytest.fixture(scope="module")
def clean():
    rng = np.random.default_rng(5)
    seqs = ["".join(rng.choice(list("ACGT"), size=50)) for _ in range(400)]
    return one_hot(seqs), np.tile([0, 1], 200)


def test_noise_is_zero_mean_with_the_stated_std(clean):
    x, _ = clean
    noisy = noise.gaussian_noise(x, 0.3, seed=1)
    assert noisy.dtype == np.float32 and noisy.shape == x.shape
    added = (noisy - x).ravel()
    # 80,000 draws: standard errors 0.3 / sqrt(n) ~ 0.001 for the mean, less for the std.
    assert abs(added.mean()) < 0.005
    assert abs(added.std() - 0.3) < 0.005
    # Independent entries: neighbouring positions are uncorrelated.
    d = (noisy - x)[:, :, 0]
    assert abs(np.corrcoef(d[:, :-1].ravel(), d[:, 1:].ravel())[0, 1]) < 0.02


def test_input_is_not_modified_and_seed_reproduces(clean):
    x, _ = clean
    before = x.copy()
    first = noise.gaussian_noise(x, 0.1, seed=3)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_array_equal(first, noise.gaussian_noise(x, 0.1, seed=3))
    assert not np.array_equal(first, noise.gaussian_noise(x, 0.1, seed=4))


def test_zero_std_returns_the_input(clean):
    x, _ = clean
    np.testing.assert_array_equal(noise.gaussian_noise(x, 0.0, seed=0), x)


def test_negatives_only_leaves_positives_untouched(clean):
    x, labels = clean
    noisy = noise.gaussian_noise(x, 0.2, seed=2, labels=labels, on="negatives")
    np.testing.assert_array_equal(noisy[labels == 1], x[labels == 1])
    assert (noisy[labels == 0] != x[labels == 0]).all()


def test_unclipped_noise_leaves_no_exact_one_hot_values(clean):
    x, labels = clean
    noisy = noise.gaussian_noise(x, 0.05, seed=2, labels=labels, on="negatives")
    exact = np.isin(noisy, (0.0, 1.0)).all(axis=(1, 2))
    # Clean (positive) rows are exactly one-hot; noisy rows have no exact 0 or 1 at all.
    assert exact[labels == 1].all()
    assert not np.isin(noisy[labels == 0], (0.0, 1.0)).any()


def test_clipping_keeps_half_the_entries_exact_and_biases_the_row_sum(clean):
    x, _ = clean
    std = 0.2
    clipped = noise.gaussian_noise(x, std, seed=6, clip=True)
    assert clipped.min() >= 0.0 and clipped.max() <= 1.0
    exact = np.isin(clipped, (0.0, 1.0)).mean()
    assert abs(exact - 0.5) < 0.01
    # E[max(0, e)] = std / sqrt(2 pi) for each of three zeros, minus the same for the one.
    shift = clipped.sum(axis=-1).mean() - 1.0
    assert abs(shift - 2 * std / np.sqrt(2 * np.pi)) < 0.005


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"x": np.zeros((3, 5))}, r"x must have shape \(N, L, 4\)"),
        ({"std": -0.1}, "std must be a number >= 0"),
        ({"std": "0.1"}, "std must be a number >= 0"),
        ({"seed": -1}, "seed must be a non-negative integer"),
        ({"seed": 1.5}, "seed must be a non-negative integer"),
        ({"on": "positives"}, "on must be one of"),
        ({"on": "negatives"}, 'on="negatives" needs labels'),
        ({"on": "negatives", "labels": np.array([0, 1])}, "labels must be a 0/1 array"),
        ({"on": "negatives", "labels": np.array([0, 2, 1, 0])}, "labels must be a 0/1 array"),
    ],
)
def test_gaussian_noise_rejects_bad_arguments(kwargs, message):
    args = {"x": np.zeros((4, 5, 4), np.float32), "std": 0.1, "seed": 0, **kwargs}
    with pytest.raises(ValueError, match=message):
        noise.gaussian_noise(**args)
