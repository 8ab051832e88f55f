"""Student edition of the notebooks: solutions become TODO stubs, outputs are cleared.

Convention, in the jupytext sources ``notebooks/qN_*.py``:

* A code cell the student has to write is tagged ``solution``, and its first line says what
  to do::

      # %% tags=["solution"]
      # TODO: build the baseline model (16 filters of width 5, 32 hidden units) as `model`
      model = models.deepbind(seq_len=101, **BASELINE)

* The next code cell after a solution cell is tagged ``self-check``: it asserts on what the
  solution computed (cheaply), so a correct answer passes it and a wrong one stops there::

      # %% tags=["self-check"]
      assert model.count_params() == 913, "the baseline has 913 parameters"

  The one exception is answer prose: a solution cell that builds ``Markdown(...)`` (the
  written answer) needs no self-check, since its reader is the check.

* In the student edition each solution cell keeps only its ``# TODO:`` line, followed by
  ``raise NotImplementedError("TODO: ...")``. Run top to bottom, a student notebook therefore
  stops at its first unsolved TODO with that message; self-check cells stay as they are.
  Every output is cleared, and the jupytext pairing is dropped so that the student copy is a
  plain notebook. It keeps the ``hwlib`` kernel, so ``hwlib`` (installed editable into the
  venv) imports as in the solution notebooks.

Usage: ``python tools/student.py OUT_DIR notebooks/q*_*.py`` (``make student``).
"""

import argparse
from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode

SOLUTION, SELF_CHECK = "solution", "self-check"
TODO = "# TODO:"


def _tags(cell: NotebookNode) -> list[str]:
    """The cell's tags (an empty list when it has none)."""
    return list(cell.metadata.get("tags", []))


def is_answer(cell: NotebookNode) -> bool:
    """True for answer prose: a solution cell that displays ``Markdown(...)``."""
    return "Markdown(" in cell.source


def todo_text(cell: NotebookNode, where: str) -> str:
    """The ``TODO: ...`` instruction on a solution cell's first line.

    Raises ValueError when the first line is not a ``# TODO: <what to do>`` comment.
    """
    first = cell.source.splitlines()[0].strip() if cell.source.strip() else ""
    if not first.startswith(TODO) or not first[len(TODO) :].strip():
        raise ValueError(
            f"{where}: a solution cell must start with '{TODO} <what to do>', got {first!r}"
        )
    return first[2:]


def check_conventions(nb: NotebookNode, name: str) -> None:
    """Raise ValueError unless ``nb`` follows the solution/self-check convention above."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for i, cell in enumerate(nb.cells):
        tags = _tags(cell)
        if (SOLUTION in tags or SELF_CHECK in tags) and cell.cell_type != "code":
            raise ValueError(f"{name}, cell {i}: only code cells can be tagged {tags}")
        if SOLUTION in tags and SELF_CHECK in tags:
            raise ValueError(f"{name}, cell {i}: a cell is either a solution or a self-check")
    if not any(SOLUTION in _tags(c) for _, c in code):
        raise ValueError(f"{name}: no cell is tagged {SOLUTION!r}, so students have nothing to do")
    for k, (i, cell) in enumerate(code):
        previous = code[k - 1][1] if k else None
        following = code[k + 1][1] if k + 1 < len(code) else None
        if SOLUTION in _tags(cell):
            todo_text(cell, f"{name}, cell {i}")
            if not is_answer(cell) and (following is None or SELF_CHECK not in _tags(following)):
                raise ValueError(
                    f"{name}, cell {i}: the code cell after a solution cell must be tagged "
                    f"{SELF_CHECK!r} (only answer prose, built with Markdown(...), needs none)"
                )
        if SELF_CHECK in _tags(cell) and (previous is None or SOLUTION not in _tags(previous)):
            raise ValueError(f"{name}, cell {i}: a self-check must follow a solution cell")


def stub(cell: NotebookNode, where: str) -> str:
    """The student's version of a solution cell: its TODO line and a NotImplementedError."""
    text = todo_text(cell, where)
    return f"# {text}\nraise NotImplementedError({text!r})"


def student_notebook(source: Path) -> NotebookNode:
    """The student edition of one jupytext source: stubs for solutions, no outputs."""
    nb = jupytext.read(source)
    check_conventions(nb, source.name)
    nb.metadata.pop("jupytext", None)
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"  # stable ids: the same source gives the same file
        if cell.cell_type != "code":
            continue
        if SOLUTION in _tags(cell):
            cell.source = stub(cell, f"{source.name}, cell {i}")
        cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return nb


def write_student(sources: list[Path], out_dir: Path) -> list[Path]:
    """Write the student edition of each source into ``out_dir``; return the written paths."""
    if not sources:
        raise ValueError("no notebook sources given")
    wrong = [s for s in sources if s.suffix != ".py" or not s.is_file()]
    if wrong:
        raise ValueError(f"not jupytext .py sources: {[str(s) for s in wrong]}")
    notebooks = [(s, student_notebook(s)) for s in sources]  # check all before writing any
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source, nb in notebooks:
        path = out_dir / f"{source.stem}.ipynb"
        nbformat.write(nb, path)
        written.append(path)
    return written


def main() -> None:
    """Command line: ``python tools/student.py OUT_DIR SOURCE.py...``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder for the student notebooks")
    parser.add_argument("sources", type=Path, nargs="+", help="jupytext sources qN_*.py")
    args = parser.parse_args()
    try:
        written = write_student(args.sources, args.out_dir)
    except ValueError as error:
        raise SystemExit(f"student: {error}") from error
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
