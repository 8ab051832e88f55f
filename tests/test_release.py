"""The assignment's sources: solution regions, nbgrader cell metadata, names between cells,
the checks before the training, and the leak check (tools/release.py).

The release built by nbgrader and its autograding are tested end to end in
tests/grading/assignment.py (`make test-grading`).
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

import jupytext
import pandas as pd
import pytest

from tools import release, trusted_grade
from tools.autograde_preprocessors import is_test

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks").glob("q*_*.py"))
TRAINS = re.compile(r"\b(seed_sweep|grid_sweep|training\.train)\(")

MODULE = '''def given(x):
    return x + 1


def homework(x):
    """Doubles x."""
    y = given(x)
    ### BEGIN SOLUTION
    z = 2 * x
    return z
    ### END SOLUTION
'''


def test_a_region_becomes_a_not_implemented_error_naming_its_function():
    text = release.student_module(MODULE, "hwlib.demo")
    assert "2 * x" not in text and "BEGIN" not in text
    assert "    raise NotImplementedError('implement hwlib.demo.homework" in text
    namespace = {}
    exec(compile(text, "demo", "exec"), namespace)
    assert namespace["given"](1) == 2
    with pytest.raises(NotImplementedError, match="hwlib.demo.homework"):
        namespace["homework"](1)


@pytest.mark.parametrize(
    "text, message",
    [
        ("### BEGIN SOLUTION\nx = 1\n", "never closed"),
        ("x = 1\n### END SOLUTION\n", "without"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n", "nested"),
    ],
)
def test_unbalanced_regions_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        release.solution_regions(text, "demo.py")


def test_a_region_outside_a_function_is_refused():
    with pytest.raises(ValueError, match="in a function"):
        release.student_module("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "hwlib.demo")


def test_the_student_hwlib_raises_where_students_write_and_works_elsewhere(tmp_path):
    implemented = release.student_hwlib(ROOT / "hwlib", tmp_path / "hwlib")
    assert implemented == [
        "hwlib/bayes.py",
        "hwlib/interpret.py",
        "hwlib/metrics.py",
        "hwlib/models.py",
        "hwlib/motifs.py",
        "hwlib/noise.py",
        "hwlib/probes.py",
        "hwlib/sequences.py",
        "hwlib/simulate.py",
    ]
    code = """
import numpy as np
from hwlib import bayes, metrics, models, motifs, sequences, simulate
assert models.__file__.startswith(r"{tmp}")
assert sequences.decode(np.array([[0, 1, 2, 3]])) == ["ACGT"]
for call in (lambda: models.deepbind_param_counts(1, 1, 1),
             lambda: motifs.consensus(np.full((2, 4), 0.25)),
             lambda: sequences.one_hot(["ACGT"]),
             lambda: simulate.single_motif(2, 2, 10),
             lambda: bayes.single_motif_ratio(np.ones((1, 3)), 2, 0.5),
             lambda: metrics.average_precision([0, 1], [0.2, 0.7])):
    try:
        call()
    except NotImplementedError as error:
        print(error)
"""
    result = subprocess.run(
        [sys.executable, "-c", code.format(tmp=tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "implement hwlib.models.deepbind_param_counts (see its docstring; a notebook checks it)",
        "implement hwlib.motifs.consensus (see its docstring; a notebook checks it)",
        "implement hwlib.sequences.encode (see its docstring; a notebook checks it)",
        "implement hwlib.simulate.single_motif_arrays (see its docstring; a notebook checks it)",
        "implement hwlib.bayes.single_motif_ratio (see its docstring; a notebook checks it)",
        "implement hwlib.metrics.average_precision (see its docstring; a notebook checks it)",
    ]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_course_notebooks_carry_nbgrader_metadata_from_the_tags(source):
    nb = release.course_notebook(source)
    meta = [c.metadata["nbgrader"] for c in nb.cells if "nbgrader" in c.metadata]
    ids = [m["grade_id"] for m in meta]
    assert len(ids) == len(set(ids)), "grade ids are unique"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    answers = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").count("-answer-")
    ]
    assert len(answers) == 1 and answers[0].cell_type == "markdown", "one written answer"
    assert release.BEGIN in answers[0].source and answers[0].metadata["nbgrader"]["points"] > 0
    for cell in nb.cells:
        m = cell.metadata.get("nbgrader")
        if m and m["solution"] and cell.cell_type == "code":
            lines = cell.source.splitlines()
            assert lines[0].startswith("# TODO:") and lines[1] == release.BEGIN
            assert lines[-1] == release.END
        if m and m["grade"] and not m["solution"]:
            assert m["locked"] and m["points"] > 0


def _answer(criteria: list[str], points: int, model: str = "x", question: bool = True) -> str:
    """A jupytext markdown answer cell with this rubric and model answer."""
    lines = ["Why? (5 points)"] if question else []
    lines += [release.BEGIN, *criteria, ""]
    lines += [f"{release.MODEL_ANSWER} {model}"] if model else []
    body = "\n".join(f"# {ln}".rstrip() for ln in [*lines, release.END])
    return f'# %% [markdown] tags=["answer", "points-{points}"]\n{body}\n'


def test_a_rubric_gives_its_criteria_and_model_answer():
    text = "\n".join(
        [
            "Why?",
            release.BEGIN,
            "- **2 points**: says a",
            "- **1 point**: says b",
            "- **2 points**: says c",
            "",
            f"{release.MODEL_ANSWER} Because.",
            release.END,
        ]
    )
    criteria, model = release.rubric(text, 5, "demo")
    assert criteria == [(2, "says a"), (1, "says b"), (2, "says c")] and model == "Because."


def _notebook(text: str, tmp_path: Path) -> Path:
    path = tmp_path / "q9_demo.py"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    "cell, message",
    [
        ('# %% tags=["autograded"]\nassert True\n', "points-N"),
        ('# %% tags=["solution"]\nprint("no TODO line")\n', "TODO"),
        ('# %% tags=["solution", "self-check"]\n# TODO: x\nx = 1\n', "one role"),
        ('# %% [markdown] tags=["solution"]\n# TODO: x\n', "code"),
        ('# %% tags=["answer", "points-2"]\n# TODO: x\nx = 1\n', "markdown cell"),
        ('# %% tags=["instructor", "autograded", "points-1"]\nassert True\n', "cannot be"),
        (_answer(["- **1 point**: a", "- **1 point**: b"], 2), "3 to 5 lines"),
        (_answer(["- **1 point**: a", "- **1 point**: b", "- **1 point**: c"], 2), "summing to 2"),
        (_answer(["- **1 point**: a"] * 3, 3, model=""), "model answer"),
        (_answer(["- **1 point**: a"] * 3, 3, model="word " * 251), "251 words"),
        (_answer(["- **1 point**: a"] * 3, 3, question=False), "states its question"),
    ],
)
def test_malformed_cells_are_refused(cell, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        release.course_notebook(_notebook(cell, tmp_path))


def _stored_names(code: str) -> set[str]:
    """Names a cell binds at its top level (not a comprehension's own variables)."""
    tree = ast.parse(code)
    local = {
        n.id
        for c in ast.walk(tree)
        if isinstance(c, ast.comprehension)
        for n in ast.walk(c.target)
        if isinstance(n, ast.Name)
    }
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names - local


def _loaded_names(code: str) -> set[str]:
    tree = ast.parse(code)
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_later_cells_need_only_names_a_todo_line_promises(source):
    """A name a student's cell defines and a later given cell uses must be named in that
    cell's TODO line, so a correct answer never meets a NameError later. (The instructor's
    cells run only after the kit's solutions, and students never get them.)"""
    cells = [
        c
        for c in jupytext.read(source).cells
        if c.cell_type == "code" and release.INSTRUCTOR not in c.metadata.get("tags", [])
    ]
    for i, cell in enumerate(cells):
        tags = cell.metadata.get("tags", [])
        if not {"solution", "answer"} & set(tags):
            continue
        todo = cell.source.splitlines()[0]
        # Names a later cell reads before any given cell binds them again.
        later, rebound = set(), set()
        for c in cells[i + 1 :]:
            later |= _loaded_names(c.source) - _stored_names(c.source) - rebound
            rebound |= _stored_names(c.source)
        needed = _stored_names(cell.source) & later
        missing = sorted(n for n in needed if not re.search(rf"\b{re.escape(n)}\b", todo))
        assert not missing, f"{source.stem}: {todo!r} does not name {missing}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_checks_come_before_any_training(source):
    """A student's functions are checked before the experiments use them (the tests of the
    saved best model grade a result, so they come after)."""
    nb = release.course_notebook(source)
    saved = tuple(f"checks.{name}(" for name in trusted_grade.SAVED_MODEL_CHECKS)
    functions = [c for c in nb.cells if is_test(c) and not any(s in c.source for s in saved)]
    boundary = max(i for i, cell in enumerate(nb.cells) if any(cell is c for c in functions))
    trains = [
        i for i, c in enumerate(nb.cells) if c.cell_type == "code" and TRAINS.search(c.source)
    ]
    assert trains, "every notebook trains"
    assert boundary < min(trains), "an autograded test comes after a training cell"


def test_leaked_solution_lines_are_found(tmp_path):
    secret = sorted(release.solution_lines(SOURCES), key=len)[-1]
    (tmp_path / "hwlib").mkdir()
    (tmp_path / "hwlib" / "given.py").write_text(f"x = 1\n{secret}\n")
    (tmp_path / "clean.py").write_text("y = 2\n")
    assert release.leaked_solutions(tmp_path, SOURCES) == [f"hwlib/given.py: {secret}"]


def test_solution_lines_include_hwlib_regions_and_notebook_solutions():
    secret = release.solution_lines(SOURCES)
    assert '"dense1": (filters + 1) * dense_units,' in secret
    assert any("grid_sweep(configs_for(KERNELS" in line for line in secret)
    assert "return x" not in secret, "short or shared lines are not secrets"


def test_a_roster_gives_each_student_a_variant_for_the_records(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id\ns0001\n\nS0002\n")
    assert release.read_roster(roster) == ["s0001", "S0002"]
    table = release.roster_variants(roster, tmp_path / "course")
    assert list(table["student_id"]) == ["s0001", "s0002"]
    assert (
        table.iloc[0]["motif_a"] != table.iloc[1]["motif_a"]
        or table.iloc[0]["draw"] != (table.iloc[1]["draw"])
    )
    written = pd.read_csv(tmp_path / "course" / "variants.csv", keep_default_na=False)
    assert list(written["motif_b"]) == list(table["motif_b"])


@pytest.mark.parametrize(
    "text, message",
    [(None, "does not exist"), ("student_id\n", "no student id"), ("a\nA\n", "distinct")],
)
def test_a_bad_roster_is_refused(tmp_path, text, message):
    roster = tmp_path / "roster.csv"
    if text is not None:
        roster.write_text(text)
    with pytest.raises(ValueError, match=message):
        release.roster_variants(roster, tmp_path / "course")


WORD_LIMIT = 700
# What the handout lacks: the kit's targets, its figures folder and the instructor's runs.
ABSENT = re.compile(
    r"(?i:make (robustness|learning-curve|all|test)|figures/|committed notebook|robustness)|KIT_"
)


def _release_text(cell) -> str:
    """A course cell's text as the release shows it: solution regions removed."""
    lines = cell.source.splitlines()
    regions = release.solution_regions(cell.source, "cell")
    return "\n".join(ln for i, ln in enumerate(lines) if not any(b <= i <= e for b, e in regions))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_student_notebook_is_homework_sized(source):
    """At most 700 words of markdown, no claim checked and nothing the handout lacks."""
    cells = release.course_notebook(source).cells
    words = sum(len(_release_text(c).split()) for c in cells if c.cell_type == "markdown")
    assert words <= WORD_LIMIT, f"{source.stem}: {words} words of markdown"
    for cell in cells:
        text = _release_text(cell)
        assert "claims." not in text, f"{source.stem}: a release cell checks a claim: {text[:80]}"
        assert not ABSENT.search(text), f"{source.stem}: {ABSENT.search(text)[0]!r} in {text[:80]}"


# The "about 250 lines or more": the core the student writes, not a count the kit
# happens to have today.
STUDENT_LINES = 250


def test_the_student_writes_the_core():
    """At least STUDENT_LINES lines of code in the solution regions, in every notebook."""
    counts = release.student_code_lines(SOURCES)
    assert sum(counts.values()) >= STUDENT_LINES, counts
    assert {source.stem for source in SOURCES} <= set(counts), f"a notebook asks no code: {counts}"


def test_student_code_lines_count_code_not_the_todo_comments_or_blanks(tmp_path):
    source = tmp_path / "q9_demo.py"
    cells = '# %% tags=["solution"]\n# TODO: `y` and `z`\ny = 2\n\n# why\nz = y + 1\n'
    source.write_text(cells + '\n# %%\nprint("given")\n')
    counts = release.student_code_lines([source])
    assert counts["q9_demo"] == 2
    assert counts["hwlib/metrics.py"] == release.student_code_lines([])["hwlib/metrics.py"] > 0


def _bound_names(code: str) -> set[str]:
    """Names a cell binds at its top level, imports included."""
    imported = {
        (a.asname or a.name).split(".")[0]
        for node in ast.walk(ast.parse(code))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for a in node.names
    }
    return _stored_names(code) | imported


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_the_release_needs_no_name_only_the_instructors_cells_bind(source):
    """Dropping the instructor's cells leaves every name the release's cells read bound."""
    kept, instructor_only = set(), set()
    for cell in jupytext.read(source).cells:
        if cell.cell_type != "code":
            continue
        bound = _bound_names(cell.source)
        if release.INSTRUCTOR in cell.metadata.get("tags", []):
            instructor_only |= bound - kept
            continue
        tree = ast.parse(cell.source)
        anywhere = {
            n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        anywhere |= {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
        missing = (_loaded_names(cell.source) - bound - anywhere) & (instructor_only - kept)
        assert not missing, f"{source.stem}: {sorted(missing)} bound only by instructor cells"
        kept |= bound
