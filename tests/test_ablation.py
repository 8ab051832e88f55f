import itertools

import numpy as np
import pandas as pd
import pytest

from hwlib import ablation


def _runs() -> pd.DataFrame:
    """A 2 x 2 design, 3 runs per cell: width adds 1.0 to the score, filters nothing."""
    rows = [
        {"width": w, "filters": f, "score": (w == 7) + 0.1 * seed, "other": seed}
        for w, f, seed in itertools.product((5, 7), (24, 32), range(3))
    ]
    return pd.DataFrame(rows)


def test_factor_effects_compares_the_runs_at_each_level():
    effects = ablation.factor_effects(
        _runs(), {"width": (7, 5), "filters": (32, 24)}, ["score", "other"]
    )
    assert list(effects.index) == ["width: 7 vs 5", "filters: 32 vs 24"]
    assert list(effects.columns) == ["score", "score (SE)", "other", "other (SE)"]
    assert effects.loc["width: 7 vs 5", "score"] == pytest.approx(1.0)
    assert effects.loc["filters: 32 vs 24", "score"] == pytest.approx(0.0)
    # 6 runs a level, each level's scores 0, 0.1, 0.2 twice: sd 0.0894, SE of the difference
    spread = np.std([0, 0.1, 0.2, 0, 0.1, 0.2], ddof=1)
    assert effects.loc["width: 7 vs 5", "score (SE)"] == pytest.approx(1.0 / (spread / np.sqrt(3)))
    # Swapping the levels flips the sign.
    flipped = ablation.factor_effects(_runs(), {"width": (5, 7)}, ["score"])
    assert flipped.loc["width: 5 vs 7", "score"] == pytest.approx(-1.0)


@pytest.mark.parametrize(
    ("factors", "measures", "message"),
    [
        ({}, ["score"], "must not be empty"),
        ({"width": (7, 5)}, [], "must not be empty"),
        ({"depth": (2, 1)}, ["score"], r"\['depth'\] are not in the table"),
        ({"width": (7, 5)}, ["auc"], r"\['auc'\] are not in the table"),
        ({"width": (7, 5, 3)}, ["score"], "needs two levels"),
        ({"width": (9, 5)}, ["score"], "at least 2 runs at each level"),
    ],
)
def test_factor_effects_arguments_are_checked(factors, measures, message):
    with pytest.raises(ValueError, match=message):
        ablation.factor_effects(_runs(), factors, measures)
