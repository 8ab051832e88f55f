"""make test's comparison of trained numbers: exact where training plays no part, within
4 standard errors of the seed spread where it does."""

import numpy as np
import pandas as pd
import pytest

from tools import compare_results


def runs(roc: list[float], ceiling: float = 0.95) -> pd.DataFrame:
    n = len(roc)
    return pd.DataFrame(
        {"kernel_size": [5] * n, "seed": range(n), "roc_auc": roc, "bayes_roc_auc": [ceiling] * n}
    )


def test_another_draw_of_the_seed_noise_passes():
    committed = runs([0.940, 0.950, 0.945, 0.955, 0.948])
    new = runs([0.944, 0.949, 0.951, 0.940, 0.953])
    report = compare_results.compare_table(committed, new)
    assert report["ok"].all() and report["column"].tolist() == ["roc_auc"]


def test_a_shift_beyond_the_seed_noise_fails():
    committed = runs([0.940, 0.950, 0.945, 0.955, 0.948])
    new = runs(list(np.array([0.940, 0.950, 0.945, 0.955, 0.948]) - 0.03))
    assert not compare_results.compare_table(committed, new)["ok"].any()


def test_a_changed_ceiling_is_an_error():
    with pytest.raises(ValueError, match="training-free"):
        compare_results.compare_table(runs([0.9, 0.91]), runs([0.9, 0.91], ceiling=0.951))


def test_no_spread_needs_equal_means():
    assert compare_results.compare_table(runs([1.0, 1.0]), runs([1.0, 1.0]))["ok"].all()
    assert not compare_results.compare_table(runs([1.0, 1.0]), runs([0.99, 0.99]))["ok"].any()


def test_folders_are_compared_table_by_table(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    runs([0.9, 0.91]).to_csv(tmp_path / "a" / "q9_runs.csv", index=False)
    with pytest.raises(ValueError, match="lacks"):
        compare_results.compare_folders(tmp_path / "a", tmp_path / "b")
    runs([0.905, 0.908]).to_csv(tmp_path / "b" / "q9_runs.csv", index=False)
    report = compare_results.compare_folders(tmp_path / "a", tmp_path / "b")
    assert report["ok"].all() and set(report["table"]) == {"q9_runs.csv"}
