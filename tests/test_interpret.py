"""Attribution maps against brute force on tiny models."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from hwlib import interpret, models, training
from hwlib.sequences import one_hot


@pytest.fixture(scope="module")
def seqs() -> np.ndarray:
    return one_hot(["ACGTGCATTAGC", "TTTTACGTGAAA"])


def test_ism_equals_brute_force_prediction_differences(seqs):
    training.set_seed(0)
    model = models.deepbind(seq_len=12, filters=3, kernel_size=3, dense_units=4)
    got = interpret.ism(model, seqs)
    base = model(seqs, training=False).numpy().ravel()
    expected = np.zeros_like(got)
    for n in range(len(seqs)):
        for pos in range(12):
            for b in range(4):
                mutant = seqs[n].copy()
                mutant[pos] = np.eye(4)[b]
                expected[n, pos, b] = model(mutant[None], training=False)[0, 0] - base[n]
    np.testing.assert_allclose(got, expected, atol=1e-6)
    assert (got[seqs == 1] == 0).all()


def test_grad_times_input_of_a_linear_model_is_weights_times_input(seqs):
    inputs = keras.Input(shape=(12, 4))
    dense = keras.layers.Dense(1)
    model = keras.Model(inputs, dense(keras.layers.Flatten()(inputs)))
    weights = np.random.default_rng(0).normal(size=(48, 1)).astype(np.float32)
    dense.set_weights([weights, np.array([0.3], dtype=np.float32)])
    got = interpret.grad_times_input(model, seqs)
    np.testing.assert_allclose(got, weights.reshape(1, 12, 4) * seqs, rtol=1e-6)


@pytest.mark.parametrize("fn", [interpret.ism, interpret.grad_times_input])
@pytest.mark.parametrize(
    ("x", "message"),
    [(np.zeros((2, 12)), "shape"), (np.full((1, 12, 4), 0.25), "one-hot")],
)
def test_bad_inputs_raise(fn, x, message):
    with pytest.raises(ValueError, match=message):
        fn(None, x)
