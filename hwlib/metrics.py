"""Ranking metrics used everywhere in the kit."""

from __future__ import annotations

import numpy as np
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
