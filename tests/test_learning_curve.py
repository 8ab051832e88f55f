"""Q1's learning curve: fresh, reproducible data for every size and role (hwlib.learning_curve)."""

import numpy as np
import pytest

from hwlib import learning_curve


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


@pytest.mark.parametrize("n, role", [(1, "train"), (10, "holdout"), (2.5, "train")])
def test_bad_arguments_are_refused(n, role):
    with pytest.raises(ValueError):
        learning_curve.fresh_data(n, role, 1000)


def test_a_missing_table_says_how_to_make_it(tmp_path):
    with pytest.raises(ValueError, match="make learning-curve"):
        learning_curve.load(tmp_path / "absent.csv")
