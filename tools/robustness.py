"""`make robustness`: every notebook's claims measured on several draws of the data.

For each draw it copies the kit into a temporary folder, regenerates the data there with
KIT_DATA_SEED=draw (draw 0 is the committed data) and executes the notebooks with every claim
recorded rather than raised (KIT_CLAIMS_SOFT=1), so that one run measures all of them. It
writes one table: a row per claim with the draws it held on, the draws it failed on and its
margin on each draw (positive: held by that much). A claim that a crashed notebook never
reached has an empty margin. Every measurement is also kept, one row per claim and draw, in
robustness_records.csv beside the table: a run of some notebooks (--notebooks) or some draws
replaces only their records, and the table is made again from all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


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


def run_draw(draw: int, notebooks: list[str], folder: Path) -> list[dict]:
    """Copy the kit into `folder`, regenerate its data for `draw`, execute `notebooks` (stems
    like q1_parameters) there and return the claims they recorded, one dict each."""
    for name in kit_files():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    log = folder / "claims.jsonl"
    env = os.environ | {
        "KIT_DATA_SEED": str(draw),
        "KIT_CLAIMS_SOFT": "1",
        "KIT_CLAIMS_LOG": str(log),
        "PYTHONPATH": str(folder),  # the copy's hwlib, data/ and figures/, not the checkout's
    }
    python = sys.executable
    subprocess.run([python, "-m", "hwlib.datasets", "data"], cwd=folder, env=env, check=True)
    for stem in notebooks:
        print(f"draw {draw}: {stem}", flush=True)
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
    return [json.loads(line) | {"draw": draw} for line in lines]


def summarise(records: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: op, threshold, held_on and failed_on (draws, space-separated) and
    margin_<draw> for each draw. The last record of a claim within a draw counts."""
    last = records.drop_duplicates(["claim", "draw"], keep="last")
    margins = last.pivot(index="claim", columns="draw", values="margin")
    margins.columns = [f"margin_{d}" for d in margins.columns]
    first = last.groupby("claim")[["op", "threshold"]].first()

    def draws(held: bool) -> pd.Series:
        pick = last[last["held"] == held]
        listed = pick.groupby("claim")["draw"].apply(lambda d: " ".join(map(str, sorted(d))))
        return listed.reindex(first.index, fill_value="")

    table = first.assign(held_on=draws(True), failed_on=draws(False))
    return table.join(margins).reset_index()


def merge_records(
    path: Path, new: pd.DataFrame, notebooks: list[str], draws: list[int]
) -> pd.DataFrame:
    """The records in `path` with those of `notebooks` on `draws` replaced by `new`; written
    back to `path` and returned (columns draw, claim, value, op, threshold, margin, held)."""
    columns = ["draw", "claim", "value", "op", "threshold", "margin", "held"]
    records = new[columns]
    if path.exists():
        old = pd.read_csv(path)
        prefixes = tuple(f"{stem.split('_')[0]}." for stem in notebooks)
        replaced = old["claim"].str.startswith(prefixes) & old["draw"].isin(draws)
        records = pd.concat([old[~replaced], records], ignore_index=True)
    records = records.sort_values(["draw", "claim"], kind="stable")
    records.to_csv(path, index=False, float_format="%.6g", lineterminator="\n")
    return pd.read_csv(path)  # as written, so that the table can be made again from the file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, nargs="+", default=[0, 1, 2, 3])
    parser.add_argument("--notebooks", nargs="+", default=None, help="stems, e.g. q1_parameters")
    parser.add_argument("--out", type=Path, default=ROOT / "figures" / "robustness.csv")
    parser.add_argument("--keep", action="store_true", help="keep each draw's copy of the kit")
    args = parser.parse_args(argv)
    everything = sorted(p.stem for p in (ROOT / "notebooks").glob("q*_*.py"))
    notebooks = args.notebooks or everything
    unknown = sorted(set(notebooks) - set(everything))
    if unknown:
        parser.error(f"unknown notebooks {unknown}; known: {everything}")
    records = []
    for draw in args.draws:
        folder = Path(tempfile.mkdtemp(prefix=f"kit-draw{draw}-"))
        records += run_draw(draw, notebooks, folder)
        if args.keep:
            print(f"draw {draw} kept in {folder}")
        else:
            shutil.rmtree(folder)
    all_records = merge_records(
        args.out.with_name("robustness_records.csv"), pd.DataFrame(records), notebooks, args.draws
    )
    table = summarise(all_records).sort_values("claim", kind="stable")
    table.to_csv(args.out, index=False, float_format="%.4g", lineterminator="\n")
    failed = table[table["failed_on"].astype(str) != ""]
    print(f"{len(table)} claims, {len(failed)} failed on some draw; table: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
