"""The learning curves: fresh, reproducible data for every curve, size and role
(hwlib.learning_curve)."""

import numpy as np
import pandas as pd
import pytest

from hwlib import datasets, learning_curve, models, positions, task, variants


def test_the_same_call_gives_the_same_data_and_roles_differ():
    a = learning_curve.fresh_data(200, "train", 1000)
    assert a.seqs == learning_curve.fresh_data(200, "train", 1000).seqs
    assert a.seqs != learning_curve.fresh_data(200, "validation", 1000).seqs
    assert a.seqs != learning_curve.fresh_data(200, "train", 2000).seqs
    assert a.seqs != learning_curve.fresh_data(200, "train", 1000, draw=1).seqs


@pytest.mark.parametrize("curve", ["q1", "q5"])
def test_a_variant_asked_for_gives_its_data_whatever_variant_is_in_use(curve):
    default = learning_curve.fresh_data(200, "test", 0, curve=curve)
    with task.using("robustness-60"):
        own = learning_curve.fresh_data(200, "test", 0, curve=curve)
        committed = learning_curve.fresh_data(200, "test", 0, curve=curve, variant=variants.DEFAULT)
    assert committed.seqs == default.seqs and committed.params == default.params
    assert own.seqs != default.seqs
    robustness = variants.variant("robustness-60")
    again = learning_curve.fresh_data(200, "test", 0, curve=curve, variant=robustness)
    assert again.seqs == own.seqs


def test_splits_have_the_sizes_and_balance_asked_for():
    train, val = learning_curve.splits(1400)
    assert (len(train), len(val)) == (1400, 200)
    assert train.labels.mean() == 0.5 and val.labels.mean() == 0.5
    assert len(learning_curve.splits(70)[1]) == 100, "at least 100 validation sequences"


def test_every_positive_carries_the_motif_and_the_test_set_is_shared():
    data = learning_curve.fresh_data(400, "test", 0)
    positives = np.array(data.seqs)[data.labels == 1]
    assert all(data.params["motif"] in s for s in positives)


@pytest.mark.parametrize("curve", ["q1", "q5", "q6"])
def test_each_curve_samples_its_own_task_and_its_own_data(curve):
    data = learning_curve.fresh_data(400, "train", 1000, curve=curve)
    assert data.task == datasets.DATASETS[learning_curve.CURVES[curve].dataset][0].__name__
    assert (len(data), data.labels.sum()) == (400, 200)
    others = [c for c in learning_curve.CURVES if c != curve]
    assert all(
        data.seqs != learning_curve.fresh_data(400, "train", 1000, curve=c).seqs for c in others
    )


def test_q6_positives_hold_both_motifs_within_the_window():
    data = learning_curve.fresh_data(400, "test", 0, curve="q6")
    a, b = (positions.motif_starts(data, m)[data.labels == 1] for m in ("A", "B"))
    gaps = b - a - len(data.params["motif_a"])
    assert gaps.min() >= data.params["gap_min"] and gaps.max() <= data.params["gap_max"]


@pytest.mark.parametrize("student_id", ["", "robustness-8", "robustness-60"])
def test_the_q6_curve_trains_the_wide_model_whose_receptive_field_covers_the_grammar(student_id):
    with task.using(student_id):
        model = learning_curve.CURVES["q6"].build()
        motif_a, motif_b = task.motifs()
    assert models.receptive_field(model) >= len(motif_a) + 25 + len(motif_b)
    assert model.get_layer("conv1").kernel_size == (max(len(motif_a), len(motif_b)),)


@pytest.mark.parametrize("len_a, len_b", [(a, b) for a in range(5, 9) for b in range(5, 9)])
def test_every_base_reaches_the_wide_models_output(len_a, len_b):
    # conv1 keeps 102 - k1 positions, odd for k1 = 5 and 7: pooling by 2 must not drop the last
    model = learning_curve.wide_interaction_model("A" * len_a, "C" * len_b, 25)
    assert models.input_reach(model).all()


@pytest.mark.parametrize("len_a, len_b", [(a, b) for a in range(5, 9) for b in range(5, 9)])
def test_wide_kernels_cover_a_the_widest_gap_and_b_with_the_least_second_width(len_a, len_b):
    first, second = learning_curve.wide_kernels(len_a, len_b, 25)
    span = len_a + 25 + len_b
    assert first == max(len_a, len_b)
    field = first + 1 + 2 * (second - 1)
    # units start every other base: A, the widest gap and B fit in one unit wherever A starts
    for a_start in range(2):
        covered = [2 * i <= a_start and 2 * i + field >= a_start + span for i in range(2)]
        assert any(covered), f"no unit sees A at {a_start}, the widest gap and B"
    assert field - 2 < span + 1 <= field, "one second-layer position fewer would not do"
    model = learning_curve.wide_interaction_model("A" * len_a, "C" * len_b, 25)
    assert models.receptive_field(model) == first + 1 + 2 * (second - 1)


def test_the_default_wide_model_is_the_committed_curves():
    assert learning_curve.wide_kernels(5, 5, 25) == (5, 16)


@pytest.mark.parametrize("args", [(0, 5, 25), (5, 5, -1), (5.0, 5, 25), (5, True, 25)])
def test_wide_kernels_refuse_bad_lengths(args):
    with pytest.raises(ValueError, match="must be an integer"):
        learning_curve.wide_kernels(*args)


@pytest.mark.parametrize("n, role", [(1, "train"), (10, "holdout"), (2.5, "train")])
def test_bad_arguments_are_refused(n, role):
    with pytest.raises(ValueError):
        learning_curve.fresh_data(n, role, 1000)


def test_an_unknown_curve_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="q1"):
        learning_curve.fresh_data(100, "train", 1000, curve="q7")
    with pytest.raises(ValueError, match="q5"):
        learning_curve.load("q2")


def test_a_missing_table_says_how_to_make_it(tmp_path):
    with pytest.raises(ValueError, match="make learning-curve"):
        learning_curve.load("q1", tmp_path / "absent.csv")


def test_summarise_gives_each_size_its_gap_and_upper_bound():
    table = pd.DataFrame(
        {
            "train_size": [1000, 1000, 1000, 2000, 2000],
            "roc_auc": [0.90, 0.92, 0.94, 0.95, 0.96],
            "bayes_roc_auc": [0.97] * 5,
        }
    )
    out = learning_curve.summarise(table)
    assert list(out.index) == [1000, 2000]
    gaps = 0.97 - np.array([0.90, 0.92, 0.94])
    assert out.loc[1000, "gap_to_ceiling_mean"] == pytest.approx(gaps.mean())
    # The 95% t quantile on 2 degrees of freedom is 4.303 (tables), not 2.
    upper = gaps.mean() + 4.303 * gaps.std(ddof=1) / np.sqrt(3)
    assert out.loc[1000, "gap_upper"] == pytest.approx(upper, rel=1e-4)
    assert out.loc[2000, "n"] == 2 and out.loc[2000, "bayes_roc_auc"] == 0.97
    with pytest.raises(ValueError, match="bayes_roc_auc"):
        learning_curve.summarise(table.drop(columns="bayes_roc_auc"))
    np.testing.assert_allclose(learning_curve.gaps(table, 1000), gaps)
    with pytest.raises(ValueError, match="1000, 2000"):
        learning_curve.gaps(table, 5600)
