import itertools

import keras
import numpy as np
import pytest

from hwlib import models, recipes, simulate, training
from hwlib.sequences import one_hot


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


def test_training_learns_and_keeps_its_best_epoch(tiny_split):
    # Determinism (same seed, same run, in any process) is checked by test_training's
    # worker test, which compares training here with training in worker processes.
    run = training.train(
        lambda: models.deepbind(30, 8, 5, 8, learning_rate=1e-2),
        *tiny_split,
        seed=1,
        max_epochs=30,
        patience=5,
    )
    assert run.metrics["roc_auc"] > 0.8
    assert run.metrics["epochs"] == len(run.history["loss"])
    # The kept weights are those of the best validation epoch, not of the last one.
    val_set = tiny_split[1]
    assert run.best_epoch < run.metrics["epochs"]
    kept = run.model.evaluate(val_set.x, val_set.labels, verbose=0)
    assert kept == pytest.approx(min(run.history["val_loss"]), rel=1e-5)
    assert kept != pytest.approx(run.history["val_loss"][-1], rel=1e-5)


def test_models_with_max_pooling_train_deterministically(tiny_split):
    # XLA has no deterministic max-pooling gradient, so these train without it.
    def run():
        return training.train(
            lambda: models.two_layer(30, 4, 3, 4, 3, pool_size=2, dense_units=4),
            *tiny_split,
            seed=0,
            max_epochs=3,
        )

    first, second = run(), run()
    assert first.history == second.history and np.isfinite(first.history["loss"]).all()
    np.testing.assert_array_equal(first.test_scores, second.test_scores)


def test_a_padded_last_batch_counts_only_its_real_examples(tiny_split):
    # One batch per epoch: batch_size n holds the n training examples; n + 13 pads that batch
    # with 13 repeated examples, which must carry no weight in the loss or the update.
    n = len(tiny_split[0].labels)
    histories = [
        training.train(
            lambda: models.deepbind(30, 4, 5, 4, learning_rate=1e-2),
            *tiny_split,
            seed=0,
            max_epochs=4,
            batch_size=size,
        ).history
        for size in (n, n + 13)
    ]
    for key in ("loss", "val_loss"):
        np.testing.assert_allclose(histories[0][key], histories[1][key], rtol=1e-5)


def test_the_epoch_loss_weighs_every_example_once(tiny_split):
    # With a vanishing learning rate the weights stay put, so the first epoch's loss is the
    # initial model's mean loss over the training set, although batches of 8 leave a last
    # batch with fewer real examples (here 4 of 8).
    train_set = tiny_split[0]
    assert len(train_set.labels) % 8 == 4

    def build():
        return models.deepbind(30, 4, 5, 4, learning_rate=1e-12)

    training.set_seed(0)
    initial = build().evaluate(train_set.x, train_set.labels, batch_size=1024, verbose=0)
    run = training.train(build, *tiny_split, seed=0, max_epochs=1, batch_size=8)
    assert run.history["loss"][0] == pytest.approx(initial, rel=1e-5)


def test_training_needs_a_model_compiled_with_a_per_example_loss(tiny_split):
    def uncompiled():
        return keras.Sequential(
            [keras.Input((30, 4)), keras.layers.Flatten(), keras.layers.Dense(1)]
        )

    def loss_object():
        model = uncompiled()
        model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy())
        return model

    for build in (uncompiled, loss_object):
        with pytest.raises(ValueError, match="compiled with an optimizer and a loss"):
            training.train(build, *tiny_split, max_epochs=1)


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


# ----------------------------------------------------------------------------- two layers


def test_two_layer_defaults_are_the_reference_architecture():
    model = models.two_layer()
    names = [layer.name for layer in model.layers[1:]]
    assert names == ["conv1", "conv2", "gmp", "dense1", "output"]
    # The reference's summary: 504 + 2,904 + 800 + 33 = 4,241 parameters.
    counts = [model.get_layer(n).count_params() for n in names]
    assert counts == [504, 2904, 0, 800, 33]
    assert model.get_layer("conv2").output.shape == (None, 93, 24)


def test_two_layer_pooling_dilation_and_second_filters():
    model = models.two_layer(60, 6, 5, second_filters=3, second_kernel=4, pool_size=3, dilation=2)
    names = [layer.name for layer in model.layers[1:]]
    assert names == ["conv1", "pool1", "conv2", "gmp", "dense1", "output"]
    # conv1: 56 positions; pool: 19 (the last window holds conv1's last 2 positions); conv2
    # spans 2 * 3 + 1 = 7 of them: 13 positions.
    assert model.get_layer("pool1").output.shape == (None, 19, 6)
    assert model.get_layer("conv2").output.shape == (None, 13, 3)
    assert model.get_layer("conv2").count_params() == (4 * 6 + 1) * 3
    assert model.output_shape == (None, 1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"second_kernel": 0}, "second_kernel must be an integer >= 1"),
        ({"pool_size": 1.5}, "pool_size must be an integer >= 1"),
        ({"dilation": 0}, "dilation must be an integer >= 1"),
        ({"second_filters": -2}, "second_filters must be an integer >= 1"),
        ({"learning_rate": -1.0}, "learning_rate must be > 0"),
        ({"seq_len": 20, "second_kernel": 17}, "seq_len=20 is too short"),
        ({"seq_len": 20, "pool_size": 4, "second_kernel": 5}, "seq_len=20 is too short"),
    ],
)
def test_two_layer_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        models.two_layer(**kwargs)


# ----------------------------------------------------------------------------- receptive field


def empirical_receptive_field(model, layer_name="conv2"):
    """Span of the input positions whose change alters the middle position of `layer_name`."""
    import keras

    probe = keras.Model(model.input, model.get_layer(layer_name).output)
    length = model.input_shape[1]
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1, length, 4)).astype(np.float32)
    # One copy of x per (position, random direction), each perturbed strongly at one position.
    kicks = 50 * rng.normal(size=(length, 4, 4)).astype(np.float32)
    batch = np.repeat(x, length * 4, axis=0).reshape(length, 4, length, 4)
    batch[np.arange(length), :, np.arange(length), :] += kicks
    out = probe.predict(np.concatenate([x, batch.reshape(-1, length, 4)]), verbose=0)
    middle = out.shape[1] // 2
    changed = np.abs(out[1:, middle] - out[0, middle]).reshape(length, -1).max(axis=1) > 0
    seen = np.flatnonzero(changed)
    return int(seen.max() - seen.min() + 1)


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: models.deepbind(60, 4, 5), 5),
        (lambda: models.deepbind(60, 4, 11), 11),
        (lambda: models.two_layer(60, 8), 9),
        (lambda: models.two_layer(60, 8, second_kernel=31), 35),
        (lambda: models.two_layer(60, 8, pool_size=2, second_kernel=8), 5 + 1 + 7 * 2),
        (lambda: models.two_layer(60, 8, second_kernel=5, dilation=4), 5 + 4 * 4),
        (lambda: models.two_layer(80, 8, 3, pool_size=4, second_kernel=3, dilation=2), 3 + 3 + 16),
    ],
)
def test_receptive_field_hand_values_and_measurement(build, expected):
    model = build()
    assert models.receptive_field(model) == expected
    layer = "conv2" if "conv2" in [layer.name for layer in model.layers] else "conv1"
    assert empirical_receptive_field(model, layer) == expected


def test_receptive_field_counts_strides():
    import keras

    inputs = keras.Input((50, 4))
    x = keras.layers.Conv1D(2, 3, strides=2)(inputs)
    x = keras.layers.AveragePooling1D(2, strides=1)(x)
    x = keras.layers.Conv1D(2, 3)(x)
    model = keras.Model(inputs, keras.layers.GlobalMaxPooling1D()(x))
    # 3, then +1 * 2 (pool after a stride-2 conv), then +2 * 2.
    assert models.receptive_field(model) == 9
    assert empirical_receptive_field(model, model.layers[3].name) == 9


def test_receptive_field_rejects_non_models():
    import keras

    with pytest.raises(ValueError, match="expected a keras.Model"):
        models.receptive_field("conv1")
    inputs = keras.Input((10, 4))
    dense_only = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Flatten()(inputs)))
    with pytest.raises(ValueError, match="has no Conv1D layer"):
        models.receptive_field(dense_only)


# ----------------------------------------------------------------------------- input reach


def perturbation_reach(model, backgrounds=8):
    """Input positions whose change moves some position of the last feature map before global
    pooling (which every position of it reaches), for some random background and some other
    base: (seq_len,) bool. Biases are set to 0.5 so that most units are active; a position
    that cannot reach the output never moves it."""
    keras.utils.set_random_seed(0)
    copy = keras.models.clone_model(model)
    for layer in copy.layers:
        if getattr(layer, "bias", None) is not None:
            layer.bias.assign(np.full(layer.bias.shape, 0.5, dtype=np.float32))
    names = [type(layer).__name__ for layer in copy.layers]
    head = keras.Model(copy.input, copy.layers[names.index("GlobalMaxPooling1D") - 1].output)
    length = model.input_shape[1]
    rng = np.random.default_rng(0)
    x = np.eye(4, dtype=np.float32)[rng.integers(0, 4, size=(backgrounds, length))]
    mutants = np.repeat(x[:, None, None], length, axis=1).repeat(3, axis=2)
    for shift in range(3):
        mutants[:, np.arange(length), shift, np.arange(length)] = np.roll(x, shift + 1, axis=-1)
    base = np.asarray(head(x)).reshape(backgrounds, 1, 1, -1)
    out = np.asarray(head(mutants.reshape(-1, length, 4))).reshape(backgrounds, length, 3, -1)
    return (out != base).any(axis=(0, 2, 3))


def _conv_pool_model(length, kernel, pool, strides=None, padding="valid"):
    inputs = keras.Input((length, 4))
    x = keras.layers.Conv1D(3, kernel, activation="relu")(inputs)
    x = keras.layers.MaxPooling1D(pool, strides=strides, padding=padding)(x)
    x = keras.layers.Conv1D(3, 2, activation="relu")(x)
    x = keras.layers.Dense(2, activation="relu")(keras.layers.GlobalMaxPooling1D()(x))
    return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))


@pytest.mark.parametrize(
    ("build", "unseen"),
    [
        # conv1 keeps 37 positions; pooling by 2 without padding keeps 18 and drops the last
        (lambda: _conv_pool_model(41, 5, 2), [40]),
        (lambda: _conv_pool_model(41, 5, 2, padding="same"), []),
        (lambda: _conv_pool_model(40, 5, 2), []),
        # a pooling of 1 with stride 2 after a width-1 convolution reads every other base
        (lambda: _conv_pool_model(21, 1, 1, strides=2), list(range(1, 21, 2))),
        (lambda: models.two_layer(41, 4, 5, pool_size=2, second_kernel=4), []),
        (lambda: models.two_layer(41, 4, 5, pool_size=3, second_kernel=4), []),
        (lambda: models.deepbind(30, 4, 5), []),
    ],
)
def test_input_reach_finds_the_positions_no_weight_can_connect(build, unseen):
    model = build()
    reach = models.input_reach(model)
    assert reach.shape == (model.input_shape[1],) and reach.dtype == bool
    np.testing.assert_array_equal(np.flatnonzero(~reach), unseen)
    np.testing.assert_array_equal(reach, perturbation_reach(model))


def test_every_base_reaches_the_output_of_the_reference_and_the_deepbind_model():
    assert models.input_reach(models.two_layer()).all()
    assert models.input_reach(models.deepbind(101, 16, 5)).all()


def test_input_reach_refuses_what_it_cannot_follow():
    with pytest.raises(ValueError, match="expected a keras.Model"):
        models.input_reach("conv1")
    inputs = keras.Input((10, 4))
    norm = keras.layers.BatchNormalization()(keras.layers.Conv1D(2, 3)(inputs))
    with pytest.raises(ValueError, match="cannot follow a BatchNormalization"):
        models.input_reach(keras.Model(inputs, keras.layers.GlobalMaxPooling1D()(norm)))
    with pytest.raises(ValueError, match="activation 'exponential'"):
        models.input_reach(models.deepbind(30, 4, 5, activation="exponential"))


def test_implant_filters_makes_exact_kmer_detectors_and_keeps_the_rest():
    model = models.deepbind(seq_len=12, filters=4, kernel_size=3)
    before = model.get_layer("conv1").get_weights()
    assert models.implant_filters(model, ["ACG", "TTT"]) is model
    kernel, bias = model.get_layer("conv1").get_weights()
    np.testing.assert_array_equal(kernel[..., 2:], before[0][..., 2:])
    np.testing.assert_array_equal(bias[2:], before[1][2:])
    every = ["".join(k) for k in itertools.product("ACGT", repeat=3)]
    scores = np.einsum("nkc,kcf->nf", one_hot(every), kernel) + bias
    for i, kmer in enumerate(["ACG", "TTT"]):
        assert scores[every.index(kmer), i] == 1.0
        assert np.delete(scores[:, i], every.index(kmer)).max() <= 0.0


@pytest.mark.parametrize(
    ("kmers", "layer", "message"),
    [
        (["ACGT"], "conv1", "strings of 3 bases"),
        (["ACX"], "conv1", "over A, C, G, T"),
        ([], "conv1", "1 to 2"),
        (["ACG"] * 3, "conv1", "1 to 2"),
        (["ACG"], "conv9", "no layer"),
    ],
)
def test_implant_filters_arguments_are_checked(kmers, layer, message):
    with pytest.raises(ValueError, match=message):
        models.implant_filters(models.deepbind(12, filters=2, kernel_size=3), kmers, layer)


@pytest.mark.parametrize("length", [5, 6, 8])
def test_the_kit_recipe_gives_filters_a_base_of_slack_on_each_side(length):
    recipe = recipes.kit_recipe(length)
    assert recipe["kernel_size"] == length + 2 and recipe["filters"] == 32
    model = models.deepbind(seq_len=101, **recipe)
    assert model.get_layer("conv1").kernel.shape == (length + 2, 4, 32)


@pytest.mark.parametrize("length", [0, -1, 2.5, True, "5"])
def test_the_kit_recipe_refuses_a_motif_length_that_is_not_a_positive_integer(length):
    with pytest.raises(ValueError, match="motif_length"):
        recipes.kit_recipe(length)
