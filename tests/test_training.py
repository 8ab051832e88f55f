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
