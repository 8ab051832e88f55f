"""Ranking metrics used everywhere in the kit."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score


def roc_pr(labels: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """ROC AUC and PR AUC (as average precision) of `scores` (N,) against 0/1 `labels` (N,)."""
    labels, scores = np.asarray(labels), np.asarray(scores, dtype=float).ravel()
    if labels.shape != scores.shape:
        raise ValueError(f"labels {labels.shape} and scores {scores.shape} must have one shape")
    if not np.isin(labels, (0, 1)).all() or len(np.unique(labels)) != 2:
        raise ValueError("labels must be 0/1 and contain both classes")
    if not np.isfinite(scores).all():
        raise ValueError("scores must be finite")
    return {
        "roc_auc": float(roc_auc_score(labels, scores)),
        "pr_auc": float(average_precision_score(labels, scores)),
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
