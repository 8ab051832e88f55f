"""Ranking metrics used everywhere in the kit."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.metrics import roc_auc_score

# The one threshold for "near the ceiling", in ROC AUC: a model's mean gap below it is near.
NEAR_CEILING = 0.01


def _check(labels: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float).ravel()
    if labels.shape != scores.shape:
        raise ValueError(f"labels {labels.shape} and scores {scores.shape} must have one shape")
    if not np.isin(labels, (0, 1)).all() or len(np.unique(labels)) != 2:
        raise ValueError("labels must be 0/1 and contain both classes")
    if not np.isfinite(scores).all():
        raise ValueError("scores must be finite")
    return labels, scores


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Average precision of `scores` (N,) against 0/1 `labels` (N,): the mean, over the
    positives, of the precision among the sequences ranked at or above each positive.

    Tied scores are counted in expectation over a random order of the sequences within each
    group of tied scores, as ROC AUC counts a tie as half. Ties matter for the Bayes scorer,
    whose likelihood ratio takes few values (one value for every sequence without the
    motif). Without ties this is scikit-learn's `average_precision_score`, which instead
    counts a tied group as one step at its end and so underrates it.
    """
    labels, scores = _check(labels, scores)
    ### BEGIN SOLUTION
    # Item j (1-based) of a tied group of n items, m of them positive, preceded by N0 items
    # of which T0 are positive, is positive with probability m/n, and then the other m - 1
    # positives of the group each precede it with probability (j-1)/(n-1): its expected
    # precision is (T0 + 1 + (j-1)(m-1)/(n-1)) / (N0 + j).
    order = np.argsort(-scores, kind="stable")
    y, s = labels[order].astype(float), scores[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    sizes = np.diff(np.r_[starts, len(s)])
    group = np.repeat(np.arange(len(starts)), sizes)
    m = np.add.reduceat(y, starts)[group]
    n = sizes[group].astype(float)
    before = starts[group].astype(float)
    tp_before = np.r_[0.0, np.cumsum(y)][starts][group]
    j = np.arange(len(s)) - before + 1
    share = np.divide(m - 1, n - 1, out=np.zeros_like(m), where=n > 1)
    expected = (m / n) * (tp_before + 1 + (j - 1) * share) / (before + j)
    return float(expected.sum() / y.sum())
    ### END SOLUTION


def roc_pr(labels: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """ROC AUC and PR AUC (as `average_precision`) of `scores` (N,) against 0/1 `labels` (N,).

    Both count tied scores in expectation over a random order within the tie."""
    labels, scores = _check(labels, scores)
    return {
        "roc_auc": float(roc_auc_score(labels, scores)),
        "pr_auc": average_precision(labels, scores),
    }


def mean_sd(
    table: pd.DataFrame, by: str | list[str], columns: Sequence[str] = ("roc_auc", "pr_auc")
) -> pd.DataFrame:
    """Mean and sample standard deviation of `columns` over the rows of each `by` group.

    Returns one row per group with columns `<col>_mean`, `<col>_sd` and `n` (runs per group).
    """
    missing = {*([by] if isinstance(by, str) else by), *columns} - set(table.columns)
    if missing:
        raise ValueError(f"table has no column(s) {sorted(missing)}")
    groups = table.groupby(by, sort=True)
    out = groups[list(columns)].agg(["mean", "std"])
    out.columns = [f"{c}_{'sd' if s == 'std' else s}" for c, s in out.columns]
    out["n"] = groups.size()
    return out.reset_index()


def difference_in_se(x: np.ndarray, y: np.ndarray) -> float:
    """(mean(x) - mean(y)) in standard errors of that difference, sqrt(var_x/n_x + var_y/n_y),
    for two sets of per-seed results (each at least 2 values). Infinite when both sets have no
    spread but different means, 0 when they are identical."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.ndim != 1 or y.ndim != 1 or len(x) < 2 or len(y) < 2:
        raise ValueError(f"x and y must be 1-D with at least 2 values, got {x.shape}, {y.shape}")
    diff = x.mean() - y.mean()
    se = np.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))
    if se == 0:
        return 0.0 if diff == 0 else float(np.copysign(np.inf, diff))
    return float(diff / se)


def mean_in_se(values: np.ndarray, reference: float) -> float:
    """(mean(values) - reference) in standard errors of the mean, sd / sqrt(n), for per-seed
    results (at least 2). Infinite when the values have no spread but another mean."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"values must be 1-D with at least 2 values, got shape {values.shape}")
    diff = values.mean() - float(reference)
    se = values.std(ddof=1) / np.sqrt(len(values))
    if se == 0:
        return 0.0 if diff == 0 else float(np.copysign(np.inf, diff))
    return float(diff / se)


def _score_rows(name: str, scores: np.ndarray, n: int) -> np.ndarray:
    scores = np.asarray(scores, dtype=float)
    if scores.ndim == 1:
        scores = scores[None, :]
    elif scores.ndim != 2 or len(scores) < 2:
        raise ValueError(
            f"{name} must be (N,) for a fixed scorer or (S, N) with S >= 2 seeds of a trained "
            f"model (one seed cannot show the seeds' spread), got shape {scores.shape}"
        )
    if scores.shape[1] != n or not np.isfinite(scores).all():
        raise ValueError(f"{name} must hold {n} finite scores per row, got shape {scores.shape}")
    return scores


def auc_difference(
    labels: np.ndarray, scores_a: np.ndarray, scores_b: np.ndarray, level: float = 0.95
) -> dict[str, float]:
    """Mean ROC AUC of `scores_a` minus that of `scores_b` on one test set, with an interval
    that covers both the test set's sampling and the seeds' spread.

    `labels` (N,) 0/1. Each scores argument is (N,) for a fixed scorer (e.g. the Bayes ratio)
    or (S, N), one row per seed of a trained model; the difference is between the means over
    rows. The test-set part of the variance is DeLong's, for the paired difference on the same
    sequences; each trained side adds var(its per-seed AUCs) / S. The interval is the
    difference +- q se, with q the t quantile on S - 1 degrees of freedom of the side with
    fewest seeds (the normal quantile when both sides are fixed scorers).

    Returns difference, low, high, se, se_test, se_seeds, df (inf for the normal) and quantile.
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.isin(labels, (0, 1)).all() or len(np.unique(labels)) != 2:
        raise ValueError("labels must be 1-D, 0/1 and contain both classes")
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"level must be a number strictly between 0 and 1, got {level!r}")
    rows = [
        _score_rows(n, s, len(labels)) for n, s in (("scores_a", scores_a), ("scores_b", scores_b))
    ]
    ### BEGIN SOLUTION
    # DeLong's structural components of each row's ROC AUC: for positive i, the share of
    # negatives it outscores (ties count one half); for negative j, the share of positives
    # that outscore it. Their means are the AUC.
    pos, neg = labels == 1, labels == 0
    components = []
    for r in rows:
        ranks = stats.rankdata(r, axis=1)
        v10 = (ranks[:, pos] - stats.rankdata(r[:, pos], axis=1)) / neg.sum()
        v01 = 1.0 - (ranks[:, neg] - stats.rankdata(r[:, neg], axis=1)) / pos.sum()
        components.append((v10, v01))
    (a10, a01), (b10, b01) = components
    d10, d01 = a10.mean(axis=0) - b10.mean(axis=0), a01.mean(axis=0) - b01.mean(axis=0)
    var_test = d10.var(ddof=1) / len(d10) + d01.var(ddof=1) / len(d01)
    aucs = [c.mean(axis=1) for c in (a10, b10)]
    var_seeds = sum(a.var(ddof=1) / len(a) for a in aucs if len(a) > 1)
    seeds = [len(a) for a in aucs if len(a) > 1]
    df = float(min(seeds) - 1) if seeds else np.inf
    q = float(stats.t.ppf(0.5 + level / 2, df)) if seeds else float(stats.norm.ppf(0.5 + level / 2))
    diff = float(aucs[0].mean() - aucs[1].mean())
    se = float(np.sqrt(var_test + var_seeds))
    return {
        "difference": diff,
        "low": diff - q * se,
        "high": diff + q * se,
        "se": se,
        "se_test": float(np.sqrt(var_test)),
        "se_seeds": float(np.sqrt(var_seeds)),
        "df": df,
        "quantile": q,
    }
    ### END SOLUTION
