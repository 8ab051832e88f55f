"""Attribution maps: which bases of a sequence drive a model's prediction."""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf


def _check_one_hot(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 3 or x.shape[-1] != 4 or len(x) == 0:
        raise ValueError(f"x must be a non-empty one-hot array of shape (N, L, 4), got {x.shape}")
    if not (np.isin(x, (0.0, 1.0)).all() and (x.sum(axis=-1) == 1).all()):
        raise ValueError("x must be one-hot: each position exactly one 1 among A, C, G, T")
    return x


def _predict(model: keras.Model, x: np.ndarray) -> np.ndarray:
    return np.asarray(model.predict(x, batch_size=1024, verbose=0), dtype=float).reshape(len(x))


def ism(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """In-silico mutagenesis of one-hot sequences x (N, L, 4): (N, L, 4) change in the model's
    output when position l is set to base b, with 0 at each sequence's own base.

    All N * L * 4 mutants are scored in one `predict` call, so keep N small (tens).
    """
    x = _check_one_hot(x)
    ### BEGIN SOLUTION
    n, length, _ = x.shape
    mutants = np.repeat(x[:, None, None], length, axis=1).repeat(4, axis=2)
    position = np.arange(length)
    mutants[:, position, :, position, :] = np.eye(4, dtype=np.float32)
    scores = _predict(model, mutants.reshape(-1, length, 4)).reshape(n, length, 4)
    delta = scores - _predict(model, x)[:, None, None]
    return np.where(x == 1, 0.0, delta)
    ### END SOLUTION


def grad_times_input(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """Gradient of the model's output with respect to the input, times the input: (N, L, 4)
    for one-hot x (N, L, 4); non-zero only at each sequence's own bases."""
    x = tf.convert_to_tensor(_check_one_hot(x))
    ### BEGIN SOLUTION
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(model(x, training=False))
    return np.asarray(tape.gradient(y, x) * x, dtype=float)
    ### END SOLUTION
