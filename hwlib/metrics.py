"""Ranking metrics used everywhere in the kit."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score


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
    """Average precision of `scores` (N,) against 0/1 `labels` (N,), in expectation over a
    random order of the sequences within each group of tied scores.

    Tied scores matter for the Bayes scorer, whose likelihood ratio takes few values (e.g. one
    value for every sequence without the motif). scikit-learn's `average_precision_score`
    counts a tied group as one step at its end, which underrates it; ROC AUC already counts a
    tie as half, i.e. in expectation. Item j (1-based) of a tied group of n items, m of them
    positive, preceded by N0 items of which T0 positive, is positive with probability m/n and
    then expects precision (T0 + 1 + (j-1)(m-1)/(n-1)) / (N0 + j). Without ties this is
    scikit-learn's value.
    """
    labels, scores = _check(labels, scores)
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
