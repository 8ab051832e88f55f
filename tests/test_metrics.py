import itertools

import numpy as np
import pytest
from sklearn.metrics import average_precision_score

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
