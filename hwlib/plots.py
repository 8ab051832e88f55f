"""Figures: one place that saves them reproducibly, and the kit's shared plots."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from IPython.display import Image  # noqa: E402

# KIT_FIGURES_DIR redirects every figure and table (`make test` writes them to a scratch folder
# so that the committed ones stay untouched).
FIGURES_DIR = Path(
    os.environ.get("KIT_FIGURES_DIR") or Path(__file__).resolve().parents[1] / "figures"
)


def save(fig: plt.Figure, name: str, folder: Path = FIGURES_DIR) -> Image:
    """Write `fig` to folder/name.png with no version or date metadata, close it, and return
    the PNG for display (so the notebook shows exactly the bytes on disk)."""
    if not name or "/" in name or name.endswith(".png"):
        raise ValueError(f"name must be a bare file stem like 'q1_loss', got {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Image(filename=str(path))


def save_table(table: pd.DataFrame, name: str, folder: Path = FIGURES_DIR) -> Path:
    """Write a results table to folder/name.csv (no index, 6 significant digits, LF endings)."""
    if not name or "/" in name or name.endswith(".csv"):
        raise ValueError(f"name must be a bare file stem like 'q2_kernel_sweep', got {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    table.to_csv(path, index=False, float_format="%.6g", lineterminator="\n")
    return path


def loss_curves(histories: dict[str, dict[str, list[float]]], title: str = "") -> plt.Figure:
    """Training and validation loss per epoch, one colour per run (label -> Keras history)."""
    if not histories:
        raise ValueError("histories must hold at least one run")
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for i, (label, hist) in enumerate(histories.items()):
        colour = f"C{i % 10}"
        ax.plot(range(1, len(hist["loss"]) + 1), hist["loss"], color=colour, lw=1, label=label)
        ax.plot(range(1, len(hist["val_loss"]) + 1), hist["val_loss"], color=colour, ls="--", lw=1)
        best = min(range(len(hist["val_loss"])), key=hist["val_loss"].__getitem__)
        ax.plot(best + 1, hist["val_loss"][best], "o", color=colour, ms=4)
    ax.set_xlabel("epoch")
    ax.set_ylabel("binary cross-entropy")
    ax.set_title(title or "training (solid) and validation (dashed) loss; dot: weights kept")
    ax.legend(fontsize=8, ncol=2)
    fig.tight_layout()
    return fig


def sweep(
    table: pd.DataFrame,
    x: str,
    metrics: tuple[str, ...] = ("roc_auc", "pr_auc"),
    hue: str | None = None,
    title: str = "",
) -> plt.Figure:
    """Mean ± sd of each metric over seeds against a swept setting, one panel per metric.

    `table` has one row per trained model, with column `x`, the `metrics`, their ceilings
    `bayes_<metric>` (drawn as a dashed line per group) and optionally a `hue` column that
    splits the runs into separately drawn groups.
    """
    needed = {x, *metrics, *(f"bayes_{m}" for m in metrics), *([hue] if hue else [])}
    missing = needed - set(table.columns)
    if missing:
        raise ValueError(f"table has no column(s) {sorted(missing)}")
    if table.empty:
        raise ValueError("table has no rows")
    groups = table.groupby(hue, sort=False) if hue else [(None, table)]
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.6 * len(metrics), 3.6), squeeze=False)
    for i, (label, group) in enumerate(groups):
        stats = group.groupby(x, sort=True)
        for ax, metric in zip(axes[0], metrics, strict=True):
            mean, sd = stats[metric].mean(), stats[metric].std()
            ax.errorbar(mean.index, mean, yerr=sd, fmt="o-", capsize=3, color=f"C{i}", label=label)
            ceiling = stats[f"bayes_{metric}"].mean()
            ax.plot(ceiling.index, ceiling, ls="--", color="k" if hue is None else f"C{i}", lw=1)
    for ax, metric in zip(axes[0], metrics, strict=True):
        ax.set_xlabel(x)
        ax.set_ylabel(f"{metric} (mean ± sd over seeds)")
        ax.set_title(f"{metric}; dashed: Bayes ceiling", fontsize=9)
        if hue:
            ax.legend(title=hue, fontsize=8)
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig


def heatmap(
    table: pd.DataFrame, index: str | list[str], columns: str, value: str, title: str = ""
) -> plt.Figure:
    """Mean of `value` over the runs in each (`index`, `columns`) cell, annotated, as a heatmap."""
    keys = [index] if isinstance(index, str) else list(index)
    missing = {*keys, columns, value} - set(table.columns)
    if missing:
        raise ValueError(f"table has no column(s) {sorted(missing)}")
    if table.empty:
        raise ValueError("table has no rows")
    grid = table.pivot_table(index=keys, columns=columns, values=value, aggfunc="mean")
    fig, ax = plt.subplots(figsize=(1.2 * grid.shape[1] + 3, 0.55 * grid.shape[0] + 1.6))
    image = ax.imshow(grid.to_numpy(), cmap="viridis", aspect="auto")
    for (i, j), v in np.ndenumerate(grid.to_numpy()):
        ax.text(
            j, i, f"{v:.3f}", ha="center", va="center", color="w" if v < grid.values.mean() else "k"
        )
    ax.set_xticks(range(grid.shape[1]), [str(c) for c in grid.columns])
    ax.set_yticks(
        range(grid.shape[0]), [" / ".join(map(str, np.atleast_1d(r))) for r in grid.index]
    )
    ax.set_xlabel(columns)
    ax.set_ylabel(" / ".join(keys))
    fig.colorbar(image, ax=ax, label=f"{value} (mean over seeds)")
    ax.set_title(title or value, fontsize=9)
    fig.tight_layout()
    return fig
