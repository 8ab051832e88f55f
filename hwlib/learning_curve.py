"""How much data the single-motif model needs: a learning curve against the Bayes ceiling.

For each training-set size in SIZES, a fresh single-motif dataset of that many training
sequences (half positives) and a validation set a seventh of its size (the homework's 70/10
ratio); every model is scored on one fresh test set of TEST_SIZE sequences, so that every size
stands against the same Bayes ceiling. The kit's single-motif recipe trains on each size from
SEEDS. Training all of it takes minutes, so `make learning-curve` computes it once into
``figures/q1_learning_curve.csv`` and Q1 loads that table (`load`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from hwlib import models, simulate, task, training
from hwlib.simulate import Dataset

SIZES = (1000, 2000, 5600, 10000, 20000, 40000)  # training sequences; 5600 is the homework's
SEEDS = (0, 1, 2)
TEST_SIZE = 10000
TABLE = "q1_learning_curve"
COMMITTED = Path(__file__).resolve().parents[1] / "figures" / f"{TABLE}.csv"


def _check_size(name: str, value: int, low: int) -> None:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")


ROLES = ("train", "validation", "test")


def fresh_data(n: int, role: str, size: int, draw: int = 0) -> Dataset:
    """Fresh single-motif data of `n` sequences (n // 2 positives, the task's motif), seeded by
    (`draw`, the training size `size` it serves, its `role`): the same call, the same data."""
    _check_size("n", n, 2)
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    entropy = [task.seed("learning_curve", draw), size, ROLES.index(role)]
    seed = int(np.random.SeedSequence(entropy).generate_state(1)[0])
    return simulate.single_motif(n // 2, n - n // 2, motif=task.MOTIF, seed=seed)


def splits(n_train: int, draw: int = 0) -> tuple[Dataset, Dataset]:
    """A training set of `n_train` sequences and a validation set of n_train / 7 (at least
    100), generated independently."""
    _check_size("n_train", n_train, 2)
    n_val = max(100, round(n_train / 7))
    return fresh_data(n_train, "train", n_train, draw), fresh_data(
        n_val, "validation", n_train, draw
    )


def compute(sizes=SIZES, seeds=SEEDS, draw: int = 0, workers: int | None = None) -> pd.DataFrame:
    """Train the kit's single-motif recipe on every size and seed; one row per run: train_size,
    seed, roc_auc, pr_auc, epochs, best_epoch and the test set's Bayes ceiling."""
    if not sizes or not seeds:
        raise ValueError("sizes and seeds must not be empty")
    test = fresh_data(TEST_SIZE, "test", 0, draw)

    def build():
        return models.deepbind(seq_len=101, **models.SINGLE_MOTIF_MODEL)

    configs = {n: (build, *splits(n, draw), test) for n in sizes}
    table, _ = training.grid_sweep(
        configs, list(seeds), workers=workers, column="train_size", **models.SINGLE_MOTIF_FIT
    )
    return table


def load(path: Path = COMMITTED) -> pd.DataFrame:
    """The committed learning curve (written by `make learning-curve`)."""
    if not Path(path).is_file():
        raise ValueError(f"{path} is missing: run `make learning-curve` to compute it")
    return pd.read_csv(path)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m hwlib.learning_curve [OUT.csv]`` (``make learning-curve``); the
    draw is KIT_DATA_SEED's, as for the datasets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=COMMITTED)
    args = parser.parse_args(argv)
    table = compute(draw=task.data_seed())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False, float_format="%.6g", lineterminator="\n")
    print(table.groupby("train_size")[["roc_auc", "bayes_roc_auc"]].mean().round(4).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
