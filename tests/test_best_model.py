"""The saved best models (Q1, Q5, Q6): saving, the handout's check on the variant's test split
and the graders' check on fresh hidden sequences, against the Bayes ceiling; and Q6's, which
must see the grammar's span and beat the presence rule."""

import os

import keras
import numpy as np
import pytest

from hwlib import checks, datasets, grader_checks, models, task, training
from hwlib.sequences import one_hot


def detector(motif: str, seq_len: int = 101) -> keras.Model:
    """A model built by hand, not trained: one filter that is the motif's one-hot matrix (with
    a bias that leaves 1 only for an exact match), max-pooled: "does the motif occur?"."""
    inputs = keras.Input((seq_len, 4))
    conv = keras.layers.Conv1D(1, len(motif), activation="relu", name="conv1")(inputs)
    pooled = keras.layers.GlobalMaxPooling1D()(conv)
    out = keras.layers.Dense(1, activation="sigmoid")(pooled)
    model = keras.Model(inputs, out)
    model.get_layer("conv1").set_weights(
        [one_hot([motif])[0][:, :, None], np.array([1.0 - len(motif)])]
    )
    model.layers[-1].set_weights([np.array([[10.0]]), np.array([-5.0])])
    return model


def grammar_reader(seq_len: int = 101) -> keras.Model:
    """A model built by hand that reads the interaction task's grammar (the variant in use):
    two exact-match filters, A and B, then one unit that fires when B starts len(A) + gap
    bases after A with gap in gap_min..gap_max, max-pooled."""
    p = datasets.generate("interaction", seed=0, n=2).params
    a, b, gaps = p["motif_a"], p["motif_b"], range(p["gap_min"], p["gap_max"] + 1)
    width, reach = max(len(a), len(b)), len(a) + gaps[-1] + 1
    inputs = keras.Input((seq_len, 4))
    pairs = keras.layers.Conv1D(1, reach, activation="relu", name="conv2")
    found = keras.layers.Conv1D(2, width, activation="relu", name="conv1")(inputs)
    pooled = keras.layers.GlobalMaxPooling1D()(pairs(found))
    out = keras.layers.Dense(1, activation="sigmoid")(pooled)
    model = keras.Model(inputs, out)
    kernel = np.zeros((width, 4, 2), dtype=np.float32)
    kernel[: len(a), :, 0], kernel[: len(b), :, 1] = one_hot([a])[0], one_hot([b])[0]
    model.get_layer("conv1").set_weights([kernel, np.array([1.0 - len(a), 1.0 - len(b)])])
    spacing = np.zeros((reach, 2, 1), dtype=np.float32)
    spacing[0, 0, 0] = 1.0
    spacing[[len(a) + g for g in gaps], 1, 0] = 1.0
    model.get_layer("conv2").set_weights([spacing, np.array([-1.0])])
    model.layers[-1].set_weights([np.array([[10.0]]), np.array([-5.0])])
    return model


def presence_detector(seq_len: int = 101) -> keras.Model:
    """The grammar reader's two filters, max-pooled and summed: which motifs occur, not where."""
    reader = grammar_reader(seq_len)
    pooled = keras.layers.GlobalMaxPooling1D()(reader.get_layer("conv1").output)
    out = keras.layers.Dense(1, activation="sigmoid")(pooled)
    model = keras.Model(reader.input, out)
    model.layers[-1].set_weights([np.array([[5.0], [5.0]]), np.array([-5.0])])
    return model


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """Save a model as the q1 hand-in in a scratch notebook folder (the working directory)."""
    monkeypatch.chdir(tmp_path)

    def save(model: keras.Model, question: str = "q1") -> str:
        return str(models.save_best(model, question))

    return save


def test_a_motif_detector_is_near_the_ceiling_on_the_test_split_and_on_hidden_data(saved):
    assert saved(detector(task.motif())) == "q1_best.keras"
    assert "within 0.02" in checks.best_model("q1", within=0.02)
    assert "on 10,000 sequences" in grader_checks.best_model("q1", within=0.02, seed=1)


def test_the_hidden_data_are_the_graded_variants(saved):
    with task.using("ada"):
        saved(detector(task.motif()))
        assert "within 0.02" in grader_checks.best_model("q1", within=0.02)
    with task.using("bob"), pytest.raises(AssertionError, match="below the ceiling"):
        grader_checks.best_model("q1", within=0.05)  # ada's motif is not bob's


def test_a_grammar_reader_sees_the_grammar_on_the_test_split_and_on_hidden_data(saved):
    saved(grammar_reader(), "q6")
    assert "over the presence rule" in checks.sees_grammar()
    assert "on 10,000 sequences" in grader_checks.sees_grammar(seed=1)


def test_a_presence_detector_cannot_see_the_grammar(saved):
    saved(presence_detector(), "q6")
    with pytest.raises(AssertionError, match="fewer than the grammar's"):
        grader_checks.sees_grammar()


def test_a_wide_untrained_model_is_not_above_the_presence_rule(saved):
    keras.utils.set_random_seed(0)
    wide = models.two_layer(101, filters=8, kernel_size=9, pool_size=2, second_kernel=16)
    saved(wide, "q6")
    with pytest.raises(AssertionError, match="not above the presence rule"):
        grader_checks.sees_grammar()


def test_a_grammar_reader_of_one_variant_fails_on_anothers(saved):
    with task.using("ada"):
        saved(grammar_reader(), "q6")
        assert "over the presence rule" in grader_checks.sees_grammar()
    with task.using("bob"), pytest.raises(AssertionError):
        grader_checks.sees_grammar()


def test_reads_grammar_is_for_the_interaction_task(saved):
    single = datasets.generate("single_motif", seed=1, n=100)
    with pytest.raises(ValueError, match="interaction task"):
        checks.reads_grammar(detector(task.motif()), single, 101)


def test_an_untrained_model_is_far_below_the_ceiling(saved):
    keras.utils.set_random_seed(0)
    saved(models.deepbind(101, filters=4, kernel_size=5, dense_units=4))
    with pytest.raises(AssertionError, match="more than 0.05 below the ceiling"):
        checks.best_model("q1", within=0.05)


def test_a_missing_or_unloadable_model_fails_saying_why(saved, tmp_path):
    with pytest.raises(AssertionError, match="q1_best.keras is missing"):
        checks.best_model("q1", within=0.05)
    inputs = keras.Input((101, 4))
    out = keras.layers.Lambda(lambda x: x[:, 0, :1] * 0 + os.getpid() * 0)(inputs)
    keras.Model(inputs, out).save(tmp_path / "q1_best.keras")  # code: refused in safe mode
    with pytest.raises(AssertionError, match="cannot be loaded"):
        grader_checks.best_model("q1", within=0.05, folder=tmp_path)


def test_a_model_too_big_to_grade_is_refused_unloaded_or_unscored(saved, tmp_path, monkeypatch):
    (tmp_path / "q1_best.keras").write_bytes(b"x" * (checks.MAX_MODEL_BYTES + 1))
    with pytest.raises(AssertionError, match="bytes; grading loads"):
        checks.best_model("q1", within=0.05)
    saved(detector(task.motif()))
    monkeypatch.setattr(checks, "MAX_PARAMETERS", 5)
    with pytest.raises(AssertionError, match="parameters; grading scores 5"):
        grader_checks.best_model("q1", within=0.05)


def test_a_model_too_slow_to_score_is_refused(saved, monkeypatch):
    saved(detector(task.motif()))
    assert "within 0.05" in grader_checks.best_model("q1", within=0.05)
    monkeypatch.setattr(checks, "MAX_SCORING_SECONDS", 1e-9)
    with pytest.raises(AssertionError, match="10,000 sequences would take about"):
        grader_checks.best_model("q1", within=0.05)


@pytest.mark.parametrize(
    "model, question, message",
    [
        (detector("ACGTG", seq_len=50), "q1", "must map"),
        (detector("ACGTG"), "q2", "question must be one of"),
        ("model", "q1", "keras.Model"),
    ],
)
def test_save_best_refuses_what_cannot_be_graded(saved, model, question, message):
    with pytest.raises(ValueError, match=message):
        models.save_best(model, question)


def _run(val_loss: list[float]) -> training.TrainResult:
    return training.TrainResult(None, {"loss": val_loss, "val_loss": val_loss}, np.zeros(1), {})


def test_best_of_picks_the_lowest_validation_loss():
    runs = [_run([0.5, 0.4]), _run([0.6, 0.3, 0.35]), _run([0.45])]
    assert training.best_of(runs) is runs[1]
    with pytest.raises(ValueError, match="non-empty"):
        training.best_of([])
