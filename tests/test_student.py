"""The student edition: solutions stubbed out, self-checks kept, and it stops at its first TODO."""

import json
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tools import student

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks").glob("q*_*.py"))
KERNEL = "hwlib"


SYNTHETIC = """# %%
x = 21

# %% tags=["solution"]
# TODO: set y to twice x
y = 2 * x

# %% tags=["self-check"]
assert y == 42, "y should be twice x"

# %%
print("after the check")
"""


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    """The cell's tags."""
    return cell.metadata.get("tags", [])


def _run(nb: nbformat.NotebookNode, folder: Path) -> None:
    """Execute ``nb`` in place with the kit's kernel, from ``folder``."""
    NotebookClient(
        nb, kernel_name=KERNEL, timeout=300, resources={"metadata": {"path": str(folder)}}
    ).execute()


def _code(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The notebook's code cells."""
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_notebook_has_no_solution_text_and_no_outputs(source, tmp_path):
    (path,) = student.write_student([source], tmp_path)
    assert path == tmp_path / f"{source.stem}.ipynb"
    written = nbformat.read(path, as_version=4)
    solution = jupytext.read(source)
    solved = [c for c in solution.cells if "solution" in _tags(c)]
    shared = {
        ln.strip()
        for c in solution.cells
        if "solution" not in _tags(c)
        for ln in c.source.splitlines()
    }
    secret = {ln.strip() for c in solved for ln in c.source.splitlines()[1:] if ln.strip()} - shared
    assert secret, f"{source.name}: its solution cells hold no line of their own"
    lines = {ln.strip() for c in written.cells for ln in c.source.splitlines()}
    leaked = sorted(secret & lines)
    assert not leaked, f"student {path.name} still holds solution lines: {leaked}"
    stubs = [c for c in written.cells if "solution" in _tags(c)]
    assert len(stubs) == len(solved)
    for stub, cell in zip(stubs, solved, strict=True):
        todo = cell.source.splitlines()[0]
        assert stub.source.splitlines()[0] == todo
        assert stub.source.endswith(f"raise NotImplementedError({todo[2:]!r})")
    assert all(c.outputs == [] and c.execution_count is None for c in _code(written))
    assert written.metadata.kernelspec.name == KERNEL
    assert "jupytext" not in written.metadata


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_solution_notebook_passed_every_self_check(source):
    ipynb = source.with_suffix(".ipynb")
    assert ipynb.exists(), f"{ipynb.name} is missing: run `make`"
    cells = _code(nbformat.read(ipynb, as_version=4))
    checks = [c for c in cells if "self-check" in _tags(c)]
    expected = sum("self-check" in _tags(c) for c in _code(jupytext.read(source)))
    assert len(checks) == expected, f"{ipynb.name}: its tags differ from {source.name}"
    assert all(c.execution_count is not None for c in checks), "a self-check never ran"
    errors = [o.get("evalue") for c in cells for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{ipynb.name} raised {errors}"


def test_stub_stops_with_its_todo_and_a_wrong_answer_fails_the_self_check(tmp_path):
    source = tmp_path / "q9_synthetic.py"
    source.write_text(SYNTHETIC)
    solved = jupytext.read(source)
    _run(solved, tmp_path)
    assert _code(solved)[-1].outputs[0].text == "after the check\n"

    stubbed = student.student_notebook(source)
    with pytest.raises(CellExecutionError) as stop:
        _run(stubbed, tmp_path)
    assert (stop.value.ename, stop.value.evalue) == (
        "NotImplementedError",
        "TODO: set y to twice x",
    )
    assert [c.execution_count is not None for c in _code(stubbed)] == [True, True, False, False]

    wrong = student.student_notebook(source)
    _code(wrong)[1].source = "y = 2 + x"
    with pytest.raises(CellExecutionError) as check:
        _run(wrong, tmp_path)
    assert (check.value.ename, check.value.evalue) == ("AssertionError", "y should be twice x")


def test_student_q1_stops_at_its_first_todo_before_any_training(tmp_path):
    source = ROOT / "notebooks" / "q1_parameters.py"
    first = next(c for c in jupytext.read(source).cells if "solution" in _tags(c))
    todo = first.source.splitlines()[0][2:]
    (path,) = student.write_student([source], tmp_path)
    nb = nbformat.read(path, as_version=4)
    with pytest.raises(CellExecutionError) as stop:
        _run(nb, ROOT / "notebooks")
    assert (stop.value.ename, stop.value.evalue) == ("NotImplementedError", todo)
    ran = [c.execution_count is not None for c in _code(nb)]
    stub = next(i for i, c in enumerate(_code(nb)) if "solution" in _tags(c))
    assert ran == [i <= stub for i in range(len(ran))], "cells ran past the first TODO"
    assert "seed_sweep" not in "".join(c.source for c in _code(nb)[: stub + 1])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# %%\nx = 1\n", "no cell is tagged 'solution'"),
        ('# %% tags=["solution"]\nx = 1\n\n# %% tags=["self-check"]\nassert x\n', "must start"),
        (
            '# %% tags=["solution"]\n# TODO:\nx = 1\n\n# %% tags=["self-check"]\nassert x\n',
            "must start",
        ),
        ('# %% tags=["solution"]\n# TODO: set x\nx = 1\n\n# %%\nassert x\n', "'self-check'"),
        ('# %% tags=["solution"]\n# TODO: set x\nx = 1\n', "'self-check'"),
        (
            '# %% tags=["self-check"]\nassert True\n\n'
            '# %% tags=["solution"]\n# TODO: answer\ndisplay(Markdown("x"))\n',
            "must follow a solution",
        ),
        ('# %% [markdown] tags=["solution"]\n# the answer\n', "only code cells"),
        ('# %% tags=["solution", "self-check"]\n# TODO: x\nx = 1\n', "either a solution or"),
    ],
)
def test_broken_conventions_are_refused(tmp_path, text, message):
    source = tmp_path / "q9_broken.py"
    source.write_text(text)
    with pytest.raises(ValueError, match=message):
        student.student_notebook(source)


def test_answer_prose_needs_no_self_check(tmp_path):
    source = tmp_path / "q9_answer.py"
    source.write_text(
        '# %% tags=["solution"]\n# TODO: write your answer\ndisplay(Markdown("42"))\n'
    )
    (cell,) = student.student_notebook(source).cells
    assert (
        cell.source
        == "# TODO: write your answer\nraise NotImplementedError('TODO: write your answer')"
    )


def test_write_student_refuses_bad_input(tmp_path):
    with pytest.raises(ValueError, match="no notebook sources"):
        student.write_student([], tmp_path)
    ipynb = ROOT / "notebooks" / "q1_parameters.ipynb"
    with pytest.raises(ValueError, match="not jupytext .py sources"):
        student.write_student([ipynb], tmp_path)
    assert not list(tmp_path.iterdir()), "nothing is written when an input is refused"


def test_written_student_notebook_is_byte_stable(tmp_path):
    source = ROOT / "notebooks" / "q1_parameters.py"
    (a,) = student.write_student([source], tmp_path / "a")
    (b,) = student.write_student([source], tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    assert json.loads(a.read_text())["cells"][0]["id"] == "cell-0"
