"""The kit's own consistency: paired notebooks in step and executed, README figures present."""

import json
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks").glob("q*_*.py"))


def test_there_are_notebooks():
    assert SOURCES, "no notebooks/q*_*.py found"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_ipynb_matches_its_py_and_is_executed(source):
    ipynb = source.with_suffix(".ipynb")
    assert ipynb.exists(), f"{ipynb.name} is missing: run `make`"
    py_code = [c.source.strip() for c in jupytext.read(source).cells if c.cell_type == "code"]
    cells = [c for c in json.loads(ipynb.read_text())["cells"] if c["cell_type"] == "code"]
    nb_code = ["".join(c["source"]).strip() for c in cells]
    assert py_code == nb_code, f"{ipynb.name} is out of sync with {source.name}: run `make`"
    never_run = [i for i, c in enumerate(cells) if c["execution_count"] is None]
    assert not never_run, f"{ipynb.name}: code cells {never_run} were never executed"
    errors = [i for i, c in enumerate(cells) for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{ipynb.name}: code cells {errors} raised errors"


def test_figures_shown_in_readme_exist():
    shown = re.findall(r"\((figures/[^)\s]+\.png)\)", (ROOT / "README.md").read_text())
    assert shown, "README.md shows no figure"
    missing = [f for f in shown if not (ROOT / f).exists()]
    assert not missing, f"README.md shows missing figures: {missing}"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / "README.md").read_text()
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)
