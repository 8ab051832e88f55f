"""Logos draw onto the given axes and reject malformed input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from hwlib import logos, motifs


def test_logos_draw_on_the_axes():
    fig, axes = plt.subplots(1, 3)
    logos.pwm_logo(motifs.motif_ppm("ACGTG"), axes[0], "motif")
    logos.weights_logo(np.random.default_rng(0).normal(size=(5, 4)), axes[1], "weights")
    attr = np.eye(4)[np.arange(20) % 4]
    logos.attribution_logo(attr, axes[2], sites=[(2, 7), (10, 15)], title="attr")
    assert axes[0].get_title() == "motif" and axes[0].get_ylim() == (0, 2)
    assert len(axes[2].patches) >= 2
    plt.close(fig)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ax: logos.weights_logo(np.zeros((5, 3)), ax), "shape"),
        (lambda ax: logos.weights_logo(np.full((5, 4), np.nan), ax), "finite"),
        (lambda ax: logos.attribution_logo(np.zeros((10, 4)), ax, sites=(8, 12)), "sites"),
    ],
)
def test_bad_arguments_raise(call, message):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=message):
        call(ax)
    plt.close(fig)
