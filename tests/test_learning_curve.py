"""The learning curves: fresh, reproducible data for every curve, size and role
(hwlib.learning_curve)."""

import numpy as np
import pandas as pd
import pytest

from hwlib import datasets, learning_curve, models, positions


def test_the_same_call_gives_the_same_data_and_roles_differ():
    a = learning_curve.fresh_data(200, "train", 1000)
    assert a.seqs == learning_curve.fresh_data(200, "train", 1000).seqs
    assert a.seqs != learning_curve.fresh_data(200, "validation", 1000).seqs
    assert a.seqs != learning_curve.fresh_data(200, "train", 2000).seqs
    assert a.seqs != learning_curve.fresh_data(200, "train", 1000, draw=1).seqs


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


def test_the_q6_curve_trains_the_wide_model_whose_receptive_field_covers_the_grammar():
    model = learning_curve.CURVES["q6"].build()
    assert models.receptive_field(model) >= 5 + 25 + 5


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
    upper = gaps.mean() + 2 * gaps.std(ddof=1) / np.sqrt(3)
    assert out.loc[1000, "gap_upper"] == pytest.approx(upper)
    assert out.loc[2000, "n"] == 2 and out.loc[2000, "bayes_roc_auc"] == 0.97
    with pytest.raises(ValueError, match="bayes_roc_auc"):
        learning_curve.summarise(table.drop(columns="bayes_roc_auc"))
    np.testing.assert_allclose(learning_curve.gaps(table, 1000), gaps)
    with pytest.raises(ValueError, match="1000, 2000"):
        learning_curve.gaps(table, 5600)
