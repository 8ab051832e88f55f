"""Compare re-computed results tables with the committed ones, within stated tolerances.

`make test` re-executes every notebook with its figures and tables sent to a scratch folder,
then runs `python -m tools.compare_results figures SCRATCH`. On another CPU or OS the training
round-off differs, so a trained number is not expected to come out the same, only from the
same distribution over seeds. The rules, per column of each committed `figures/*.csv`:

- settings and training-free numbers (seeds, kernel sizes, Bayes ceilings, receptive fields,
  probe gaps...; the EXACT set below) must be equal, row for row;
- names of learned things (a consensus string, a filter index) are not compared; the numbers
  that judge them are;
- every other column is a trained number. Its mean over the seeds of each setting must agree
  with the committed mean within TOLERANCE_SE combined standard errors,
  sqrt((sd_committed^2 + sd_new^2) / n_seeds): two honest runs of the same recipe are two
  samples of its seed distribution, and their means differ by more than 4 standard errors with
  probability below 1e-4 under normality. E-values are compared on a log10 scale. Where both
  runs have no spread at all (sd 0), the means must be equal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

TOLERANCE_SE = 4.0
EXACT = {
    "seed",
    "recipe",
    "learning_rate",
    "kernel_size",
    "filters",
    "motif_prob",
    "noise_on",
    "noise_std",
    "training",
    "training_inputs",
    "model",
    "receptive_field",
    "gap",
    "bayes_roc_auc",
    "bayes_pr_auc",
    # Q6: which variant of the interaction task a model was trained and tested on, the
    # training-free yardsticks of its test set, and where a probe pinned the motif pair.
    "trained_on",
    "tested_on",
    "bayes_far_roc_auc",
    "presence_roc_auc",
    "anchor",
    "a_start",
}
UNCOMPARED = {"consensus", "filter_A", "filter_B"}
LOG_SCALE = {"evalue_true_motif", "evalue_A", "evalue_B"}
# Tables the notebooks read but do not compute: make robustness and make learning-curve write them.
SKIPPED_TABLES = {"robustness.csv", "robustness_records.csv"}
CURVE_TABLES = "*_learning_curve.csv"  # hwlib.learning_curve.table_path's names


def compare_table(committed: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per (setting, trained column): committed and new mean over seeds, their
    difference, the tolerance and whether it holds. Raises ValueError when the tables'
    columns or training-free values differ."""
    if list(committed.columns) != list(new.columns):
        raise ValueError(f"columns differ: {list(committed.columns)} vs {list(new.columns)}")
    exact = [c for c in committed.columns if c in EXACT]
    if not committed[exact].equals(new[exact]):
        raise ValueError(f"training-free columns {exact} differ")
    trained = [c for c in committed.columns if c not in EXACT | UNCOMPARED]
    keys = [c for c in exact if c != "seed"]
    rows = []
    for column in trained:
        a, b = (_numbers(t, column) for t in (committed, new))
        groups = [np.zeros(len(a))] if not keys else [committed[k] for k in keys]
        for key, idx in a.groupby(groups, sort=False).groups.items():
            x, y = a.loc[idx], b.loc[idx]
            se = np.sqrt((x.var(ddof=1) + y.var(ddof=1)) / len(x)) if len(x) > 1 else 0.0
            tolerance = TOLERANCE_SE * se
            diff = abs(x.mean() - y.mean())
            ok = diff <= tolerance if tolerance > 0 else diff <= 1e-9
            rows.append(
                {
                    "setting": "" if not keys else str(key),
                    "column": column,
                    "committed": x.mean(),
                    "new": y.mean(),
                    "difference": diff,
                    "tolerance": tolerance,
                    "ok": bool(ok),
                }
            )
    return pd.DataFrame(rows)


def _numbers(table: pd.DataFrame, column: str) -> pd.Series:
    values = table[column].astype(float)
    return np.log10(values) if column in LOG_SCALE else values


def compare_folders(committed: Path, new: Path) -> pd.DataFrame:
    """compare_table over every committed CSV (but the robustness tables); a `table` column
    names the file. Raises ValueError when a table is missing from `new`."""
    skipped = SKIPPED_TABLES | {p.name for p in committed.glob(CURVE_TABLES)}
    names = sorted(p.name for p in committed.glob("*.csv") if p.name not in skipped)
    missing = [n for n in names if not (new / n).exists()]
    if missing:
        raise ValueError(f"{new} lacks the tables {missing}")
    parts = [
        compare_table(pd.read_csv(committed / n), pd.read_csv(new / n)).assign(table=n)
        for n in names
    ]
    return pd.concat(parts, ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("committed", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    report = compare_folders(args.committed, args.new)
    bad = report[~report["ok"]]
    print(f"{len(report) - len(bad)} of {len(report)} trained means within {TOLERANCE_SE:g} SE")
    if len(bad):
        print(bad.to_string(index=False, float_format="%.4g"))
    return 1 if len(bad) else 0


if __name__ == "__main__":
    sys.exit(main())
