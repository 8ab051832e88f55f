"""The kit's named datasets: written once to data/ by `make data`, read by every notebook.

Files per dataset: NAME.fa (record id `index|label=L|mode=M`, M being the interaction task's
negative kind or `-`), NAME.sites.tsv (ground-truth sites), NAME.json (task and generator
parameters) and, for all of them, MANIFEST.sha256.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from hwlib import simulate, task, variants
from hwlib.sequences import read_fasta, write_fasta

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# name -> (generator, arguments); sizes follow the reference homework. The motifs are the
# variant's (hwlib.task) and `arguments` adds them; seeds come from hwlib.task too (the
# reference's seeds on the committed draw).
SIZES = {"n_pos": 4000, "n_neg": 4000}
DATASETS = {
    "single_motif": (simulate.single_motif, SIZES),
    "multi_motif": (simulate.multi_motif, SIZES),
    "interaction": (simulate.interaction, SIZES),
    # Q6: the interaction task with every motif start drawn as in the positives (see
    # simulate.interaction), so that where a motif sits says (almost) nothing about the label.
    "interaction_matched": (simulate.interaction, {**SIZES, "matched_positions": True}),
    # Q4: the single-motif task with some positives left without the motif.
    **{
        f"single_motif_p{round(p * 100)}": (simulate.single_motif, {**SIZES, "motif_prob": p})
        for p in (0.8, 0.6, 0.4)
    },
}


# The seed purpose (hwlib.task.seed) of each dataset: its generator's name unless listed here.
# So the Q4 datasets share single_motif's seed, as in the reference, and the matched
# interaction data have a seed of their own (they are not the default's sequences re-placed).
PURPOSES = {"interaction_matched": "interaction_matched"}


def _check_name(name: str) -> None:
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; known: {sorted(DATASETS)}")


def purpose(name: str) -> str:
    """The seed purpose of a named dataset (see PURPOSES and hwlib.task.seed)."""
    _check_name(name)
    return PURPOSES.get(name, DATASETS[name][0].__name__)


def arguments(name: str) -> dict:
    """The generator arguments of a named dataset in the variant in use: its DATASETS entry
    plus the variant's motif (single-motif task) or motifs A and B (two-motif tasks)."""
    _check_name(name)
    generator, kwargs = DATASETS[name]
    if generator is simulate.single_motif:
        return {**kwargs, "motif": task.motif()}
    motif_a, motif_b = task.motifs()
    return {**kwargs, "motif_a": motif_a, "motif_b": motif_b}


def generate(name: str, seed: int | None = None, n: int | None = None) -> simulate.Dataset:
    """Run the generator behind a named dataset, with the variant's motifs and its purpose's
    seed on the draw in use; or fresh data of the same task: another `seed`, and `n`
    sequences (n // 2 positives) instead of the dataset's size."""
    kwargs = arguments(name)
    if n is not None:
        if not isinstance(n, int) or isinstance(n, bool) or n < 2:
            raise ValueError(f"n must be an integer >= 2, got {n!r}")
        kwargs |= {"n_pos": n // 2, "n_neg": n - n // 2}
    return DATASETS[name][0](**kwargs, seed=task.seed(purpose(name)) if seed is None else seed)


def write(dataset: simulate.Dataset, name: str, folder: Path) -> list[Path]:
    """Write NAME.fa, NAME.sites.tsv and NAME.json into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = [
        f"{i}|label={lab}|mode={mode or '-'}"
        for i, (lab, mode) in enumerate(zip(dataset.labels, dataset.negative_mode, strict=True))
    ]
    fasta, sites, meta = (folder / f"{name}{ext}" for ext in (".fa", ".sites.tsv", ".json"))
    write_fasta(fasta, ids, dataset.seqs)
    dataset.sites.to_csv(sites, sep="\t", index=False, lineterminator="\n")
    # The draw travels with the data, so that load_split splits it as it was meant to be split.
    record = {"task": dataset.task, "params": dataset.params, "draw": task.data_seed()}
    meta.write_text(json.dumps(record, indent=1) + "\n")
    return [fasta, sites, meta]


def load(name: str, folder: Path = DATA_DIR) -> simulate.Dataset:
    """A named dataset: in the default variant, read from `folder` (written by `make data`);
    in a student's variant, generated here from its draw and motifs (`generate`, about 50 ms),
    so that every student's notebooks run on their own data."""
    _check_name(name)
    if task.current() != variants.DEFAULT:
        return generate(name)
    fasta = folder / f"{name}.fa"
    if not fasta.exists():
        raise ValueError(f"{fasta} does not exist; run `make data` first")
    ids, seqs = read_fasta(fasta)
    fields = [dict(f.split("=", 1) for f in i.split("|")[1:]) for i in ids]
    labels = np.array([int(f["label"]) for f in fields], dtype=np.int64)
    modes = np.array([f["mode"].replace("-", "") for f in fields], dtype=object)
    sites = pd.read_csv(folder / f"{name}.sites.tsv", sep="\t")
    meta = json.loads((folder / f"{name}.json").read_text())
    return simulate.Dataset(meta["task"], meta["params"], seqs, labels, sites, modes)


def load_split(
    name: str, folder: Path = DATA_DIR
) -> tuple[simulate.Dataset, simulate.Dataset, simulate.Dataset]:
    """A named dataset (`load`) split 70/10/20 into (train, validation, test) with the split
    seed of the draw it was generated on (recorded in NAME.json by `make data`; a student
    variant's own draw)."""
    if task.current() != variants.DEFAULT:
        draw = task.data_seed()
    else:
        draw = json.loads((folder / f"{name}.json").read_text()).get("draw", 0)
    return simulate.split(load(name, folder), seed=task.seed("split", draw))


def write_all(folder: Path = DATA_DIR) -> Path:
    """Generate and write every named dataset plus MANIFEST.sha256; return the manifest."""
    paths = [p for name in DATASETS for p in write(generate(name), name, folder)]
    lines = [f"{_digest(p)}  {p.name}\n" for p in sorted(paths)]
    manifest = folder / "MANIFEST.sha256"
    manifest.write_text("".join(lines))
    return manifest


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def check(folder: Path = DATA_DIR) -> list[str]:
    """Regenerate every dataset in a temporary folder; list lines of the manifest in `folder`
    that the fresh one lacks or adds, and files in `folder` whose hash is not the manifest's."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = write_all(Path(tmp)).read_text()
    committed = (folder / "MANIFEST.sha256").read_text()
    diff = sorted(set(fresh.splitlines()) ^ set(committed.splitlines()))
    listed = (line.split("  ", 1) for line in committed.splitlines())
    stale = [f"{name} on disk" for digest, name in listed if _digest(folder / name) != digest]
    return diff + stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the manifest")
    parser.add_argument("folder", type=Path, nargs="?", default=DATA_DIR)
    args = parser.parse_args(argv)
    if args.check:
        diff = check(args.folder)
        for line in diff:
            print(f"differs from the manifest: {line}")
        return 1 if diff else 0
    print(f"wrote {write_all(args.folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
