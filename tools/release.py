"""The assignment: an nbgrader course built from the kit, and the students' release.

Conventions in the jupytext sources ``notebooks/qN_*.py`` (cell tags):

* ``solution``: code the student writes in the notebook. Its first line is ``# TODO: ...``
  and names what later cells need from it; the rest is the solution.
* ``answer`` with ``points-N``: a markdown cell, the written answer, graded by hand (N
  points). It states the question, then holds between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION`` the TA's rubric (3 to 5 lines ``- **P points**: criterion`` whose P
  sum to N) and a model answer (at most 250 words) after ``**Model answer.**``. nbgrader
  replaces that region with "YOUR ANSWER HERE" in the release.
* ``instructor``: the instructor's edition only (discussion, claims, further experiments). The
  release drops the cell; no cell the release keeps may need a name only such cells bind.
* ``autograded`` with ``points-N``: a test cell worth N points. It calls a check of
  ``hwlib.checks``; lines between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``
  are the graders' hidden checks (``hwlib.grader_checks``, other seeds and shapes). They
  stay out of the course: `tools.trusted_grade` reads them from the sources
  (``course_notebook(..., hidden=True)``), and the handout has no ``hwlib.grader_checks``.
* ``self-check``: a locked check of the solution cell above it, not graded.

In ``hwlib/*.py`` the bodies students implement sit between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (indented like the body). The student hwlib replaces each region with
``raise NotImplementedError(...)`` naming the function; everything else is given.

`build_course` writes an nbgrader course directory: ``source/hw/`` holds the notebooks with
nbgrader's cell metadata and solution regions, the student hwlib, the data and what is
needed to run it (a student Makefile, the pins, pyproject). `release` runs
``nbgrader generate_assignment`` on it and copies ``release/hw/`` out: that folder is what
students get. Usage: ``python -m tools.release OUT_DIR [--course DIR]`` (``make release``).
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pandas as pd
from nbformat import NotebookNode

from hwlib import variants

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "hw"
COURSE_ID = "motif-cnn"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
TODO = "# TODO:"
KINDS = ("solution", "answer", "autograded", "self-check")
INSTRUCTOR = "instructor"
POINTS = re.compile(r"^points-(\d+)$")
CRITERION = re.compile(r"^- \*\*(\d+) points?\*\*: \S")
MODEL_ANSWER = "**Model answer.**"
CRITERIA, MAX_MODEL_WORDS = (3, 5), 250
HIDDEN_TESTS = re.compile(r"^### BEGIN HIDDEN TESTS$.*?^### END HIDDEN TESTS$", re.M | re.S)
# Given to students as they are (with the data, and hwlib.task's switch variants-off if the
# instructor created it; the learning curves only the instructor's cells load stay out); the
# Makefile, README, pins (a subset of the kit's) and submit.py are the students', from
# tools/student_files.
GIVEN = ["pyproject.toml", "data", *[p.name for p in ROOT.glob("variants-off")]]
STUDENT_FILES = ROOT / "tools" / "student_files"
# hwlib modules that stay out of the release: the graders' checks (independent computations
# that would answer the students' functions; the hidden tests call them), the learning
# curves, which only instructor cells use and whose wide model is Q6's answer, and the kit's
# recipes, which students find for themselves.
KIT_ONLY = ("grader_checks.py", "learning_curve.py", "recipes.py")
# Of those, the modules the notebooks' model solutions import (the kit's recipe in Q1's, Q4's
# and Q5's recipe cells): a model submission holds them as the student's own hwlib code.
SOLUTION_MODULES = ("recipes.py",)


def _tags(cell: NotebookNode) -> list[str]:
    return list(cell.metadata.get("tags", []))


def solution_regions(text: str, where: str) -> list[tuple[int, int]]:
    """Line ranges (begin, end) of the solution regions of a Python file's text, 0-based and
    inclusive of both markers. Raises ValueError on unbalanced or nested markers."""
    regions, start = [], None
    for i, line in enumerate(text.splitlines()):
        if line.strip() == BEGIN:
            if start is not None:
                raise ValueError(f"{where}:{i + 1}: nested {BEGIN}")
            start = i
        elif line.strip() == END:
            if start is None:
                raise ValueError(f"{where}:{i + 1}: {END} without {BEGIN}")
            regions.append((start, i))
            start = None
    if start is not None:
        raise ValueError(f"{where}:{start + 1}: {BEGIN} is never closed")
    return regions


def _enclosing_function(tree: ast.Module, line: int) -> str:
    """The name of the innermost function whose body holds (1-based) `line`."""
    name = ""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.lineno <= line <= node.end_lineno:
            name = node.name
    return name


def student_module(text: str, module: str) -> str:
    """A hwlib module's source with each solution region replaced by a NotImplementedError
    that names the function to implement."""
    lines = text.splitlines()
    tree = ast.parse(text)
    out, done = [], 0
    for begin, end in solution_regions(text, module):
        function = _enclosing_function(tree, begin + 1)
        if not function:
            raise ValueError(f"{module}:{begin + 1}: a solution region must sit in a function")
        indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
        message = f"implement {module}.{function} (see its docstring; a notebook checks it)"
        out += lines[done:begin] + [f"{indent}raise NotImplementedError({message!r})"]
        done = end + 1
    return "\n".join(out + lines[done:]) + "\n"


def student_hwlib(source: Path, out: Path) -> list[str]:
    """Write the student hwlib of package folder `source` into `out` (without KIT_ONLY);
    return the files (as ``hwlib/name.py``) that hold code students write."""
    out.mkdir(parents=True, exist_ok=True)
    implemented = []
    for path in sorted(source.glob("*.py")):
        if path.name in KIT_ONLY:
            continue
        text = path.read_text(encoding="utf-8")
        module = f"hwlib.{path.stem}"
        if solution_regions(text, module):
            text = student_module(text, module)
            implemented.append(f"hwlib/{path.name}")
        (out / path.name).write_text(text, encoding="utf-8")
    return implemented


def _points(cell: NotebookNode, where: str) -> int:
    found = [int(m.group(1)) for t in _tags(cell) if (m := POINTS.match(t))]
    if len(found) != 1 or found[0] < 1:
        raise ValueError(f"{where}: a graded cell needs exactly one tag points-N with N >= 1")
    return found[0]


def _wrap_solution(cell: NotebookNode, where: str) -> str:
    """The cell's source with everything after its TODO line inside a solution region."""
    lines = cell.source.splitlines()
    if not lines or not lines[0].startswith(TODO) or not lines[0][len(TODO) :].strip():
        raise ValueError(f"{where}: the cell must start with '{TODO} <what to do>'")
    return "\n".join([lines[0], BEGIN, *lines[1:], END])


def rubric(text: str, points: int, where: str) -> tuple[list[tuple[int, str]], str]:
    """The TA's rubric of a markdown answer cell's text: its criteria as (points, text) and
    its model answer. Raises ValueError unless the solution region holds 3 to 5 criteria whose
    points sum to `points`, then a model answer of at most 250 words."""
    regions = solution_regions(text, where)
    if len(regions) != 1 or regions[0][0] == 0:
        raise ValueError(f"{where}: an answer states its question, then one solution region")
    begin, end = regions[0]
    inside = text.splitlines()[begin + 1 : end]
    criteria = [(int(m.group(1)), ln[m.end() - 1 :]) for ln in inside if (m := CRITERION.match(ln))]
    low, high = CRITERIA
    if not low <= len(criteria) <= high or sum(p for p, _ in criteria) != points:
        raise ValueError(
            f"{where}: the rubric needs {low} to {high} lines '- **P points**: ...' summing to "
            f"{points} points, got {[p for p, _ in criteria]}"
        )
    body = "\n".join(inside)
    if MODEL_ANSWER not in body:
        raise ValueError(f"{where}: the rubric needs a model answer after {MODEL_ANSWER!r}")
    model = body.split(MODEL_ANSWER, 1)[1].strip()
    if not model or len(model.split()) > MAX_MODEL_WORDS:
        raise ValueError(
            f"{where}: the model answer has {len(model.split())} words; 1 to {MAX_MODEL_WORDS}"
        )
    return criteria, model


def course_notebook(source: Path, hidden: bool = False) -> NotebookNode:
    """The nbgrader source version of one jupytext notebook: the instructor's cells dropped,
    cell metadata from the tags, solution regions, no outputs, no jupytext pairing; the hidden
    tests only if `hidden`."""
    nb = jupytext.read(source)
    nb.metadata.pop("jupytext", None)
    counts = dict.fromkeys(KINDS, 0)
    kept = []
    for i, cell in enumerate(nb.cells):
        where = f"{source.name}, cell {i}"
        kinds = [k for k in KINDS if k in _tags(cell)]
        if len(kinds) > 1:
            raise ValueError(f"{where}: a cell has one role, got {kinds}")
        if INSTRUCTOR in _tags(cell):
            if kinds:
                raise ValueError(f"{where}: an {INSTRUCTOR} cell cannot be {kinds[0]!r}")
            continue
        cell.id = f"cell-{len(kept)}"
        kept.append(cell)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if not kinds:
            continue
        kind = kinds[0]
        if (cell.cell_type == "markdown") != (kind == "answer"):
            wanted = "markdown" if kind == "answer" else "code"
            raise ValueError(f"{where}: a {kind!r} cell must be a {wanted} cell")
        counts[kind] += 1
        meta = {
            "grade_id": f"{source.stem}-{kind}-{counts[kind]}",
            "schema_version": 3,
            "solution": kind in ("solution", "answer"),
            "grade": kind in ("answer", "autograded"),
            "locked": kind in ("autograded", "self-check"),
            "task": False,
        }
        if meta["grade"]:
            meta["points"] = _points(cell, where)
        if kind == "answer":
            rubric(cell.source, meta["points"], where)
        elif kind == "solution":
            cell.source = _wrap_solution(cell, where)
        elif kind == "autograded" and not hidden:
            cell.source = HIDDEN_TESTS.sub("", cell.source).rstrip("\n")
        cell.metadata["nbgrader"] = meta
    nb.cells = kept
    nbformat.validate(nb)
    return nb


def nbgrader_config(course: Path, implemented: list[str]) -> str:
    """The course's nbgrader_config.py: where things are, which student files autograding
    keeps, and the autograde that runs no student code (tools.autograde_preprocessors)."""
    return f"""# Written by tools/release.py; rebuilt by `make release`.
import sys

sys.path.insert(0, {str(ROOT)!r})  # the kit's tools (autograde preprocessors), not its hwlib
c = get_config()  # noqa: F821
c.CourseDirectory.root = {str(course)!r}
c.CourseDirectory.course_id = {COURSE_ID!r}
c.CourseDirectory.db_url = {"sqlite:///" + str(course / "gradebook.db")!r}
c.Autograde.exclude_overwriting = {{{ASSIGNMENT!r}: {implemented!r}}}
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
    "tools.autograde_preprocessors.ClearTestOutputs",
]
c.Autograde.autograde_preprocessors = [  # no Execute: the trusted grader runs the checks
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
"""


def build_course(course: Path, sources: list[Path]) -> Path:
    """Write the nbgrader course directory `course` (replacing its source folder); return the
    assignment's source folder."""
    if not sources:
        raise ValueError("no notebook sources given")
    notebooks = [(s, course_notebook(s)) for s in sources]  # check every source first
    assignment = course / "source" / ASSIGNMENT
    shutil.rmtree(assignment, ignore_errors=True)
    assignment.mkdir(parents=True)
    for source, nb in notebooks:
        nbformat.write(nb, assignment / f"{source.stem}.ipynb")
    implemented = student_hwlib(ROOT / "hwlib", assignment / "hwlib")
    for name in GIVEN:
        target = assignment / name
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
    shutil.copytree(ROOT / "hwlib" / "check_cases", assignment / "hwlib" / "check_cases")
    for path in STUDENT_FILES.iterdir():
        if path.is_file():  # not a __pycache__ left by the tests of submit.py
            shutil.copy2(path, assignment / path.name)
    (course / "nbgrader_config.py").write_text(nbgrader_config(course, implemented))
    return assignment


def nbgrader(course: Path, *args: str) -> None:
    """Run an nbgrader command in the course directory (its nbgrader_config.py applies)."""
    bin_dir = Path(sys.executable).parent  # nbgrader runs alembic from PATH
    command = [str(bin_dir / "nbgrader"), *args, "--log-level=WARN"]
    env = os.environ | {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def solution_lines(sources: list[Path]) -> set[str]:
    """Lines (stripped) that only solutions hold: in solution regions of hwlib or in solution
    and answer cells after their TODO line, and nowhere else in the kit's code."""
    inside, outside = set(), set()

    def split(text: str, where: str) -> None:
        lines = text.splitlines()
        regions = solution_regions(text, where)
        mask = [any(b < i < e for b, e in regions) for i in range(len(lines))]
        for line, solved in zip(lines, mask, strict=True):
            (inside if solved else outside).add(line.strip())

    for path in sorted((ROOT / "hwlib").glob("*.py")):
        split(path.read_text(encoding="utf-8"), path.name)
    for source in sources:
        for cell in course_notebook(source).cells:
            split(cell.source, source.name)
    return {ln for ln in inside - outside if len(ln) > 3 and not ln.startswith("#")}


def student_code_lines(sources: list[Path]) -> dict[str, int]:
    """Lines of code the student writes, by file (``hwlib/<module>.py`` and notebook stem):
    non-blank, non-comment lines inside the solution regions of hwlib and of the solution
    cells of the notebook `sources`."""
    counts = {}

    def count(text: str, where: str) -> int:
        lines = text.splitlines()
        return sum(
            1
            for b, e in solution_regions(text, where)
            for line in lines[b + 1 : e]
            if line.strip() and not line.strip().startswith("#")
        )

    for path in sorted((ROOT / "hwlib").glob("*.py")):
        counts[f"hwlib/{path.name}"] = count(path.read_text(encoding="utf-8"), path.name)
    for source in sources:
        cells = [c for c in course_notebook(source).cells if c.cell_type == "code"]
        counts[source.stem] = sum(count(c.source, source.name) for c in cells)
    return {where: n for where, n in counts.items() if n}


def leaked_solutions(folder: Path, sources: list[Path]) -> list[str]:
    """``file: line`` for every solution line found in a text file under `folder`."""
    secret = solution_lines(sources)
    leaks = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in (".py", ".ipynb", ".md", ".txt", ".cfg"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            text = "\n".join(c.source for c in nb.cells)
        found = {ln.strip() for ln in text.splitlines()} & secret
        leaks += [f"{path.relative_to(folder)}: {ln}" for ln in sorted(found)]
        if BEGIN in text or "BEGIN HIDDEN TESTS" in text:
            leaks.append(f"{path.relative_to(folder)}: a solution or hidden-test marker")
    return leaks


def prepare_course(course: Path, sources: list[Path]) -> Path:
    """Build the course and let nbgrader generate the assignment (its release folder and its
    gradebook entry); return the course folder, resolved."""
    course = course.resolve()
    build_course(course, sources)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    return course


def release(out: Path, course: Path, sources: list[Path]) -> Path:
    """Build the course, generate the assignment with nbgrader, copy it to `out` and check
    that no solution text is in it; return `out`."""
    course = prepare_course(course, sources)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(course / "release" / ASSIGNMENT, out)
    leaks = leaked_solutions(out, sources)
    if leaks:
        raise RuntimeError("solution text in the release:\n" + "\n".join(leaks))
    return out


def read_roster(path: Path) -> list[str]:
    """The student ids of a roster file: one per line (a first line `student_id` is a header),
    blank lines ignored. Raises ValueError if the file is missing or lists no id."""
    if not Path(path).is_file():
        raise ValueError(f"roster {path} does not exist; give a CSV with one student id per line")
    ids = [line.strip() for line in Path(path).read_text().splitlines() if line.strip()]
    ids = ids[1:] if ids and ids[0].lower() == "student_id" else ids
    if not ids:
        raise ValueError(f"roster {path} lists no student id")
    return ids


def roster_variants(path: Path, course: Path) -> pd.DataFrame:
    """Each rostered student's variant (`hwlib.variants.roster`), also written to
    COURSE/variants.csv for the instructor's records."""
    table = variants.roster(read_roster(path))
    course.mkdir(parents=True, exist_ok=True)
    table.to_csv(course / "variants.csv", index=False, lineterminator="\n")
    return table


def main() -> None:
    """Command line: ``python -m tools.release OUT_DIR [--course DIR] [--roster CSV]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the students' release")
    parser.add_argument("--course", type=Path, default=ROOT / "course", help="nbgrader course")
    parser.add_argument("--roster", type=Path, help="one student id per line: print their variants")
    args = parser.parse_args()
    sources = sorted((ROOT / "notebooks").glob("q*_*.py"))
    try:
        release(args.out, args.course, sources)
        table = roster_variants(args.roster, args.course) if args.roster else None
    except (ValueError, RuntimeError) as error:
        raise SystemExit(f"release: {error}") from error
    print(f"{args.out}: {len(sources)} notebooks, the student hwlib and the data")
    if table is not None:
        columns = ["student_id", "draw", "motif_a", "motif_b", "tf_family_a", "bayes_roc_auc_a"]
        print(table[columns].to_string(index=False))
        print(f"{len(table)} students' variants written to {args.course / 'variants.csv'}")


if __name__ == "__main__":
    main()
