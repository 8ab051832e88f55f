import matplotlib.pyplot as plt
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
