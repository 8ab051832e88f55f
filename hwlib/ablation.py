"""Factorial ablations: each factor's effect, over the runs with one level of it against the
runs with the other."""

from collections.abc import Sequence

import pandas as pd

from hwlib import metrics


def factor_effects(
    runs: pd.DataFrame, factors: dict[str, tuple], measures: Sequence[str]
) -> pd.DataFrame:
    """Each factor's effect on each measure in a table of runs (one row per run; a column per
    factor and per measure), as in a full factorial design where every level of a factor meets
    every combination of the others.

    `factors` maps a column to its two levels (new, old). A factor's effect on a measure is the
    mean over the runs at `new` minus the mean over the runs at `old`, and that difference in
    standard errors (`metrics.difference_in_se`). Returns one row per factor, labelled
    "column: new vs old", in the order of `factors`, and two columns per measure, "<measure>"
    and "<measure> (SE)".
    """
    if not factors or not measures:
        raise ValueError(f"factors and measures must not be empty, got {factors!r}, {measures!r}")
    unknown = [c for c in [*factors, *measures] if c not in runs.columns]
    if unknown:
        raise ValueError(f"columns {unknown} are not in the table; it has {list(runs.columns)}")
    effects = {}
    for factor, levels in factors.items():
        if len(levels) != 2:
            raise ValueError(f"factor {factor!r} needs two levels (new, old), got {levels!r}")
        new, old = (runs[runs[factor] == level] for level in levels)
        if len(new) < 2 or len(old) < 2:
            raise ValueError(
                f"factor {factor!r} needs at least 2 runs at each level {levels!r}, got "
                f"{len(new)} and {len(old)}"
            )
        effects[f"{factor}: {levels[0]} vs {levels[1]}"] = {
            f"{measure}{suffix}": stat(new[measure], old[measure])
            for measure in measures
            for suffix, stat in (
                ("", lambda a, b: a.mean() - b.mean()),
                (" (SE)", metrics.difference_in_se),
            )
        }
    return pd.DataFrame(effects).T
