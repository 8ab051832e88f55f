"""`make robustness`: every notebook's claims measured on several draws and variants.

A run is either a draw of the default variant's data (an integer: the run copies the kit into
a temporary folder, regenerates the data there with KIT_DATA_SEED=draw, draw 0 being the
committed data) or a student variant (its id, e.g. robustness-0: KIT_STUDENT_ID=id, so the
notebooks generate that variant's motifs and data as a student's would). Each run executes the
notebooks with every claim recorded rather than raised (KIT_CLAIMS_SOFT=1), so that one run
measures all of them. It writes one table: a row per claim with the runs it held on, the runs
it failed on and its margin on each run (positive: held by that much). A claim that a crashed
notebook never reached has an empty margin. Every measurement is also kept, one row per claim
and run, in robustness_records.csv beside the table: a run of some notebooks (--notebooks) or
some runs replaces only their records, and the table is made again from all of them.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from hwlib import variants

ROOT = Path(__file__).resolve().parents[1]
COMMITTED_CURVE_CLAIM = ".curve_"  # qN.curve_...: a claim on a committed learning curve


def kit_files() -> list[str]:
    """The kit's files as git sees them: tracked, plus new ones not ignored."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [f for f in out.splitlines() if (ROOT / f).is_file()]


def run_label(run: str | int) -> str:
    """A run's label as the records hold it: a draw's number or a variant's canonical id."""
    run = str(run)
    return run if run.isdigit() else variants.variant(run).student_id


def class_sample(size: int = 12) -> list[str]:
    """A class nobody picked: the ids class-0 to class-(size - 1), then each further class id
    whose motifs bring a length of the pool's (5 to 8 bases) that the sample still lacks, until
    every length is in it."""
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ValueError(f"size must be an integer >= 1, got {size!r}")
    lengths = {len(m) for m in variants.pool()["consensus"]}
    sample, seen = [], set()
    for i in itertools.count():
        chosen = variants.variant(f"class-{i}")
        brings = {len(chosen.motif_a), len(chosen.motif_b)} - seen
        if i < size or brings:
            sample.append(chosen.student_id)
            seen |= brings
        if i >= size - 1 and seen >= lengths:
            return sample


def _run_order(label: str) -> tuple:
    """Draws first, by number; then variants, by id."""
    return (0, int(label), "") if label.isdigit() else (1, 0, label)


def run_kit(run: str, notebooks: list[str], folder: Path) -> list[dict]:
    """Copy the kit into `folder`, select `run` there (a draw's number or a variant's id),
    execute `notebooks` (stems like q1_parameters) and return the claims they recorded, one
    dict each."""
    for name in kit_files():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    log = folder / "claims.jsonl"
    env = {
        **os.environ,
        "KIT_DATA_SEED" if run.isdigit() else "KIT_STUDENT_ID": run,
        "KIT_CLAIMS_SOFT": "1",
        "KIT_CLAIMS_LOG": str(log),
        "PYTHONPATH": str(folder),  # the copy's hwlib, data/ and figures/, not the checkout's
    }
    python = sys.executable
    if run.isdigit():  # a variant's data are generated as the notebooks load them
        subprocess.run([python, "-m", "hwlib.datasets", "data"], cwd=folder, env=env, check=True)
    for stem in notebooks:
        print(f"run {run}: {stem}", flush=True)
        # A crash is reported in the table as the claim qN.executes (the notebook's later
        # claims stay unmeasured), not raised.
        notebook = folder / "notebooks" / f"{stem}.ipynb"
        sync = [python, "-m", "jupytext", "--quiet", "--to", "ipynb", "--update"]
        subprocess.run([*sync, str(notebook.with_suffix(".py"))], env=env, check=True)
        execute = [python, "-m", "jupyter", "nbconvert", "--log-level=ERROR", "--to", "notebook"]
        execute += ["--execute", "--inplace", "--ExecutePreprocessor.kernel_name=hwlib"]
        execute += [
            "--ExecutePreprocessor.timeout=1800",
            "--ExecutePreprocessor.record_timing=False",
        ]
        execute += [notebook.name]
        done = subprocess.run(execute, cwd=notebook.parent, env=env, check=False)
        executes = {"claim": f"{stem.split('_')[0]}.executes", "value": float(done.returncode)}
        with open(log, "a", encoding="utf-8") as f:
            record = {"op": "==", "threshold": 0.0, "margin": None, "held": not done.returncode}
            f.write(json.dumps(executes | record) + "\n")
    lines = log.read_text().splitlines() if log.exists() else []
    return [json.loads(line) | {"run": run} for line in lines]


def summarise(records: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: op, threshold, held_on and failed_on (runs, space-separated: draws,
    then variants) and margin_<run> for each run. The last record of a claim within a run
    counts."""
    last = records.astype({"run": str}).drop_duplicates(["claim", "run"], keep="last")
    margins = last.pivot(index="claim", columns="run", values="margin")
    margins = margins[sorted(margins.columns, key=_run_order)]
    margins.columns = [f"margin_{r}" for r in margins.columns]
    first = last.groupby("claim")[["op", "threshold"]].first()

    def runs(held: bool) -> pd.Series:
        pick = last[last["held"] == held]
        listed = pick.groupby("claim")["run"].apply(lambda r: " ".join(sorted(r, key=_run_order)))
        return listed.reindex(first.index, fill_value="")

    table = first.assign(held_on=runs(True), failed_on=runs(False))
    return table.join(margins).reset_index()


def merge_records(
    path: Path, new: pd.DataFrame, notebooks: list[str], runs: list[str]
) -> pd.DataFrame:
    """The records in `path` with those of `notebooks` on `runs` replaced by `new`; written
    back to `path` and returned (columns run, claim, value, op, threshold, margin, held).
    Claims on the committed learning curves (named qN.curve_...) are left out: a run reads
    those curves, it does not recompute them, so every run would measure the same numbers."""
    columns = ["run", "claim", "value", "op", "threshold", "margin", "held"]
    records = new[columns].astype({"run": str})
    if path.exists():
        old = pd.read_csv(path, dtype={"run": str})
        prefixes = tuple(f"{stem.split('_')[0]}." for stem in notebooks)
        replaced = old["claim"].str.startswith(prefixes) & old["run"].isin(runs)
        records = pd.concat([old[~replaced], records], ignore_index=True)
    records = records[~records["claim"].str.contains(COMMITTED_CURVE_CLAIM, regex=False)]
    order = records["run"].map(_run_order)
    records = records.assign(order=order).sort_values(["order", "claim"], kind="stable")
    records = records.drop(columns="order")
    records.to_csv(path, index=False, float_format="%.6g", lineterminator="\n")
    return pd.read_csv(path, dtype={"run": str})  # as written: the table is made from the file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, nargs="*", default=[0, 1, 2, 3])
    parser.add_argument("--variants", nargs="*", default=[], help="student ids, e.g. robustness-0")
    parser.add_argument(
        "--class-size", type=int, default=0, help="also run class_sample(N), a class nobody picked"
    )
    parser.add_argument("--notebooks", nargs="+", default=None, help="stems, e.g. q1_parameters")
    parser.add_argument("--out", type=Path, default=ROOT / "figures" / "robustness.csv")
    parser.add_argument("--keep", action="store_true", help="keep each draw's copy of the kit")
    parser.add_argument("--jobs", type=int, default=1, help="runs executed at once")
    args = parser.parse_args(argv)
    everything = sorted(p.stem for p in (ROOT / "notebooks").glob("q*_*.py"))
    notebooks = args.notebooks or everything
    unknown = sorted(set(notebooks) - set(everything))
    if unknown:
        parser.error(f"unknown notebooks {unknown}; known: {everything}")
    if any(d < 0 for d in args.draws):
        parser.error(f"draws must be non-negative integers, got {args.draws}")
    try:
        sample = class_sample(args.class_size) if args.class_size else []
        runs = [run_label(r) for r in [*args.draws, *args.variants, *sample]]
    except ValueError as error:
        parser.error(str(error))
    if "" in runs or not runs:
        parser.error("give at least one draw or variant; the default variant is draw 0")
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")

    def one_run(run: str) -> list[dict]:
        folder = Path(tempfile.mkdtemp(prefix=f"kit-run-{run}-"))
        found = run_kit(run, notebooks, folder)
        if args.keep:
            print(f"run {run} kept in {folder}", flush=True)
        else:
            shutil.rmtree(folder)
        return found

    # Each run is its own folder and its own processes: runs in threads do not share state.
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        records = [r for found in pool.map(one_run, runs) for r in found]
    all_records = merge_records(
        args.out.with_name("robustness_records.csv"), pd.DataFrame(records), notebooks, runs
    )
    table = summarise(all_records).sort_values("claim", kind="stable")
    table.to_csv(args.out, index=False, float_format="%.4g", lineterminator="\n")
    failed = table[table["failed_on"].astype(str) != ""]
    print(f"{len(table)} claims, {len(failed)} failed on some run; table: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
