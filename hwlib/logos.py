"""Sequence logos (logomaker) of motifs, filter weights and attribution maps."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import logomaker  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from hwlib.motifs import information_content  # noqa: E402
from hwlib.sequences import ALPHABET  # noqa: E402


def _frame(values: np.ndarray, name: str) -> pd.DataFrame:
    values = np.asarray(values, dtype=float)
    if values.ndim != 2 or values.shape[1] != 4 or len(values) == 0:
        raise ValueError(f"{name} must have shape (K, 4) with K >= 1, got {values.shape}")
    if not np.isfinite(values).all():
        raise ValueError(f"{name} must be finite")
    return pd.DataFrame(values, columns=list(ALPHABET))


def _finish(ax: plt.Axes, title: str, ylabel: str) -> plt.Axes:
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("position")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def pwm_logo(ppm: np.ndarray, ax: plt.Axes, title: str = "") -> plt.Axes:
    """Information logo of a PPM (K, 4): letter heights p * IC, in bits (0 to 2)."""
    heights = np.asarray(ppm, dtype=float) * information_content(ppm)[:, None]
    logomaker.Logo(_frame(heights, "ppm"), ax=ax, color_scheme="classic")
    ax.set_ylim(0, 2)
    return _finish(ax, title, "bits")


def weights_logo(weights: np.ndarray, ax: plt.Axes, title: str = "") -> plt.Axes:
    """Raw convolution weights (K, 4) of one filter: positive letters above the axis, negative
    ones below (flipped)."""
    logomaker.Logo(_frame(weights, "weights"), ax=ax, color_scheme="classic")
    ax.axhline(0, color="black", lw=0.5)
    return _finish(ax, title, "weight")


def attribution_logo(
    attr: np.ndarray,
    ax: plt.Axes,
    sites: tuple[int, int] | Sequence[tuple[int, int]] = (),
    title: str = "",
) -> plt.Axes:
    """Attribution map (L, 4) as a logo, with each true site (start, end), half-open, shaded."""
    frame = _frame(attr, "attr")
    spans = [sites] if len(sites) == 2 and np.isscalar(sites[0]) else list(sites)
    for span in spans:
        if len(span) != 2 or not 0 <= span[0] < span[1] <= len(frame):
            raise ValueError(f"sites must be (start, end) pairs within 0..{len(frame)}, got {span}")
        ax.axvspan(span[0] - 0.5, span[1] - 0.5, color="gold", alpha=0.3, lw=0)
    logomaker.Logo(frame, ax=ax, color_scheme="classic")
    ax.axhline(0, color="black", lw=0.5)
    return _finish(ax, title, "attribution")
