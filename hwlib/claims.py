"""Named claims: the asserts that guard an answer, each with its measured margin.

`claims.check("q1.recipe_near_ceiling", gap, "<", 0.01)` asserts that the measured `gap` is
below 0.01 and records the margin (0.01 - gap; positive when the claim holds). A notebook
shows its claims and margins with `claims.table()`. `make robustness` sets two variables:
KIT_CLAIMS_LOG, a file every check appends one JSON line to, and KIT_CLAIMS_SOFT=1, which
records a failed claim instead of raising, so that one run measures every claim of a draw.
"""

from __future__ import annotations

import json
import math
import os
import re

import pandas as pd

OPERATORS = ("<", "<=", ">", ">=")
# A difference is claimed only beyond this many standard errors (a one-sided normal p of 0.0013
# per claim, so the family of the kit's difference claims, not each alone, is held to about 5%).
# The rule and what it does and does not control: docs/robustness.md.
SE_BAR = 3.0
NAME = re.compile(r"^q[1-6]\.[a-z0-9_]+$")

_checked: dict[str, dict] = {}


class ClaimFailed(AssertionError):
    """A claim an answer makes does not hold on this run."""


def check(name: str, value: float, op: str, threshold: float) -> float:
    """Assert `value op threshold`, record it under `name` and return the margin.

    The margin is threshold - value for "<" and "<=", value - threshold for ">" and ">=":
    how far the measurement is from breaking the claim (negative when it is broken).
    Raises ClaimFailed when the claim does not hold (unless KIT_CLAIMS_SOFT=1).
    """
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(
            f"name must look like 'q1.short_name' (lower case, digits, _), got {name!r}"
        )
    if op not in OPERATORS:
        raise ValueError(f"op must be one of {OPERATORS}, got {op!r}")
    value, threshold = float(value), float(threshold)
    if math.isnan(value) or math.isnan(threshold):
        raise ValueError(
            f"claim {name}: value and threshold must be numbers, got {value}, {threshold}"
        )
    margin = threshold - value if op in ("<", "<=") else value - threshold
    held = margin > 0 or (margin == 0 and op in ("<=", ">="))
    record = {"claim": name, "value": value, "op": op, "threshold": threshold}
    _checked[name] = record | {"margin": margin, "held": held}
    log = os.environ.get("KIT_CLAIMS_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(_checked[name]) + "\n")
    if not held and os.environ.get("KIT_CLAIMS_SOFT") != "1":
        raise ClaimFailed(f"claim {name} does not hold: {value:.4g} {op} {threshold:.4g} is false")
    return margin


def table(prefix: str = "") -> pd.DataFrame:
    """The claims checked so far in this process whose name starts with `prefix`, one row each:
    claim, value, op, threshold, margin, held."""
    rows = [r for name, r in _checked.items() if name.startswith(prefix)]
    columns = ["claim", "value", "op", "threshold", "margin", "held"]
    return pd.DataFrame(rows, columns=columns).set_index("claim")
