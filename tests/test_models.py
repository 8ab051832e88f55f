import numpy as np
import pytest

from hwlib import models, simulate, training


@pytest.mark.parametrize("filters", [1, 7, 16])
@pytest.mark.parametrize("kernel_size", [1, 5, 12])
@pytest.mark.parametrize("dense_units", [1, 32])
def test_param_formula_matches_keras(filters, kernel_size, dense_units):
    model = models.deepbind(40, filters, kernel_size, dense_units)
    counts = models.deepbind_param_counts(filters, kernel_size, dense_units)
    for name, expected in counts.items():
        assert model.get_layer(name).count_params() == expected
    assert model.count_params() == sum(counts.values())


def test_baseline_matches_the_reference_summary():
    # The reference's Keras summary: 336 + 544 + 33 = 913 parameters.
    assert models.deepbind_param_counts(16, 5, 32) == {
        "conv1": 336,
        "gmp": 0,
        "dense1": 544,
        "output": 33,
    }


def test_model_shapes_and_activation():
    model = models.deepbind(30, 3, 4, 2, activation="exponential")
    assert model.input_shape == (None, 30, 4)
    assert model.output_shape == (None, 1)
    assert model.get_layer("conv1").output.shape == (None, 27, 3)
    assert model.get_layer("conv1").activation.__name__ == "exponential"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"filters": 0}, "filters must be an integer >= 1"),
        ({"kernel_size": 2.5}, "kernel_size must be an integer >= 1"),
        ({"dense_units": -1}, "dense_units must be an integer >= 1"),
        ({"seq_len": 10, "kernel_size": 11}, "kernel_size=11 exceeds seq_len=10"),
        ({"activation": "swishy"}, "activation must be one of"),
        ({"learning_rate": 0}, "learning_rate must be > 0"),
    ],
)
def test_deepbind_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        models.deepbind(**kwargs)


def test_param_counts_rejects_bad_arguments():
    with pytest.raises(ValueError, match="channels must be an integer >= 1"):
        models.deepbind_param_counts(4, 5, 6, channels=0)


@pytest.fixture(scope="module")
def tiny_split():
    data = simulate.single_motif(300, 300, seq_len=30, motif="ACGTG", seed=3)
    return simulate.split(data, seed=3)


def test_training_is_deterministic_and_learns(tiny_split):
    def run(seed):
        return training.train(
            lambda: models.deepbind(30, 8, 5, 8, learning_rate=1e-2),
            *tiny_split,
            seed=seed,
            max_epochs=30,
            patience=5,
        )

    first, again, other = run(1), run(1), run(2)
    np.testing.assert_array_equal(first.test_scores, again.test_scores)
    assert first.history == again.history
    assert not np.array_equal(first.test_scores, other.test_scores)
    assert first.metrics["roc_auc"] > 0.8
    assert first.metrics["epochs"] == len(first.history["loss"])
    # Early stopping restored the best epoch: its val loss is the minimum of the run.
    assert first.history["val_loss"][first.best_epoch - 1] == min(first.history["val_loss"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_epochs": 0}, "max_epochs must be an integer >= 1"),
        ({"patience": 0}, "patience must be an integer >= 1"),
        ({"batch_size": 0}, "batch_size must be an integer >= 1"),
        ({"seed": -1}, "seed must be a non-negative integer"),
    ],
)
def test_train_rejects_bad_arguments(tiny_split, kwargs, message):
    with pytest.raises(ValueError, match=message):
        training.train(lambda: models.deepbind(30), *tiny_split, **kwargs)
