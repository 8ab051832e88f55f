"""The Bayes-optimal scorer against an exact brute-force computation on short sequences.

The brute force holds a probability vector over all 4^L sequences of length L (integer code
with position 0 as the most significant base-4 digit) and applies the generative process
literally: start from the uniform background, and for "write motif m at start s" push the
mass of every sequence through the overwrite map with `np.add.at`. Mixtures are weighted
sums of such vectors. Nothing here uses hwlib's own formulas.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hwlib import bayes, noise, simulate
from hwlib.metrics import roc_pr
from hwlib.sequences import ALPHABET, decode, encode


class Space:
    """All 4^L sequences of length L and the exact overwrite operations on distributions."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.size = 4**length
        idx = np.arange(self.size)
        weights = 4 ** np.arange(length - 1, -1, -1)
        self.weights = weights
        self.digits = (idx[:, None] // weights) % 4  # (4^L, L), column j = base at position j
        self.seqs = ["".join(ALPHABET[d] for d in row) for row in self.digits]

    def uniform(self) -> np.ndarray:
        return np.full(self.size, 1.0 / self.size)

    def write(self, dist: np.ndarray, motif: str, start: int) -> np.ndarray:
        """Distribution of x after overwriting x[start:start+k] with `motif`."""
        assert 0 <= start <= self.length - len(motif)
        digits = self.digits.copy()
        digits[:, start : start + len(motif)] = [ALPHABET.index(c) for c in motif]
        target = digits @ self.weights
        out = np.zeros(self.size)
        np.add.at(out, target, dist)
        return out

    def write_uniform(self, dist: np.ndarray, motif: str, starts) -> np.ndarray:
        """Write `motif` at a start drawn uniformly from `starts`."""
        starts = list(starts)
        return sum(self.write(dist, motif, s) for s in starts) / len(starts)

    def maybe_write(self, dist: np.ndarray, motif: str, prob: float) -> np.ndarray:
        """With probability `prob` write `motif` at a uniform start in 0..L-k, else nothing."""
        written = self.write_uniform(dist, motif, range(self.length - len(motif) + 1))
        return (1 - prob) * dist + prob * written


def brute_single(space: Space, motif: str, prob: float) -> tuple[np.ndarray, np.ndarray]:
    u = space.uniform()
    return space.maybe_write(u, motif, prob), u


def brute_multi(
    space: Space, motif_a: str, motif_b: str, prob: float, cooccur: float
) -> tuple[np.ndarray, np.ndarray]:
    u = space.uniform()
    only_a = space.maybe_write(u, motif_a, prob)
    only_b = space.maybe_write(u, motif_b, prob)
    both = space.maybe_write(only_a, motif_b, prob)  # A first, then B on top
    pos = cooccur * both + (1 - cooccur) / 2 * (only_a + only_b)
    return pos, u


def brute_interaction(
    space: Space, motif_a: str, motif_b: str, gap_min: int, gap_max: int
) -> tuple[np.ndarray, np.ndarray]:
    u, length = space.uniform(), space.length
    ka, kb = len(motif_a), len(motif_b)
    a_starts = range(length - ka - gap_max - kb)
    pos_parts = [
        space.write(space.write(u, motif_a, s), motif_b, s + ka + g)
        for s in a_starts
        for g in range(gap_min, gap_max + 1)
    ]
    pos = sum(pos_parts) / len(pos_parts)
    one_a = space.write_uniform(u, motif_a, range(length - ka + 1))
    one_b = space.write_uniform(u, motif_b, range(length - kb + 1))
    far = sum(
        space.write_uniform(
            space.write(u, motif_a, s), motif_b, range(s + ka + gap_max + 1, length - kb + 1)
        )
        for s in a_starts
    ) / len(a_starts)
    neg = (one_a + one_b + far + u) / 4
    return pos, neg


def dataset_of_all(space: Space, task: str, params: dict) -> simulate.Dataset:
    labels = np.arange(space.size) % 2
    sites = pd.DataFrame(columns=simulate.SITE_COLUMNS)
    return simulate.Dataset(task, dict(params), list(space.seqs), labels, sites)


def check_against_brute(space: Space, task: str, params: dict, pos, neg) -> None:
    # The brute-force distributions are proper distributions.
    assert pos.sum() == pytest.approx(1.0, abs=1e-12)
    assert neg.sum() == pytest.approx(1.0, abs=1e-12)
    assert (pos >= 0).all() and (neg >= 0).all()
    scores = bayes.optimal_scores(dataset_of_all(space, task, params))
    assert scores.shape == (space.size,)
    assert scores.dtype == np.float64
    ok = neg > 0
    assert ok.any()
    expected = pos[ok] / neg[ok]
    np.testing.assert_allclose(scores[ok], expected, rtol=1e-9, atol=1e-12)


SPACES: dict[int, Space] = {}


def space_of(length: int) -> Space:
    if length not in SPACES:
        SPACES[length] = Space(length)
    return SPACES[length]


def test_brute_force_space_is_consistent():
    space = space_of(3)
    assert space.seqs[0] == "AAA" and space.seqs[-1] == "TTT" and space.seqs[1] == "AAC"
    np.testing.assert_array_equal(encode(space.seqs), space.digits)
    # Writing "CG" at 1 moves all mass to the 4 sequences ?CG, a quarter each.
    out = space.write(space.uniform(), "CG", 1)
    hit = [s for s, p in zip(space.seqs, out, strict=True) if p > 0]
    assert hit == ["ACG", "CCG", "GCG", "TCG"]
    np.testing.assert_allclose(out[out > 0], 0.25)
    # The enumeration order is the lexicographic one.
    space4 = space_of(4)
    assert space4.seqs == ["".join(p) for p in itertools.product(ALPHABET, repeat=4)]


@pytest.mark.parametrize("prob", [1.0, 0.5])
@pytest.mark.parametrize("motif", ["AC", "AA", "ACG", "AAA", "GCG", "T", "ACGTAC"])
def test_single_motif_scores_match_brute_force(motif, prob):
    space = space_of(6)
    params = simulate.single_motif(1, 1, seq_len=6, motif=motif, motif_prob=prob).params
    pos, neg = brute_single(space, motif, prob)
    check_against_brute(space, "single_motif", params, pos, neg)


MULTI_PAIRS = [
    ("ACG", "CGT"),  # suffix of A = prefix of B
    ("CGT", "ACG"),  # suffix of B = prefix of A
    ("AA", "AA"),  # identical, self-overlapping
    ("ACGT", "CG"),  # B inside A, agreeing
    ("ACGT", "GG"),  # B inside A, disagreeing
    ("CG", "ACGT"),  # A can be wholly covered by B
    ("A", "C"),  # single bases
    ("GAG", "G"),
    ("ACGTAC", "CG"),  # A fills the whole sequence
    ("TT", "AAAAAA"),  # B fills the whole sequence
]


@pytest.mark.parametrize("cooccur", [0.0, 0.4, 1.0])
@pytest.mark.parametrize("prob", [1.0, 0.7])
@pytest.mark.parametrize(("motif_a", "motif_b"), MULTI_PAIRS)
def test_multi_motif_scores_match_brute_force(motif_a, motif_b, prob, cooccur):
    space = space_of(6)
    params = simulate.multi_motif(
        1,
        1,
        seq_len=6,
        motif_a=motif_a,
        motif_b=motif_b,
        motif_prob=prob,
        cooccur_prob=cooccur,
    ).params
    pos, neg = brute_multi(space, motif_a, motif_b, prob, cooccur)
    check_against_brute(space, "multi_motif", params, pos, neg)


INTERACTION_CASES = [
    # (motif_a, motif_b, gap_min, gap_max, seq_len)
    ("A", "C", 0, 0, 3),  # the grammar fits exactly once (one start for A)
    ("A", "C", 0, 1, 7),
    ("A", "C", 1, 2, 7),
    ("A", "A", 0, 1, 6),
    ("AC", "G", 0, 1, 7),
    ("G", "AC", 1, 2, 7),
    ("AC", "CA", 0, 2, 7),
    ("AC", "CA", 1, 2, 7),
    ("AT", "AT", 0, 1, 6),
    ("AC", "GT", 2, 2, 7),
]


def interaction_case(motif_a, motif_b, gap_min, gap_max, seq_len):
    """(every sequence of seq_len, generator params, brute-force P(x|pos), P(x|neg))."""
    assert seq_len >= len(motif_a) + gap_max + len(motif_b) + 1
    space = space_of(seq_len)
    grammar = {"motif_a": motif_a, "motif_b": motif_b, "gap_min": gap_min, "gap_max": gap_max}
    params = simulate.interaction(1, 1, seq_len=seq_len, **grammar).params
    return space, params, *brute_interaction(space, motif_a, motif_b, gap_min, gap_max)


@pytest.mark.parametrize(("motif_a", "motif_b", "gap_min", "gap_max", "seq_len"), INTERACTION_CASES)
def test_interaction_scores_match_brute_force(motif_a, motif_b, gap_min, gap_max, seq_len):
    space, params, pos, neg = interaction_case(motif_a, motif_b, gap_min, gap_max, seq_len)
    check_against_brute(space, "interaction", params, pos, neg)


def test_scores_of_a_subset_follow_the_sequences():
    ds = simulate.multi_motif(60, 60, seq_len=30, motif_a="ACG", motif_b="CGT", seed=3)
    full = bayes.optimal_scores(ds)
    index = np.arange(len(ds))[::-3]
    np.testing.assert_allclose(bayes.optimal_scores(ds.subset(index)), full[index], rtol=1e-12)


def count_occurrences(seqs: list[str], motif: str) -> np.ndarray:
    return bayes.motif_matches(encode(seqs), motif).sum(axis=1)


def test_motif_matches_counts_overlapping_occurrences_and_masks():
    codes = encode(["AAAAC", "CAAAA", "ACACA"])
    hits = bayes.motif_matches(codes, "AA")
    assert hits.shape == (3, 4)
    np.testing.assert_array_equal(hits.sum(axis=1), [3, 3, 0])
    np.testing.assert_array_equal(hits[1], [False, True, True, True])
    # A False mask entry is a wildcard: "A?A" matches ACA, AAA.
    masked = bayes.motif_matches(codes, "AAA", mask=[True, False, True])
    np.testing.assert_array_equal(masked.sum(axis=1), [2, 2, 2])


def test_all_pieces_present_asks_for_every_piece_anywhere():
    seqs = ["CGTGAAACGT", "ACGTAAAAAA", "AAACGTGAAA", "CGTAAAAAAA"]
    # Pieces of width 4 are ACGT and CGTG: both present, in either order and apart, or not.
    np.testing.assert_array_equal(
        bayes.all_pieces_present(encode(seqs), "ACGTG", 4), [True, False, True, False]
    )
    # Width 3: ACG, CGT, GTG; the first sequence holds all three, the last only CGT.
    np.testing.assert_array_equal(
        bayes.all_pieces_present(encode(seqs), "ACGTG", 3), [True, False, True, False]
    )


def test_all_pieces_present_matches_substring_search_and_the_motif_at_full_width():
    rng = np.random.default_rng(0)
    seqs = ["".join(rng.choice(list(ALPHABET), size=30)) for _ in range(300)]
    codes = encode(seqs)
    for motif in ("ACGTG", "GGTATCA"):
        for k in range(1, len(motif) + 1):
            pieces = [motif[i : i + k] for i in range(len(motif) - k + 1)]
            expected = [all(p in s for p in pieces) for s in seqs]
            np.testing.assert_array_equal(bayes.all_pieces_present(codes, motif, k), expected)
        full = bayes.motif_matches(codes, motif).any(axis=1)
        np.testing.assert_array_equal(bayes.all_pieces_present(codes, motif, len(motif)), full)


@pytest.mark.parametrize(
    ("codes", "motif", "k", "match"),
    [
        (encode(["ACGTA"]), "ACGN", 2, "motif must be.*A, C, G, T"),
        (encode(["ACGTA"]), "", 1, "motif must be"),
        (encode(["ACGTA"]), "ACG", 0, "k must be an integer from 1 to len.motif. = 3"),
        (encode(["ACGTA"]), "ACG", 4, "k must be"),
        (encode(["ACGTA"]), "ACG", 2.0, "k must be"),
        (encode(["ACGTA"])[0], "ACG", 2, r"codes must be \(N, L\)"),
        (encode(["ACG"]), "ACGTA", 4, "L >= k = 4"),
    ],
)
def test_all_pieces_present_rejects_bad_arguments(codes, motif, k, match):
    with pytest.raises(ValueError, match=match):
        bayes.all_pieces_present(codes, motif, k)


def test_ceiling_of_single_motif_is_high_and_beats_a_worse_scorer():
    ds = simulate.single_motif(1000, 1000, seq_len=101, motif="ACGTG", motif_prob=0.6, seed=5)
    ceil = bayes.ceiling(ds)
    assert set(ceil) == {"roc_auc", "pr_auc"}
    for value in ceil.values():
        assert 0.5 <= value <= 1.0
    # About 60% of positives are recognisable; the rest look like background.
    assert ceil["roc_auc"] > 0.75
    # Counting only the motif's first 4 bases is a worse score.
    worse = roc_pr(ds.labels, count_occurrences(ds.seqs, "ACGT"))
    assert ceil["roc_auc"] > worse["roc_auc"]
    assert ceil["pr_auc"] > worse["pr_auc"]


def test_ceiling_of_interaction_beats_motif_counts():
    ds = simulate.interaction(1500, 1500, seed=11)
    ceil = bayes.ceiling(ds)
    for value in ceil.values():
        assert 0.5 <= value <= 1.0
    counts = count_occurrences(ds.seqs, "ACGTG") + count_occurrences(ds.seqs, "TGCAT")
    worse = roc_pr(ds.labels, counts)
    # Counting cannot tell positives from far-apart negatives; the optimal score can.
    assert ceil["roc_auc"] > worse["roc_auc"] + 0.05
    assert ceil["pr_auc"] > worse["pr_auc"] + 0.05
    scores = bayes.optimal_scores(ds)
    far = ds.negative_mode == "far_apart"
    assert np.median(scores[ds.labels == 1]) > np.max(scores[far])


def test_ceiling_of_multi_motif_in_range():
    ds = simulate.multi_motif(800, 800, seq_len=101, motif_prob=0.8, seed=2)
    ceil = bayes.ceiling(ds)
    for value in ceil.values():
        assert 0.5 <= value <= 1.0
    assert ceil["roc_auc"] > 0.8


@pytest.mark.parametrize(
    ("seqs", "match"),
    [
        (["ACGTN", "ACGTA"], "found N"),
        (["ACGT", "ACGT"], "length 4.*seq_len is 5"),
    ],
)
def test_optimal_scores_rejects_bad_sequences(seqs, match):
    params = simulate.single_motif(1, 1, seq_len=5, motif="AC").params
    sites = pd.DataFrame(columns=simulate.SITE_COLUMNS)
    ds = simulate.Dataset("single_motif", params, seqs, np.array([0, 1]), sites)
    with pytest.raises(ValueError, match=match):
        bayes.optimal_scores(ds)


def test_roc_pr_values():
    out = roc_pr(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.3, 0.4]))
    assert out == {"roc_auc": 1.0, "pr_auc": 1.0}
    out = roc_pr([1, 0, 1, 0], [0.1, 0.2, 0.3, 0.4])
    assert out["roc_auc"] == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("labels", "scores", "match"),
    [
        ([0, 1, 1], [0.1, 0.2], "one shape"),
        ([1, 1, 1], [0.1, 0.2, 0.3], "both classes"),
        ([0, 0], [0.1, 0.2], "both classes"),
        ([0, 1, 2], [0.1, 0.2, 0.3], "0/1"),
        ([0, 0.5, 1], [0.1, 0.2, 0.3], "0/1"),
        ([0, 1, 1], [0.1, np.nan, 0.3], "finite"),
        ([0, 1, 1], [0.1, np.inf, 0.3], "finite"),
    ],
)
def test_roc_pr_errors(labels, scores, match):
    with pytest.raises(ValueError, match=match):
        roc_pr(np.array(labels), np.array(scores))


# Noisy inputs: x = onehot + N(0, sigma^2) per entry, no clipping. The brute force sums the
# Gaussian likelihood of x over all 4^L clean sequences, weighted by the exact distributions
# above: P(x | class) = sum_s P(s | class) prod_i N(x_i; e_{s_i}, sigma^2 I).


def gaussian_log_lik(space: Space, x: np.ndarray, sigma: float) -> np.ndarray:
    """(M, L, 4) noisy inputs -> (M, 4^L): log prod_i N(x_i; e_{s_i}, sigma^2 I) for every s."""
    eye = np.eye(4)
    sq = ((x[:, :, None, :] - eye[None, None]) ** 2).sum(axis=-1)  # (M, L, 4): |x_i - e_b|^2
    per_base = -sq / (2 * sigma**2) - 2 * np.log(2 * np.pi * sigma**2)
    return per_base[:, np.arange(space.length), space.digits].sum(axis=-1)


def brute_noisy_ratio(space: Space, pos, neg, x: np.ndarray, sigma: float) -> np.ndarray:
    log_lik = gaussian_log_lik(space, x, sigma)
    weights = np.exp(log_lik - log_lik.max(axis=1, keepdims=True))  # common factor per input
    return (weights @ pos) / (weights @ neg)


def noisy_draws(space: Space, pos, neg, sigma: float, n: int = 6, seed: int = 0):
    """n noisy inputs: half from positive clean sequences, half from negative ones."""
    rng = np.random.default_rng(seed)
    picks = np.r_[
        rng.choice(space.size, n // 2, p=pos / pos.sum()),
        rng.choice(space.size, n - n // 2, p=neg / neg.sum()),
    ]
    x = np.eye(4)[space.digits[picks]] + rng.normal(0.0, sigma, (n, space.length, 4))
    return x, picks


def check_noisy_against_brute(space, task, params, pos, neg, sigma, seed=0) -> None:
    x, picks = noisy_draws(space, pos, neg, sigma, seed=seed)
    ds = dataset_of_all(space, task, params).subset(picks)
    scores = bayes.optimal_scores(ds, x=x, noise_std=sigma)
    assert scores.shape == (len(x),) and scores.dtype == np.float64
    expected = brute_noisy_ratio(space, pos, neg, x, sigma)
    np.testing.assert_allclose(scores, expected, rtol=1e-9, atol=0)


@pytest.mark.parametrize("sigma", [0.3, 1.0])
@pytest.mark.parametrize("prob", [1.0, 0.5])
@pytest.mark.parametrize("motif", ["ACG", "AAA", "T", "ACGTAC"])
def test_noisy_single_motif_scores_match_brute_force(motif, prob, sigma):
    space = space_of(6)
    params = simulate.single_motif(1, 1, seq_len=6, motif=motif, motif_prob=prob).params
    pos, neg = brute_single(space, motif, prob)
    check_noisy_against_brute(space, "single_motif", params, pos, neg, sigma)


@pytest.mark.parametrize(("prob", "cooccur", "sigma"), [(1.0, 1.0, 0.5), (0.7, 0.4, 0.8)])
@pytest.mark.parametrize(("motif_a", "motif_b"), MULTI_PAIRS)
def test_noisy_multi_motif_scores_match_brute_force(motif_a, motif_b, prob, cooccur, sigma):
    space = space_of(6)
    params = simulate.multi_motif(
        1, 1, seq_len=6, motif_a=motif_a, motif_b=motif_b, motif_prob=prob, cooccur_prob=cooccur
    ).params
    pos, neg = brute_multi(space, motif_a, motif_b, prob, cooccur)
    check_noisy_against_brute(space, "multi_motif", params, pos, neg, sigma)


@pytest.mark.parametrize("case", ["default", "matched"])
@pytest.mark.parametrize(("motif_a", "motif_b", "gap_min", "gap_max", "seq_len"), INTERACTION_CASES)
def test_noisy_interaction_scores_match_brute_force(
    motif_a, motif_b, gap_min, gap_max, seq_len, case
):
    build = interaction_case if case == "default" else matched_case
    space, params, pos, neg = build(motif_a, motif_b, gap_min, gap_max, seq_len)
    check_noisy_against_brute(space, "interaction", params, pos, neg, 0.5)


def test_posteriors_are_softmax_of_x_over_sigma_squared():
    x = np.random.default_rng(1).normal(0.3, 0.7, (3, 5, 4))
    post = np.exp(bayes.base_log_posteriors(x, 0.7))
    z = np.exp(x / 0.49)
    np.testing.assert_allclose(post, z / z.sum(axis=-1, keepdims=True), rtol=1e-12)
    # Far out, log-softmax stays finite where a naive exp would overflow.
    assert np.isfinite(bayes.base_log_posteriors(np.full((1, 1, 4), 1e3), 0.01)).all()


def each_task(n: int, motif_prob: float, first_seed: int) -> pytest.MarkDecorator:
    """Parametrise `ds` with one dataset of each task, n positives and n negatives."""
    return pytest.mark.parametrize(
        "ds",
        [
            simulate.single_motif(n, n, motif_prob=motif_prob, seed=first_seed),
            simulate.multi_motif(n, n, motif_prob=0.8, seed=first_seed + 1),
            simulate.interaction(n, n, seed=first_seed + 2),
        ],
        ids=["single_motif", "multi_motif", "interaction"],
    )


@each_task(40, motif_prob=0.6, first_seed=1)
def test_noise_free_inputs_with_tiny_sigma_give_the_clean_scores(ds):
    noisy = bayes.optimal_scores(ds, x=ds.x, noise_std=0.01)
    np.testing.assert_allclose(noisy, bayes.optimal_scores(ds), rtol=1e-12, atol=0)


@each_task(1500, motif_prob=0.8, first_seed=4)
def test_noisy_scores_are_calibrated_likelihood_ratios(ds):
    # E[LR | negative] = 1 and E[1/LR | positive] = 1 for the exact ratio of what is observed.
    x = noise.gaussian_noise(ds.x, 0.5, seed=7)
    scores = bayes.optimal_scores(ds, x=x, noise_std=0.5)
    for values in (scores[ds.labels == 0], 1 / scores[ds.labels == 1]):
        se = values.std(ddof=1) / np.sqrt(len(values))
        assert abs(values.mean() - 1) < 4 * se


def test_noisy_ceiling_falls_with_noise_and_tends_to_the_clean_one():
    ds = simulate.single_motif(1000, 1000, motif_prob=0.8, seed=8)
    clean = bayes.ceiling(ds)
    x = noise.gaussian_noise(ds.x, 0.5, seed=9)
    noisy = bayes.ceiling(ds, x=x, noise_std=0.5)
    assert set(noisy) == {"roc_auc", "pr_auc"}
    assert 0.5 < noisy["roc_auc"] < clean["roc_auc"] - 0.02
    assert noisy["pr_auc"] < clean["pr_auc"]
    quiet = bayes.ceiling(ds, x=noise.gaussian_noise(ds.x, 0.05, seed=9), noise_std=0.05)
    assert abs(quiet["roc_auc"] - clean["roc_auc"]) < 0.005
    # Reading the noisy input as its most likely sequence and scoring that as if clean is worse.
    decoded = simulate.Dataset(ds.task, ds.params, decode(x.argmax(axis=-1)), ds.labels, ds.sites)
    plug_in = roc_pr(ds.labels, bayes.optimal_scores(decoded))
    assert noisy["roc_auc"] > plug_in["roc_auc"] + 0.02
    assert noisy["pr_auc"] > plug_in["pr_auc"] + 0.02


NOISE_ERRORS = [
    ({"x": "x"}, "without noise_std"),
    ({"noise_std": 0.5}, "without x"),
    ({"x": "x", "noise_std": 0.0}, "noise_std must be a finite number > 0"),
    ({"x": "x", "noise_std": -0.5}, "noise_std must be a finite number > 0"),
    ({"x": "x", "noise_std": float("nan")}, "noise_std must be a finite number > 0"),
    ({"x": "x", "noise_std": True}, "noise_std must be a finite number > 0"),
    ({"x": "x", "noise_std": "0.5"}, "noise_std must be a finite number > 0"),
    ({"x": "short", "noise_std": 0.5}, r"x must have shape \(4, 8, 4\)"),
    ({"x": "nan", "noise_std": 0.5}, "x must be finite"),
]


@pytest.mark.parametrize("scorer", [bayes.optimal_scores, bayes.ceiling])
@pytest.mark.parametrize(("kwargs", "match"), NOISE_ERRORS)
def test_noisy_scoring_rejects_bad_arguments(scorer, kwargs, match):
    ds = simulate.single_motif(2, 2, seq_len=8, motif="ACG", seed=0)
    inputs = {"x": ds.x, "short": ds.x[:, :7], "nan": np.where(ds.x > 0, np.nan, ds.x)}
    kwargs = {k: inputs[v] if k == "x" else v for k, v in kwargs.items()}
    with pytest.raises(ValueError, match=match):
        scorer(ds, **kwargs)


# Matched positions (`simulate.interaction(..., matched_positions=True)`): the negatives'
# starts follow the positives' start distributions; far_apart puts B just past the largest gap.


def brute_interaction_matched(
    space: Space, motif_a: str, motif_b: str, gap_min: int, gap_max: int
) -> tuple[np.ndarray, np.ndarray]:
    """P(x|pos), P(x|neg) from the generator's documented placements, written out literally."""
    u, length = space.uniform(), space.length
    ka, kb = len(motif_a), len(motif_b)
    a_starts = range(length - ka - gap_max - kb)
    gaps = range(gap_min, gap_max + 1)
    pos, _ = brute_interaction(space, motif_a, motif_b, gap_min, gap_max)
    one_a = space.write_uniform(u, motif_a, a_starts)
    # B's start is that of a positive: A's start s and the gap g drawn uniformly, s + kA + g.
    one_b = sum(space.write(u, motif_b, s + ka + g) for s in a_starts for g in gaps)
    one_b = one_b / (len(a_starts) * len(gaps))
    far = sum(
        space.write(space.write(u, motif_a, s), motif_b, s + ka + gap_max + 1) for s in a_starts
    ) / len(a_starts)
    return pos, (one_a + one_b + far + u) / 4


def matched_case(motif_a, motif_b, gap_min, gap_max, seq_len):
    space = space_of(seq_len)
    grammar = {"motif_a": motif_a, "motif_b": motif_b, "gap_min": gap_min, "gap_max": gap_max}
    params = simulate.interaction(1, 1, seq_len=seq_len, matched_positions=True, **grammar).params
    assert params["matched_positions"] is True
    return space, params, *brute_interaction_matched(space, motif_a, motif_b, gap_min, gap_max)


@pytest.mark.parametrize(("motif_a", "motif_b", "gap_min", "gap_max", "seq_len"), INTERACTION_CASES)
def test_matched_interaction_scores_match_brute_force(motif_a, motif_b, gap_min, gap_max, seq_len):
    space, params, pos, neg = matched_case(motif_a, motif_b, gap_min, gap_max, seq_len)
    check_against_brute(space, "interaction", params, pos, neg)
    # The matched negatives are another distribution, so the scores differ from the default's.
    _, default_neg = brute_interaction(space, motif_a, motif_b, gap_min, gap_max)
    assert not np.allclose(neg, default_neg)


def test_matched_interaction_brute_force_samples_like_the_generator():
    # The brute-force placement law is the generator's: compare the empirical distribution of
    # 20000 generated negatives of length 5 with the exact one (chi-square over all 4^5).
    space = space_of(5)
    grammar = {"motif_a": "A", "motif_b": "C", "gap_min": 0, "gap_max": 1}
    ds = simulate.interaction(10, 20000, seq_len=5, matched_positions=True, seed=3, **grammar)
    _, neg = brute_interaction_matched(space, "A", "C", 0, 1)
    codes = encode([s for s, lab in zip(ds.seqs, ds.labels, strict=True) if lab == 0])
    counts = np.bincount(codes @ space.weights, minlength=space.size)
    stat = ((counts - neg * counts.sum()) ** 2 / (neg * counts.sum())).sum()
    assert (counts[neg == 0] == 0).all() and (neg > 0).all()
    assert stats.chi2.sf(stat, space.size - 1) > 1e-3


def test_matched_interaction_noise_free_tiny_sigma_and_ceiling():
    ds = simulate.interaction(1500, 1500, seed=12, matched_positions=True)
    scores = bayes.optimal_scores(ds)
    tiny = bayes.optimal_scores(ds, x=ds.x, noise_std=0.01)
    np.testing.assert_allclose(tiny, scores, rtol=1e-12, atol=0)
    # Calibration of the exact ratio: E[LR | negative] = 1.
    neg = scores[ds.labels == 0]
    assert abs(neg.mean() - 1) < 4 * neg.std(ddof=1) / np.sqrt(len(neg))
    ceil = bayes.ceiling(ds)
    counts = count_occurrences(ds.seqs, "ACGTG") + count_occurrences(ds.seqs, "TGCAT")
    assert ceil["roc_auc"] > roc_pr(ds.labels, counts)["roc_auc"] + 0.05
    far = ds.negative_mode == "far_apart"
    assert np.median(scores[ds.labels == 1]) > np.max(scores[far])
    # The default-law scorer applied to matched data is a different (worse-calibrated) score.
    default = dict(ds.params)
    del default["matched_positions"]
    other = simulate.Dataset(ds.task, default, ds.seqs, ds.labels, ds.sites, ds.negative_mode)
    assert not np.allclose(bayes.optimal_scores(other), scores)


def brute_patterns(space: Space, motifs: list[str], dist: np.ndarray) -> np.ndarray:
    """(2^M,) probability of each presence pattern under `dist`, by substring search."""
    pattern = np.array(
        [sum(1 << i for i, m in enumerate(motifs) if m in seq) for seq in space.seqs]
    )
    return np.bincount(pattern, weights=dist, minlength=1 << len(motifs))


@pytest.mark.parametrize(("motif_a", "motif_b"), MULTI_PAIRS)
def test_presence_probabilities_match_brute_force(motif_a, motif_b):
    space, motifs = space_of(6), [motif_a, motif_b]
    u = space.uniform()
    written_a = space.write_uniform(u, motif_a, range(7 - len(motif_a)))
    both = space.write_uniform(written_a, motif_b, range(7 - len(motif_b)))
    cases = {(): u, (motif_a,): written_a, (motif_a, motif_b): both}
    for implants, dist in cases.items():
        got = bayes.presence_probabilities(6, motifs, list(implants))
        np.testing.assert_allclose(got, brute_patterns(space, motifs, dist), atol=1e-12)
    # One motif alone, written or not, and a motif that is written but not looked for.
    alone = bayes.presence_probabilities(6, [motif_b], [motif_a])
    np.testing.assert_allclose(alone, brute_patterns(space, [motif_b], written_a), atol=1e-12)


@pytest.mark.parametrize("cooccur", [0.0, 0.4])
@pytest.mark.parametrize("prob", [1.0, 0.7])
@pytest.mark.parametrize(("motif_a", "motif_b"), MULTI_PAIRS[:6])
def test_presence_scores_match_brute_force_patterns(motif_a, motif_b, prob, cooccur):
    space = space_of(6)
    params = simulate.multi_motif(
        1, 1, seq_len=6, motif_a=motif_a, motif_b=motif_b, motif_prob=prob, cooccur_prob=cooccur
    ).params
    pos, neg = brute_multi(space, motif_a, motif_b, prob, cooccur)
    p_pos, p_neg = (brute_patterns(space, [motif_a, motif_b], d) for d in (pos, neg))
    scores = bayes.presence_scores(dataset_of_all(space, "multi_motif", params))
    pattern = [(motif_a in s) + 2 * (motif_b in s) for s in space.seqs]
    posterior = np.divide(p_pos, p_pos + p_neg, out=np.zeros(4), where=p_pos + p_neg > 0)
    np.testing.assert_allclose(scores, posterior[pattern], rtol=1e-9)


def expected_auc(p_pos: np.ndarray, p_neg: np.ndarray, score: np.ndarray) -> float:
    """Exact expected ROC AUC of a score of the pattern (ties count one half)."""
    above = score[:, None] > score[None, :]
    tied = score[:, None] == score[None, :]
    return float(p_pos @ (above + 0.5 * tied) @ p_neg)


@pytest.mark.parametrize(("motif_a", "motif_b"), [("ACGTG", "TGCAT"), ("GAT", "GATTA")])
def test_presence_scores_rank_patterns_best_of_every_order(motif_a, motif_b):
    # Neyman-Pearson among functions of the pattern: no ordering of the four patterns (with or
    # without ties) has a higher expected AUC than the presence scores' own.
    ds = simulate.multi_motif(
        1, 1, seq_len=40, motif_a=motif_a, motif_b=motif_b, motif_prob=0.8, cooccur_prob=0.3
    )
    _, neg, pos = bayes.presence_probabilities_by_label(ds)
    own = np.divide(pos, pos + neg, out=np.zeros(4), where=pos + neg > 0)
    best = expected_auc(pos, neg, own)
    for levels in itertools.product(range(4), repeat=4):
        assert expected_auc(pos, neg, np.array(levels, dtype=float)) <= best + 1e-12


def test_presence_probabilities_agree_with_the_generator():
    # Pattern frequencies of 40,000 generated sequences against the exact probabilities: a
    # chi-square test per class (fails for a wrong implant or overwrite order).
    ds = simulate.multi_motif(20_000, 20_000, motif_a="ACGTG", motif_b="TGCAT", seed=5)
    motifs, neg, pos = bayes.presence_probabilities_by_label(ds)
    codes = encode(ds.seqs)
    pattern = sum(
        bayes.motif_matches(codes, m).any(axis=1).astype(int) << i for i, m in enumerate(motifs)
    )
    for label, probs in ((0, neg), (1, pos)):
        counts = np.bincount(pattern[ds.labels == label], minlength=4)
        keep = probs > 0
        assert counts[~keep].sum() == 0
        expected = probs[keep] * counts.sum()
        assert stats.chisquare(counts[keep], expected).pvalue > 1e-3


def test_presence_ceiling_below_bayes_ceiling_by_the_copies():
    # One motif, every positive carries it: presence is then right on every positive and
    # misses only the negatives that hold it by chance, which the Bayes ratio separates
    # only when they hold it less often than positives hold it (fewer copies).
    ds = simulate.single_motif(4000, 4000, motif="ACG", seed=2)
    presence, full = bayes.presence_ceiling(ds), bayes.ceiling(ds)
    holds = bayes.motif_matches(encode(ds.seqs), "ACG").any(axis=1)
    tpr, fpr = holds[ds.labels == 1].mean(), holds[ds.labels == 0].mean()
    assert tpr == 1.0
    assert presence["roc_auc"] == pytest.approx(tpr * (1 - fpr) + 0.5 * tpr * fpr, abs=1e-12)
    assert presence["roc_auc"] < full["roc_auc"]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: bayes.presence_probabilities(0, ["A"], []), "length"),
        (lambda: bayes.presence_probabilities(4, [], []), "at least one motif"),
        (lambda: bayes.presence_probabilities(4, ["AN"], []), "strings over A, C, G, T"),
        (lambda: bayes.presence_probabilities(3, ["A"], ["ACGT"]), "no longer than"),
        (
            lambda: bayes.presence_scores(simulate.interaction(5, 5, seed=1)),
            "single_motif and multi_motif",
        ),
    ],
)
def test_presence_rejects_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: bayes.motif_matches(np.zeros(5, dtype=int), "AC"), r"\(N, L\) integer"),
        (lambda: bayes.motif_matches(np.zeros((2, 5)), "AC"), r"\(N, L\) integer"),
        (lambda: bayes.motif_matches(np.zeros((2, 5), dtype=int), "AX"), "over A, C, G, T"),
        (lambda: bayes.motif_matches(np.zeros((2, 5), dtype=int), "ACGTAC"), "longer"),
        (lambda: bayes.motif_matches(np.zeros((2, 5), dtype=int), "AC", [True]), "mask"),
        (lambda: bayes.base_log_posteriors(np.zeros((2, 5, 4)), 0.0), "noise_std"),
        (lambda: bayes.base_log_posteriors(np.zeros((2, 5, 4)), "1"), "noise_std"),
        (lambda: bayes.base_log_posteriors(np.zeros((2, 5)), 1.0), r"\(N, L, 4\)"),
        (lambda: bayes.base_log_posteriors(np.full((1, 2, 4), np.nan), 1.0), "finite"),
        (lambda: bayes.soft_motif_matches(np.zeros((2, 5, 3)), "AC"), r"\(N, L, 4\)"),
        (lambda: bayes.soft_motif_matches(np.zeros((2, 5, 4)), "", None), "non-empty"),
        (lambda: bayes.soft_motif_matches(np.zeros((2, 5, 4)), "AC", [1, 0, 1]), "mask"),
    ],
)
def test_the_matchers_refuse_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
