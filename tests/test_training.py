import numpy as np
import pytest

from hwlib import metrics, models, simulate, training


@pytest.fixture(scope="module")
def trained():
    train_set, val_set, test_set = simulate.split(
        simulate.single_motif(200, 200, seq_len=30, seed=5), seed=5
    )
    run = training.train(
        lambda: models.deepbind(30, 4, 5, 4, learning_rate=1e-2),
        train_set,
        val_set,
        test_set,
        seed=0,
        max_epochs=5,
    )
    return run, test_set


def test_evaluate_scores_the_given_inputs(trained):
    run, test_set = trained
    clean = training.evaluate(run.model, test_set)
    assert clean == {k: run.metrics[k] for k in ("roc_auc", "pr_auc")}
    flipped = test_set.with_inputs(test_set.x[:, ::-1, ::-1])
    expected = metrics.roc_pr(flipped.labels, training.predict(run.model, flipped.x))
    assert training.evaluate(run.model, flipped) == expected
    assert not np.allclose(training.predict(run.model, flipped.x), run.test_scores)


def test_grid_sweep_in_worker_processes_matches_training_here(trained):
    run, test_set = trained
    splits = simulate.split(simulate.single_motif(200, 200, seq_len=30, seed=5), seed=5)
    configs = {
        k: (lambda k=k: models.deepbind(30, 4, k, 4, learning_rate=1e-2), *splits) for k in (3, 5)
    }
    table, runs = training.grid_sweep(configs, [1, 0], workers=2, max_epochs=5)
    assert table["config"].tolist() == [3, 3, 5, 5] and table["seed"].tolist() == [1, 0, 1, 0]
    # The fixture trained the same configuration (width 5, seed 0) in this process.
    assert runs[5][1].history == run.history
    assert table.iloc[3][list(run.metrics)].to_dict() == run.metrics
    np.testing.assert_array_equal(runs[5][1].test_scores, run.test_scores)
    np.testing.assert_array_equal(training.predict(runs[5][1].model, test_set.x), run.test_scores)
    assert table["roc_auc"].nunique() == 4, "every configuration and seed gives its own run"


@pytest.mark.parametrize(
    ("seeds", "workers", "message"),
    [
        ([0], 0, "workers"),
        ([0], 1.5, "workers"),
        ([0], True, "workers"),
        ([], 1, "seeds"),
        ([1, 1], 1, "distinct"),
    ],
)
def test_sweeps_reject_bad_arguments(seeds, workers, message):
    tiny = simulate.split(simulate.single_motif(20, 20, seq_len=20, seed=1), seed=1)
    with pytest.raises(ValueError, match=message):
        training.seed_sweep(lambda: models.deepbind(20), *tiny, seeds, workers)


def test_grid_sweep_needs_a_configuration():
    with pytest.raises(ValueError, match="configs"):
        training.grid_sweep({}, [0])


def test_grid_sweep_names_its_key_columns():
    tiny = simulate.split(simulate.single_motif(20, 20, seq_len=20, seed=1), seed=1)
    build = lambda: models.deepbind(20, 2, 3, 2)  # noqa: E731
    table, runs = training.grid_sweep(
        {(3, "a"): (build, *tiny), (4, "b"): (build, *tiny)},
        [0],
        workers=1,
        column=("width", "name"),
        max_epochs=1,
    )
    assert list(table.columns[:3]) == ["width", "name", "seed"]
    assert table[["width", "name"]].values.tolist() == [[3, "a"], [4, "b"]]
    assert list(runs) == [(3, "a"), (4, "b")]
    for column in (("width",), ("width", "name", "extra"), ("width", 2)):
        with pytest.raises(ValueError, match="column must be a name"):
            training.grid_sweep({(3, "a"): (build, *tiny)}, [0], column=column)
    for column in (("width", "width"), ("seed", "name"), ("width", "roc_auc")):
        with pytest.raises(ValueError, match="column names must be distinct"):
            training.grid_sweep({(3, "a"): (build, *tiny)}, [0], column=column)


def test_a_reused_compiled_step_trains_like_a_fresh_compile(monkeypatch):
    splits = simulate.split(simulate.single_motif(200, 200, seq_len=30, seed=5), seed=5)
    build = lambda: models.deepbind(30, 4, 5, 4, learning_rate=1e-2)  # noqa: E731
    monkeypatch.setattr(training, "_compiled", {})
    training.train(build, *splits, seed=0, max_epochs=4)
    reused = training.train(build, *splits, seed=1, max_epochs=4)
    assert len(training._compiled) == 1, "the second run of the architecture compiled again"
    monkeypatch.setattr(training, "_compiled", {})
    fresh = training.train(build, *splits, seed=1, max_epochs=4)
    assert reused.history == fresh.history
    for a, b in zip(reused.model.get_weights(), fresh.model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    first = training.train(build, *splits, seed=0, max_epochs=4)
    kept = [w.copy() for w in first.model.get_weights()]
    training.train(build, *splits, seed=2, max_epochs=4)
    for a, b in zip(first.model.get_weights(), kept, strict=True):
        np.testing.assert_array_equal(a, b)  # a later run of the architecture leaves it alone
    other = training.train(lambda: models.deepbind(30, 4, 3, 4), *splits, seed=1, max_epochs=2)
    assert len(training._compiled) == 2 and other.history != fresh.history


def test_fresh_noise_is_drawn_anew_every_epoch():
    splits = simulate.split(simulate.single_motif(200, 200, seq_len=30, seed=5), seed=5)
    build = lambda: models.deepbind(30, 4, 5, 4, learning_rate=1e-2)  # noqa: E731
    fresh = training.train(build, *splits, seed=3, max_epochs=3, fresh_noise=0.5)
    again = training.train(build, *splits, seed=3, max_epochs=3, fresh_noise=0.5)
    assert fresh.history == again.history, "the same seed must give the same noise"
    # A training set carrying epoch 0's noise for good trains alike in epoch 0 only.
    first = np.random.default_rng([3, 0]).normal(0.0, 0.5, splits[0].x.shape)
    fixed_set = splits[0].with_inputs(splits[0].x + first.astype("float32"))
    fixed = training.train(build, fixed_set, *splits[1:], seed=3, max_epochs=3)
    assert fixed.history["loss"][0] == pytest.approx(fresh.history["loss"][0], rel=1e-5)
    assert fixed.history["loss"][1:] != pytest.approx(fresh.history["loss"][1:], rel=1e-3)
    clean = training.train(build, *splits, seed=3, max_epochs=3)
    assert clean.history["loss"][0] != pytest.approx(fresh.history["loss"][0], rel=1e-3)
    with pytest.raises(ValueError, match="fresh_noise"):
        training.train(build, *splits, seed=3, max_epochs=1, fresh_noise=-0.1)
