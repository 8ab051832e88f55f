"""How much data a model needs: learning curves against the Bayes ceiling.

A curve (CURVES) is a task, a model and its training recipe: the kit's single-motif recipe on
Q1's task, the same recipe on Q5's two motifs, and Q6's wide two-layer model on the
interaction task. For each training-set size in SIZES, a fresh dataset of that task (the
generator and arguments of its named dataset in `hwlib.datasets`, half positives) and a
validation set a seventh of its size (the homework's 70/10 ratio); every model of a curve is
scored on one fresh test set of TEST_SIZE sequences, so that every size stands against the
same Bayes ceiling. Each size trains from SEEDS. Training all of it takes minutes, so
`make learning-curve` computes each curve once into ``figures/<curve>_learning_curve.csv``
and the notebooks load that table (`load`).
"""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

from hwlib import datasets, metrics, models, plots, recipes, simulate, task, training, variants
from hwlib.simulate import Dataset

SIZES = (1000, 2000, 5600, 10000, 20000, 40000)  # training sequences; 5600 is the homework's
SEEDS = (0, 1, 2)
TEST_SIZE = 10000
FIGURES = Path(__file__).resolve().parents[1] / "figures"
ROLES = ("train", "validation", "test")


@dataclass(frozen=True)
class Curve:
    """One learning curve: the named dataset whose generator it samples, how to build the model
    (a compiled keras.Model for sequences of 101 bases) and `train`'s keyword arguments."""

    dataset: str
    build: Callable[[], keras.Model]
    fit: dict[str, int]


def _single_motif_recipe() -> keras.Model:
    return models.deepbind(seq_len=101, **recipes.kit_recipe(len(task.motif())))


def _two_motif_recipe() -> keras.Model:
    return models.deepbind(seq_len=101, **recipes.kit_recipe(max(map(len, task.motifs()))))


WIDE_POOL = 2  # the wide interaction model's max pooling between its two convolutions


def wide_kernels(len_a: int, len_b: int, gap_max: int) -> tuple[int, int]:
    """Kernel widths (first, second) of Q6's wide interaction model for motifs of `len_a` and
    `len_b` bases whose positives' gap is at most `gap_max`.

    The first convolution is as wide as the longer motif, k1 = max(len_a, len_b); after max
    pooling by WIDE_POOL = 2 the second, of width k2 = ceil((span - k1) / 2) + 1, gives one unit
    a receptive field of k1 + 1 + 2 (k2 - 1) >= span + 1 bases, span = len_a + gap_max + len_b:
    the units start every other base, so one of them sees A, the widest gap and B whole
    whichever base A starts on. For motifs of 5 bases and gap_max 25: (5, 16), 36 bases.
    """
    for name, value, low in (("len_a", len_a, 1), ("len_b", len_b, 1), ("gap_max", gap_max, 0)):
        _check_size(name, value, low)
    first = max(len_a, len_b)
    span = len_a + gap_max + len_b
    return first, -(-(span - first) // WIDE_POOL) + 1


def wide_interaction_model(motif_a: str, motif_b: str, gap_max: int) -> keras.Model:
    """Q6's wide interaction model for sequences of 101 bases: `models.two_layer` with 16
    filters of width k1, max pooling by 2, then 32 filters of width k2 (`wide_kernels`)."""
    first, second = wide_kernels(len(motif_a), len(motif_b), gap_max)
    return models.two_layer(
        101,
        filters=16,
        kernel_size=first,
        second_filters=32,
        pool_size=WIDE_POOL,
        second_kernel=second,
    )


def _wide_interaction_recipe() -> keras.Model:
    defaults = inspect.signature(simulate.interaction).parameters["gap_max"].default
    gap_max = datasets.arguments("interaction").get("gap_max", defaults)
    return wide_interaction_model(*task.motifs(), gap_max=gap_max)


CURVES = {
    "q1": Curve("single_motif", _single_motif_recipe, recipes.SINGLE_MOTIF_FIT),
    "q5": Curve("multi_motif", _two_motif_recipe, recipes.SINGLE_MOTIF_FIT),
    "q6": Curve(
        "interaction",
        _wide_interaction_recipe,
        {"max_epochs": 200, "patience": 10, "batch_size": 64},
    ),
}


def _check_size(name: str, value: int, low: int) -> None:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")


def _check_curve(curve: str) -> Curve:
    if curve not in CURVES:
        raise ValueError(f"curve must be one of {sorted(CURVES)}, got {curve!r}")
    return CURVES[curve]


def fresh_data(
    n: int,
    role: str,
    size: int,
    draw: int = 0,
    curve: str = "q1",
    variant: variants.Variant | None = None,
) -> Dataset:
    """Fresh data of `curve`'s task, `n` sequences (n // 2 positives, the motifs of `variant`,
    by default the variant in use, `hwlib.task`), seeded by (`draw`, the training size `size`
    it serves, its `role`, the curve): the same call, the same data. The committed curves are
    the default variant's: `variant=variants.DEFAULT` regenerates their data under any
    variant."""
    _check_size("n", n, 2)
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    name = _check_curve(curve).dataset
    generator, kwargs = datasets.DATASETS[name][0], datasets.arguments(name)
    if variant is not None:  # the motifs of the variant asked for, not of the one in use
        own = {"motif": variant.motif_a, "motif_a": variant.motif_a, "motif_b": variant.motif_b}
        kwargs = {key: own.get(key, value) for key, value in kwargs.items()}
    entropy = [task.seed("learning_curve", draw), size, ROLES.index(role)]
    if curve != "q1":  # Q1's curve came first: its data stay the committed ones
        entropy.append(list(CURVES).index(curve))
    seed = int(np.random.SeedSequence(entropy).generate_state(1)[0])
    return generator(**{**kwargs, "n_pos": n // 2, "n_neg": n - n // 2}, seed=seed)


def splits(n_train: int, draw: int = 0, curve: str = "q1") -> tuple[Dataset, Dataset]:
    """A training set of `n_train` sequences and a validation set of n_train / 7 (at least
    100), generated independently."""
    _check_size("n_train", n_train, 2)
    n_val = max(100, round(n_train / 7))
    return fresh_data(n_train, "train", n_train, draw, curve), fresh_data(
        n_val, "validation", n_train, draw, curve
    )


def compute(
    curve: str = "q1", sizes=SIZES, seeds=SEEDS, draw: int = 0, workers: int | None = None
) -> pd.DataFrame:
    """Train `curve`'s model on every size and seed; one row per run: train_size, seed,
    roc_auc, pr_auc, epochs, best_epoch and the test set's Bayes ceiling."""
    spec = _check_curve(curve)
    if not sizes or not seeds:
        raise ValueError("sizes and seeds must not be empty")
    test = fresh_data(TEST_SIZE, "test", 0, draw, curve)
    configs = {n: (spec.build, *splits(n, draw, curve), test) for n in sizes}
    table, _ = training.grid_sweep(
        configs, list(seeds), workers=workers, column="train_size", **spec.fit
    )
    return table


def table_path(curve: str) -> Path:
    """Where `make learning-curve` writes `curve`'s table: figures/<curve>_learning_curve.csv."""
    _check_curve(curve)
    return FIGURES / f"{curve}_learning_curve.csv"


def summarise(table: pd.DataFrame) -> pd.DataFrame:
    """One row per training size (the index) of a curve's runs (`compute`'s table): n (seeds),
    roc_auc and gap_to_ceiling (the ceiling's ROC AUC minus the model's) as mean and sd over
    seeds, gap_upper (the upper end of the gap's 95% t interval over seeds, mean + t sd /
    sqrt(n) on n - 1 degrees of freedom; the test set's sampling is not in it) and the test
    set's ceiling bayes_roc_auc."""
    needed = {"train_size", "roc_auc", "bayes_roc_auc"}
    if needed - set(table.columns):
        raise ValueError(f"table has no column(s) {sorted(needed - set(table.columns))}")
    runs = table.assign(gap_to_ceiling=table["bayes_roc_auc"] - table["roc_auc"])
    out = metrics.mean_sd(runs, "train_size", ["roc_auc", "gap_to_ceiling"])
    out = out.set_index("train_size")
    quantile = stats.t.ppf(0.975, out["n"] - 1)
    out["gap_upper"] = out["gap_to_ceiling_mean"] + quantile * out["gap_to_ceiling_sd"] / np.sqrt(
        out["n"]
    )
    out["bayes_roc_auc"] = runs.groupby("train_size")["bayes_roc_auc"].first()
    return out


def gaps(table: pd.DataFrame, size: int) -> np.ndarray:
    """The gap to the ceiling (bayes_roc_auc - roc_auc) of each seed trained on `size`
    sequences, in the table's order: (seeds,)."""
    runs = table[table["train_size"] == size]
    if runs.empty:
        raise ValueError(
            f"no runs of train_size {size!r}; sizes: {sorted(set(table['train_size']))}"
        )
    return (runs["bayes_roc_auc"] - runs["roc_auc"]).to_numpy()


def plot(table: pd.DataFrame, model: str) -> plt.Figure:
    """ROC AUC and PR AUC (mean ± sd over seeds) against the training size (log scale), each
    with its ceiling dashed; `model` names the model in the title."""
    seeds = table.groupby("train_size").size().min()
    fig = plots.sweep(
        table, "train_size", title=f"{model} (mean ± sd, {seeds} seeds) against the ceiling"
    )
    for ax in fig.axes:
        ax.set_xscale("log")
    return fig


def load(curve: str = "q1", path: Path | None = None) -> pd.DataFrame:
    """The committed learning curve of `curve` (written by `make learning-curve`), or the
    table at `path`."""
    path = table_path(curve) if path is None else path
    if not Path(path).is_file():
        raise ValueError(f"{path} is missing: run `make learning-curve` to compute it")
    return pd.read_csv(path)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m hwlib.learning_curve [--curve q5] [OUT.csv]`` (``make
    learning-curve``); the draw is KIT_DATA_SEED's, as for the datasets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curve", choices=sorted(CURVES), default="q1")
    parser.add_argument("out", type=Path, nargs="?")
    args = parser.parse_args(argv)
    out = table_path(args.curve) if args.out is None else args.out
    table = compute(args.curve, draw=task.data_seed())
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False, float_format="%.6g", lineterminator="\n")
    print(table.groupby("train_size")[["roc_auc", "bayes_roc_auc"]].mean().round(4).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
