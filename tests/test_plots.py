import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hwlib import plots


def _figure():
    fig, ax = plt.subplots()
    ax.plot([0, 1, 2], [2, 0, 1])
    return fig


def test_saved_png_is_byte_stable_and_has_no_version_stamp(tmp_path):
    first = plots.save(_figure(), "f", tmp_path).data
    second = plots.save(_figure(), "f", tmp_path).data
    assert first == second == (tmp_path / "f.png").read_bytes()
    assert first.startswith(b"\x89PNG")
    assert b"Software" not in first and b"matplotlib" not in first


def test_save_rejects_paths(tmp_path):
    with pytest.raises(ValueError, match="bare file stem"):
        plots.save(_figure(), "sub/f", tmp_path)


def test_loss_curves_draws_both_losses_per_run():
    hist = {"loss": [0.7, 0.5, 0.4], "val_loss": [0.7, 0.6, 0.6]}
    fig = plots.loss_curves({"seed 0": hist, "seed 1": hist})
    assert len(fig.axes[0].lines) == 6  # two curves and a best-epoch dot per run
    plt.close(fig)
    with pytest.raises(ValueError, match="at least one run"):
        plots.loss_curves({})


def test_save_table_round_trips(tmp_path):
    table = pd.DataFrame({"seed": [0, 1], "roc_auc": [0.95123456789, 0.5]})
    path = plots.save_table(table, "runs", tmp_path)
    assert path.read_text() == "seed,roc_auc\n0,0.951235\n1,0.5\n"
    with pytest.raises(ValueError, match="bare file stem"):
        plots.save_table(table, "runs.csv", tmp_path)


def _runs():
    return pd.DataFrame(
        {
            "kernel_size": [3, 3, 5, 5],
            "roc_auc": [0.6, 0.7, 0.9, 0.94],
            "pr_auc": [0.6, 0.6, 0.9, 0.9],
            "bayes_roc_auc": 0.95,
            "bayes_pr_auc": 0.92,
            "noise_on": ["all", "negatives"] * 2,
        }
    )


def test_sweep_draws_mean_and_sd_per_setting_and_the_ceiling():
    fig = plots.sweep(_runs(), "kernel_size")
    ax = fig.axes[0]
    mean_line, ceiling_line = ax.lines[0], ax.lines[-1]
    assert list(mean_line.get_ydata()) == pytest.approx([0.65, 0.92])
    assert list(ceiling_line.get_ydata()) == pytest.approx([0.95, 0.95])
    plt.close(fig)


def test_sweep_splits_groups_by_hue_and_rejects_missing_columns():
    fig = plots.sweep(_runs(), "kernel_size", hue="noise_on")
    assert len(fig.axes[0].get_legend().get_texts()) == 2
    plt.close(fig)
    with pytest.raises(ValueError, match="no column"):
        plots.sweep(_runs().drop(columns="bayes_pr_auc"), "kernel_size")
    with pytest.raises(ValueError, match="no rows"):
        plots.sweep(_runs().iloc[:0], "kernel_size")


def test_heatmap_shows_the_mean_of_each_cell():
    fig = plots.heatmap(_runs(), "noise_on", "kernel_size", "roc_auc")
    grid = fig.axes[0].images[0].get_array()
    np.testing.assert_allclose(grid, [[0.6, 0.9], [0.7, 0.94]])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["0.600", "0.700", "0.900", "0.940"]
    plt.close(fig)
    with pytest.raises(ValueError, match="no column"):
        plots.heatmap(_runs(), "noise_on", "kernel_size", "nope")
