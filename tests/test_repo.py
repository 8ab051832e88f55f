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


# An absolute path such as '/home/me/kit/figures/q1.csv' (not a URL, not a ratio like 1/5).
ABSOLUTE_PATH = re.compile(r"(?:^|[\s'\"(])/[A-Za-z_][\w.-]*/")


def _text_outputs(cell):
    for output in cell.get("outputs", []):
        texts = [output.get("text", "")] + [
            output.get("data", {}).get(kind, "") for kind in ("text/plain", "text/markdown")
        ]
        yield from ("".join(t) if isinstance(t, list) else t for t in texts)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_outputs_hold_no_machine_paths(source):
    cells = json.loads(source.with_suffix(".ipynb").read_text())["cells"]
    found = [m.group(0) for c in cells for t in _text_outputs(c) for m in ABSOLUTE_PATH.finditer(t)]
    assert not found, (
        f"{source.stem}: outputs show absolute paths {found}; they differ per checkout"
    )


def test_the_path_check_sees_paths():
    cell = {"outputs": [{"data": {"text/plain": "PosixPath('/check/kit/figures/q4.csv')"}}]}
    assert ABSOLUTE_PATH.search(next(t for t in _text_outputs(cell) if t))
    assert not ABSOLUTE_PATH.search("recovered in 1/5 seeds, see https://jaspar.elixir.no/x/")


def test_figures_shown_in_readme_exist():
    shown = re.findall(r"\((figures/[^)\s]+\.png)\)", (ROOT / "README.md").read_text())
    assert shown, "README.md shows no figure"
    missing = [f for f in shown if not (ROOT / f).exists()]
    assert not missing, f"README.md shows missing figures: {missing}"


def test_links_of_the_readme_and_the_docs_exist():
    """Every relative link and figure of README.md and docs/*.md names a file that exists."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    assert len(pages) > 1, "the README links no docs page"
    broken = [
        f"{page.name}: {target}"
        for page in pages
        for target in re.findall(r"\]\(([^)\s#]+)\)", page.read_text())
        if "://" not in target and not (page.parent / target).exists()
    ]
    assert not broken, broken


def test_the_readme_is_at_most_1500_words():
    assert len((ROOT / "README.md").read_text().split()) <= 1500


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / "README.md").read_text()
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)


def _exact_cells():
    """(notebook, source) of every code cell that `make test` compares exactly."""
    for source in SOURCES:
        for cell in jupytext.read(source).cells:
            if cell.cell_type == "code" and "nbval-check-output" in cell.metadata.get("tags", []):
                yield source.stem, cell.source


# Names whose values come out of training: a cell that uses one cannot be training-free.
TRAINED = re.compile(r"\b(training\.|seed_sweep|grid_sweep|runs?\b|sweep\b|results\b)")


def test_exactly_compared_cells_do_not_train_and_the_docs_count_them():
    cells = list(_exact_cells())
    assert cells, "no cell is tagged nbval-check-output: make test would compare nothing exactly"
    trained = [(stem, code.splitlines()[0]) for stem, code in cells if TRAINED.search(code)]
    assert not trained, f"cells tagged nbval-check-output use trained results: {trained}"
    page = ROOT / "docs" / "reproducibility.md"
    stated = re.search(r"(\d+) cells of the notebooks", page.read_text())
    assert stated, f"{page.name} does not say how many cells make test compares exactly"
    assert int(stated.group(1)) == len(cells)
