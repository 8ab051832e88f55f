"""Seeded, deterministic training with early stopping, and test metrics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from hwlib.bayes import ceiling
from hwlib.metrics import roc_pr
from hwlib.simulate import Dataset

# Retracing warnings (one per freshly built model) are noise in notebook outputs.
tf.get_logger().setLevel("ERROR")


def set_seed(seed: int) -> None:
    """Seed Python, numpy and TensorFlow (via Keras) and make TensorFlow ops deterministic."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


@dataclass
class TrainResult:
    """A trained model, its per-epoch history, test predictions (N,) and test metrics."""

    model: keras.Model
    history: dict[str, list[float]]
    test_scores: np.ndarray
    metrics: dict[str, float]

    @property
    def best_epoch(self) -> int:
        """1-based epoch with the lowest validation loss (the weights that were kept)."""
        return int(np.argmin(self.history["val_loss"])) + 1


def predict(model: keras.Model, x: np.ndarray, batch_size: int = 1024) -> np.ndarray:
    """Model output for one-hot x (N, L, 4) as a float64 vector (N,)."""
    return np.asarray(model.predict(x, batch_size=batch_size, verbose=0), dtype=float).ravel()


def evaluate(model: keras.Model, dataset: Dataset) -> dict[str, float]:
    """ROC AUC and PR AUC (average precision) of `model` on `dataset`'s inputs `.x` (N, L, 4)."""
    return roc_pr(dataset.labels, predict(model, dataset.x))


def train(
    build: Callable[[], keras.Model],
    train_set: Dataset,
    val_set: Dataset,
    test_set: Dataset,
    seed: int = 0,
    max_epochs: int = 200,
    patience: int = 10,
    batch_size: int = 128,
) -> TrainResult:
    """Seed, build a compiled model with `build()`, fit it, and score it on `test_set`.

    Training stops once the validation loss has not improved for `patience` epochs (or at
    `max_epochs`) and keeps the weights of the best validation epoch. Metrics: ROC AUC and
    PR AUC (average precision) on the test set, plus `epochs` run and `best_epoch`.
    """
    for name, value in (("max_epochs", max_epochs), ("patience", patience)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1, got {batch_size!r}")
    set_seed(seed)
    model = build()
    stop = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=patience, restore_best_weights=True
    )
    fit = model.fit(
        train_set.x,
        train_set.labels,
        validation_data=(val_set.x, val_set.labels),
        epochs=max_epochs,
        batch_size=batch_size,
        callbacks=[stop],
        verbose=0,
    )
    history = {k: [float(v) for v in vals] for k, vals in fit.history.items()}
    scores = predict(model, test_set.x)
    result = TrainResult(model, history, scores, roc_pr(test_set.labels, scores))
    result.metrics.update(epochs=len(history["loss"]), best_epoch=result.best_epoch)
    return result


def seed_sweep(
    build: Callable[[], keras.Model],
    train_set: Dataset,
    val_set: Dataset,
    test_set: Dataset,
    seeds: Sequence[int],
    **fit_kwargs: int,
) -> tuple[pd.DataFrame, list[TrainResult]]:
    """Train one model per seed (see `train`); return a table with one row per run and the runs.

    Columns: seed, roc_auc, pr_auc, epochs, best_epoch, and the Bayes ceiling on the same test
    sequences (bayes_roc_auc, bayes_pr_auc).
    """
    if len(seeds) < 1:
        raise ValueError("seeds must hold at least one seed")
    best = ceiling(test_set)
    runs = [train(build, train_set, val_set, test_set, seed=s, **fit_kwargs) for s in seeds]
    table = pd.DataFrame(
        [
            {
                "seed": s,
                **run.metrics,
                "bayes_roc_auc": best["roc_auc"],
                "bayes_pr_auc": best["pr_auc"],
            }
            for s, run in zip(seeds, runs, strict=True)
        ]
    )
    return table, runs
