"""Seeded, deterministic training with early stopping, and test metrics."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import joblib
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
        """1-based epoch with the lowest validation loss (the weights that were kept; the
        first epoch's if no validation loss was finite)."""
        val_loss = np.asarray(self.history["val_loss"])
        return int(np.nanargmin(val_loss)) + 1 if np.isfinite(val_loss).any() else 1


def best_of(runs: Sequence[TrainResult]) -> TrainResult:
    """The run with the lowest validation loss at its kept epoch: a choice that never looks at
    the test set."""
    if not runs or not all(isinstance(r, TrainResult) for r in runs):
        raise ValueError("runs must be a non-empty sequence of TrainResult")
    return min(runs, key=lambda r: np.nanmin(np.asarray(r.history["val_loss"], dtype=float)))


def predict(model: keras.Model, x: np.ndarray, batch_size: int = 1024) -> np.ndarray:
    """Model output for one-hot x (N, L, 4) as a float64 vector (N,)."""
    return np.asarray(model.predict(x, batch_size=batch_size, verbose=0), dtype=float).ravel()


def evaluate(model: keras.Model, dataset: Dataset) -> dict[str, float]:
    """ROC AUC and PR AUC (average precision) of `model` on `dataset`'s inputs `.x` (N, L, 4)."""
    return roc_pr(dataset.labels, predict(model, dataset.x))


def _all_layers(layer: keras.layers.Layer) -> list[keras.layers.Layer]:
    """`layer` and every layer nested in it (models inside models included)."""
    return [layer, *(sub for child in getattr(layer, "layers", []) for sub in _all_layers(child))]


def _step_functions(
    model: keras.Model,
) -> tuple[tf.types.experimental.PolymorphicFunction, Callable[..., tf.Tensor]]:
    """A compiled training step on one batch with per-example weights, and the mean loss on a
    dataset.

    Both use the loss the model was compiled with, plus its regularisation losses.
    """
    if getattr(model, "optimizer", None) is None or not isinstance(model.loss, str):
        raise ValueError(
            "build() must return a model compiled with an optimizer and a loss given by name "
            f"(such as 'binary_crossentropy'), got loss {getattr(model, 'loss', None)!r}"
        )
    per_example = keras.losses.get(model.loss)
    variables = model.trainable_variables
    model.optimizer.build(variables)
    # Under op determinism TensorFlow refuses XLA's max-pooling gradient (it has no
    # deterministic kernel), so such models train as a plain TensorFlow graph.
    max_pooling = (keras.layers.MaxPooling1D, keras.layers.MaxPooling2D, keras.layers.MaxPooling3D)
    xla = not any(isinstance(layer, max_pooling) for layer in _all_layers(model))

    @tf.function(jit_compile=xla)
    def train_step(x: tf.Tensor, y: tf.Tensor, batch: tf.Tensor, weight: tf.Tensor) -> tf.Tensor:
        x, y = tf.gather(x, batch), tf.gather(y, batch)
        with tf.GradientTape() as tape:
            losses = per_example(y, model(x, training=True))
            if losses.shape.rank != 1:
                raise ValueError(f"loss {model.loss!r} must give one value per example")
            loss = tf.reduce_sum(weight * losses) / tf.reduce_sum(weight) + sum(model.losses)
        model.optimizer.apply(tape.gradient(loss, variables), variables)
        return loss

    def mean_loss(x: np.ndarray, y: np.ndarray) -> tf.Tensor:
        return tf.reduce_mean(per_example(y, model(x, training=False))) + sum(model.losses)

    return train_step, mean_loss


# Compiled training steps kept per process, by architecture: compiling one costs about 1.5 s,
# as much as ten epochs of a small model, and a sweep trains each architecture many times.
_compiled: dict[str, tuple[keras.Model, Callable[..., tf.Tensor], Callable[..., tf.Tensor]]] = {}


def _architecture_key(model: keras.Model, x_shape: tuple[int, ...], batch_size: int) -> str:
    """What a compiled step depends on: layers and their settings (not their names), the
    optimizer's and loss's settings, the training data's shape and the batch size."""
    layers = [
        (type(layer).__name__, {k: v for k, v in layer.get_config().items() if k != "name"})
        for layer in _all_layers(model)[1:]
    ]
    optimizer = {k: v for k, v in model.optimizer.get_config().items() if k != "name"}
    parts = [layers, type(model.optimizer).__name__, optimizer, model.loss, x_shape, batch_size]
    return json.dumps(parts, sort_keys=True, default=repr)


def _compiled_step(
    model: keras.Model, x: tf.Tensor, y: tf.Tensor, batch_size: int, weight: tf.Tensor
) -> tuple[keras.Model, Callable[..., tf.Tensor], Callable[..., tf.Tensor]]:
    """(trainee, step, mean_loss): a model that trains in place of `model`, starting from
    `model`'s weights and a fresh optimizer state, with its compiled step and loss function.

    Each architecture gets one trainee, a private clone compiled once; every run of that
    architecture copies its own initial weights and optimizer state into it. Same graph, same
    compiled code: the run is the one a fresh compile would give, and `model` itself is never
    trained, so the models that earlier runs returned keep their weights.
    """
    if getattr(model, "optimizer", None) is None:
        _step_functions(model)  # raises the error that explains what build() must return
    key = _architecture_key(model, tuple(x.shape), batch_size)
    if key not in _compiled:
        trainee = keras.models.clone_model(model)
        optimizer = type(model.optimizer).from_config(model.optimizer.get_config())
        trainee.compile(optimizer=optimizer, loss=model.loss)
        train_step, mean_loss = _step_functions(trainee)
        # The traced graph, called directly: matching arguments to traces costs more than a step.
        spec = tf.TensorSpec([batch_size], "int32")
        step = train_step.get_concrete_function(x, y, spec, weight)
        _compiled[key] = (trainee, step, mean_loss)
    trainee, step, mean_loss = _compiled[key]
    model.optimizer.build(model.trainable_variables)
    for mine, fresh in zip(trainee.optimizer.variables, model.optimizer.variables, strict=True):
        mine.assign(fresh)
    trainee.set_weights(model.get_weights())
    return trainee, step, mean_loss


def _fit(
    model: keras.Model,
    train_set: Dataset,
    val_set: Dataset,
    seed: int,
    max_epochs: int,
    patience: int,
    batch_size: int,
    fresh_noise: float = 0.0,
) -> dict[str, list[float]]:
    """Train `model` in place (see `train`) and return its per-epoch loss and val_loss."""
    # Tensors, not numpy arrays, as step arguments: converting them costs more than a step.
    x, y = tf.constant(train_set.x), tf.constant(train_set.labels.astype("float32")[:, None])
    clean = train_set.x
    val_y = val_set.labels.astype("float32")[:, None]
    # The last batch is padded to full size with zero-weight examples, so that XLA compiles
    # one batch shape instead of two; zero weights leave the step's mean loss unchanged.
    # (The padding still passes through the model, which would matter for batch
    # normalisation; these models have none.)
    n_batches = -(-len(x) // batch_size)
    sample_weights = (np.arange(n_batches * batch_size) < len(x)).reshape(n_batches, -1)
    examples_per_batch = sample_weights.sum(axis=1)
    sample_weights = tf.unstack(tf.constant(sample_weights, dtype="float32"))
    trainee, step, mean_loss = _compiled_step(model, x, y, batch_size, sample_weights[0])
    rng = np.random.default_rng(seed)
    history: dict[str, list[float]] = {"loss": [], "val_loss": []}
    best_loss, best_weights, waited = np.inf, None, 0
    while len(history["loss"]) < max_epochs and waited < patience:
        if fresh_noise > 0:
            epoch_rng = np.random.default_rng([seed, len(history["loss"])])
            x = tf.constant(
                clean + epoch_rng.normal(0.0, fresh_noise, clean.shape).astype("float32")
            )
        batches = np.resize(rng.permutation(len(x)), (n_batches, batch_size))
        batches = tf.unstack(tf.constant(batches, dtype="int32"))
        losses = [step(x, y, b, w) for b, w in zip(batches, sample_weights, strict=True)]
        history["loss"].append(float(np.average(losses, weights=examples_per_batch)))
        history["val_loss"].append(float(mean_loss(val_set.x, val_y)))
        # Like Keras's EarlyStopping: a NaN loss is never an improvement, and the first
        # epoch's weights are kept if no epoch improves.
        if history["val_loss"][-1] < best_loss:
            best_loss, best_weights, waited = history["val_loss"][-1], trainee.get_weights(), 0
        else:
            best_weights = best_weights or trainee.get_weights()
            waited += 1
    model.set_weights(best_weights)
    return history


def train(
    build: Callable[[], keras.Model],
    train_set: Dataset,
    val_set: Dataset,
    test_set: Dataset,
    seed: int = 0,
    max_epochs: int = 200,
    patience: int = 10,
    batch_size: int = 128,
    fresh_noise: float = 0.0,
) -> TrainResult:
    """Seed, build a compiled model with `build()`, train it, and score it on `test_set`.

    Mini-batch training with the model's optimizer and loss; the examples are shuffled every
    epoch. Training stops once the validation loss has not improved for `patience` epochs (or
    at `max_epochs`) and keeps the weights of the best validation epoch. Metrics: ROC AUC and
    PR AUC (average precision) on the test set, plus `epochs` run and `best_epoch`.
    History: per-epoch `loss` (mean over the epoch's training examples, each counted at its
    own step) and `val_loss`. `fresh_noise` > 0 adds N(0, fresh_noise^2) noise, drawn anew
    every epoch, to every training input (a data augmentation; validation and test inputs are
    used as given).
    """
    for name, value in (("max_epochs", max_epochs), ("patience", patience)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1, got {batch_size!r}")
    if (
        isinstance(fresh_noise, bool)
        or not isinstance(fresh_noise, (int, float))
        or not 0 <= fresh_noise < np.inf
    ):
        raise ValueError(f"fresh_noise must be a finite number >= 0, got {fresh_noise!r}")
    set_seed(seed)
    model = build()
    history = _fit(model, train_set, val_set, seed, max_epochs, patience, batch_size, fresh_noise)
    scores = predict(model, test_set.x)
    result = TrainResult(model, history, scores, roc_pr(test_set.labels, scores))
    result.metrics.update(epochs=len(history["loss"]), best_epoch=result.best_epoch)
    return result


def _train_in_worker(
    build: Callable[[], keras.Model],
    sets: tuple[Dataset, Dataset, Dataset],
    seed: int,
    fit_kwargs: dict[str, float],
) -> tuple[list[np.ndarray], dict[str, list[float]], np.ndarray, dict[str, float]]:
    """`train` in a worker process; returns what pickles (weights, not the Keras model)."""
    run = train(build, *sets, seed=seed, **fit_kwargs)
    weights = run.model.get_weights()
    # Keras keeps per-model state that grows by about 10 MB per model here; freeing it keeps
    # the worker under loky's 300 MB leak limit, past which loky replaces it.
    keras.backend.clear_session()
    return weights, run.history, run.test_scores, run.metrics


def _train_jobs(
    jobs: list[tuple[Callable[[], keras.Model], tuple[Dataset, Dataset, Dataset], int]],
    workers: int,
    fit_kwargs: dict[str, float],
) -> list[TrainResult]:
    """Run `train` for every (build, (train, val, test), seed) job, `workers` at a time."""
    if workers == 1:
        return [train(build, *sets, seed=seed, **fit_kwargs) for build, sets, seed in jobs]
    # loky starts fresh interpreters (TensorFlow is not fork-safe), pickles notebook lambdas
    # with cloudpickle and keeps its workers alive between calls. It replaces a worker whose
    # memory grew past its limit only after the worker has returned its result, so no run is
    # lost; the warning it gives then would be noise in notebook outputs.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "A worker stopped while some jobs", UserWarning)
        fitted = joblib.Parallel(n_jobs=workers, backend="loky")(
            joblib.delayed(_train_in_worker)(build, sets, seed, fit_kwargs)
            for build, sets, seed in jobs
        )
    runs = []
    for (build, _, seed), (weights, history, scores, metrics) in zip(jobs, fitted, strict=True):
        set_seed(seed)  # also turns on op determinism here, for what the notebook does next
        model = build()
        model.set_weights(weights)
        runs.append(TrainResult(model, history, scores, metrics))
    return runs


def grid_sweep(
    configs: Mapping[Hashable, tuple[Callable[[], keras.Model], Dataset, Dataset, Dataset]],
    seeds: Sequence[int],
    workers: int | None = None,
    column: str | tuple[str, ...] = "config",
    **fit_kwargs: float,
) -> tuple[pd.DataFrame, dict[Hashable, list[TrainResult]]]:
    """Train every configuration, given as `{key: (build, train_set, val_set, test_set)}`, once
    per seed (see `train`), as one batch of jobs.

    The jobs run in `workers` processes at once (default: one per CPU core, at most one per
    job; 1 trains here, in this process). Each run depends only on its configuration and seed,
    so the results are the same for any number of workers.

    Returns a table with one row per configuration and seed (columns: the key, named `column`,
    then seed, roc_auc, pr_auc, epochs, best_epoch, and the Bayes ceiling of that
    configuration's test sequences: bayes_roc_auc, bayes_pr_auc) and the runs of each
    configuration, in seed order. With a tuple of names as `column`, every key is a tuple of
    that length and fills one column per name.
    """
    if len(configs) < 1:
        raise ValueError("configs must hold at least one configuration")
    if len(seeds) < 1:
        raise ValueError("seeds must hold at least one seed")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds must be distinct, got {list(seeds)}")
    names = (column,) if isinstance(column, str) else tuple(column)
    keys = [(key,) if isinstance(column, str) else key for key in configs]
    if not all(isinstance(name, str) for name in names) or any(
        not isinstance(key, tuple) or len(key) != len(names) for key in keys
    ):
        raise ValueError(
            f"column must be a name, or a tuple of names as long as every key; got {column!r} "
            f"for keys {list(configs)}"
        )
    taken = {"seed", "roc_auc", "pr_auc", "epochs", "best_epoch", "bayes_roc_auc", "bayes_pr_auc"}
    if len(set(names)) != len(names) or taken & set(names):
        raise ValueError(
            f"column names must be distinct and not one of {sorted(taken)}, got {column!r}"
        )
    jobs = [(c[0], tuple(c[1:]), s) for c in configs.values() for s in seeds]
    if workers is None:
        workers = min(len(jobs), os.cpu_count() or 1)
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"workers must be an integer >= 1 or None, got {workers!r}")
    fitted = iter(_train_jobs(jobs, workers, fit_kwargs))
    rows, runs = [], {}
    for values, (key, (_, _, _, test_set)) in zip(keys, configs.items(), strict=True):
        best = ceiling(test_set)
        runs[key] = [next(fitted) for _ in seeds]
        rows += [
            {
                **dict(zip(names, values, strict=True)),
                "seed": s,
                **run.metrics,
                "bayes_roc_auc": best["roc_auc"],
                "bayes_pr_auc": best["pr_auc"],
            }
            for s, run in zip(seeds, runs[key], strict=True)
        ]
    return pd.DataFrame(rows), runs


def seed_sweep(
    build: Callable[[], keras.Model],
    train_set: Dataset,
    val_set: Dataset,
    test_set: Dataset,
    seeds: Sequence[int],
    workers: int | None = None,
    **fit_kwargs: float,
) -> tuple[pd.DataFrame, list[TrainResult]]:
    """Train one model per seed (see `train` and, for `workers`, `grid_sweep`); return a table
    with one row per run and the runs.

    Columns: seed, roc_auc, pr_auc, epochs, best_epoch, and the Bayes ceiling on the same test
    sequences (bayes_roc_auc, bayes_pr_auc).
    """
    table, runs = grid_sweep(
        {0: (build, train_set, val_set, test_set)}, seeds, workers, **fit_kwargs
    )
    return table.drop(columns="config"), runs[0]
