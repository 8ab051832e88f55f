import itertools

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import average_precision_score, roc_auc_score

from hwlib import metrics


def test_average_precision_without_ties_is_scikit_learns():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 300)
    scores = rng.normal(size=300) + labels
    assert metrics.average_precision(labels, scores) == pytest.approx(
        average_precision_score(labels, scores), abs=1e-12
    )


def test_average_precision_with_ties_is_the_mean_over_orders_within_ties():
    labels = np.array([1, 0, 1, 0, 0, 1, 0, 1])
    scores = np.array([3.0, 3.0, 3.0, 2.0, 1.0, 1.0, 1.0, 0.5])
    groups = [np.flatnonzero(scores == v) for v in sorted(set(scores), reverse=True)]
    brute = []
    for orders in itertools.product(*(itertools.permutations(g) for g in groups)):
        ranked = labels[np.concatenate(orders)]
        brute.append(average_precision_score(ranked, -np.arange(len(ranked))))
    expected = metrics.average_precision(labels, scores)
    assert expected == pytest.approx(np.mean(brute), abs=1e-12)
    assert expected > average_precision_score(labels, scores)


def test_roc_pr_uses_the_tie_aware_average_precision():
    labels, scores = np.array([0, 1, 0, 1]), np.zeros(4)
    assert metrics.roc_pr(labels, scores) == {
        "roc_auc": 0.5,
        "pr_auc": pytest.approx(metrics.average_precision(labels, scores)),
    }


def test_difference_in_se_matches_the_formula():
    x, y = np.array([0.95, 0.94, 0.96]), np.array([0.90, 0.91, 0.89, 0.92])
    se = np.sqrt(x.var(ddof=1) / 3 + y.var(ddof=1) / 4)
    assert metrics.difference_in_se(x, y) == pytest.approx((x.mean() - y.mean()) / se)
    assert metrics.difference_in_se([1, 1], [0, 0]) == np.inf
    with pytest.raises(ValueError, match="at least 2"):
        metrics.difference_in_se([1.0], [0.0, 1.0])


def delong_variance_by_loops(labels, scores) -> float:
    """DeLong's variance of one ROC AUC from the pairwise kernel, written out with loops."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y == 1]
    neg = [s for s, y in zip(scores, labels, strict=True) if y == 0]
    psi = [[1.0 if p > q else 0.5 if p == q else 0.0 for q in neg] for p in pos]
    v10 = [sum(row) / len(neg) for row in psi]
    v01 = [sum(psi[i][j] for i in range(len(pos))) / len(pos) for j in range(len(neg))]
    return float(np.var(v10, ddof=1) / len(pos) + np.var(v01, ddof=1) / len(neg))


def test_auc_difference_against_a_constant_is_the_auc_with_delongs_variance():
    rng = np.random.default_rng(1)
    labels = np.r_[np.ones(30, int), np.zeros(45, int)]
    scores = np.round(rng.normal(size=75) + labels, 1)  # rounded: ties count one half
    out = metrics.auc_difference(labels, scores, np.zeros(75))
    assert out["difference"] == pytest.approx(roc_auc_score(labels, scores) - 0.5, abs=1e-12)
    assert out["se_test"] ** 2 == pytest.approx(delong_variance_by_loops(labels, scores))
    assert out["se_seeds"] == 0 and out["df"] == np.inf
    assert out["quantile"] == pytest.approx(1.95996, abs=1e-4)


def test_auc_difference_adds_the_seeds_spread_with_a_t_quantile():
    rng = np.random.default_rng(2)
    labels = np.r_[np.ones(50, int), np.zeros(50, int)]
    truth = rng.normal(size=100) + labels
    seeds = truth + rng.normal(scale=0.7, size=(3, 100))
    out = metrics.auc_difference(labels, truth, seeds)
    per_seed = [roc_auc_score(labels, s) for s in seeds]
    assert out["difference"] == pytest.approx(roc_auc_score(labels, truth) - np.mean(per_seed))
    assert out["se_seeds"] ** 2 == pytest.approx(np.var(per_seed, ddof=1) / 3)
    assert out["se"] ** 2 == pytest.approx(out["se_test"] ** 2 + out["se_seeds"] ** 2)
    assert out["df"] == 2 and out["quantile"] == pytest.approx(4.303, abs=1e-3)
    assert out["low"] == pytest.approx(out["difference"] - out["quantile"] * out["se"])


def test_auc_difference_interval_covers_the_true_difference():
    # Binormal scores: a ~ N(label, 1); b = a + N(0, 1), so the true AUCs are Phi(1/sqrt 2)
    # and Phi(1/2). Over 300 fresh test sets of 300 sequences the 95% interval of the paired
    # difference covers the truth in about 95% of them (binomial 99% range: 269 to 292).
    truth = stats.norm.cdf(1 / np.sqrt(2)) - stats.norm.cdf(0.5)
    rng = np.random.default_rng(3)
    labels = np.r_[np.ones(150, int), np.zeros(150, int)]
    covered = 0
    for _ in range(300):
        a = rng.normal(size=300) + labels
        out = metrics.auc_difference(labels, a, a + rng.normal(size=300))
        covered += out["low"] <= truth <= out["high"]
    assert 269 <= covered <= 292


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([0, 1, 1], [0.1, 0.2, 0.3], [[0.1, 0.2, 0.3]]), "S >= 2 seeds"),
        (([0, 1, 1], [0.1, 0.2], [0.1, 0.2, 0.3]), "3 finite scores"),
        (([0, 1, 1], [0.1, np.nan, 0.2], [0.1, 0.2, 0.3]), "finite"),
        (([1, 1, 1], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3]), "both classes"),
        (([0, 1, 1], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3], 1.5), "level"),
    ],
)
def test_auc_difference_rejects_bad_arguments(args, match):
    with pytest.raises(ValueError, match=match):
        metrics.auc_difference(*args)


def test_mean_in_se_is_the_one_sample_t_statistic():
    values = np.array([0.61, 0.58, 0.66, 0.63, 0.59])
    expected = stats.ttest_1samp(values, 0.5).statistic
    assert metrics.mean_in_se(values, 0.5) == pytest.approx(expected)
    assert metrics.mean_in_se(np.array([0.7, 0.7]), 0.5) == np.inf
    with pytest.raises(ValueError, match="at least 2"):
        metrics.mean_in_se(np.array([0.7]), 0.5)
