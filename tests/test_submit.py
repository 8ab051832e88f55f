"""The students' `make submission` (tools/student_files/submit.py): it writes <id>.zip only
when the six notebooks ran to their end under one id."""

import importlib.util
import zipfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("submit", ROOT / "tools/student_files/submit.py")
submit = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(submit)


MODELS = ["q1_best.keras", "q5_best.keras", "q6_best.keras"]


def _hand_in(
    folder: Path, ids=None, never_run=(), raised=(), missing=(), twice=(), no_model=()
) -> Path:
    """A student's folder: each notebook sets STUDENT_ID and runs one more cell; the saved
    best models (their content is the grader's business, not the hand-in's)."""
    ids = ids or {name: "ada" for name in submit.NOTEBOOKS}
    for name in submit.NOTEBOOKS:
        if name in missing:
            continue
        first = nbformat.v4.new_code_cell(f"STUDENT_ID = {ids[name]!r}", execution_count=1)
        second = nbformat.v4.new_code_cell("x = 1", execution_count=2)
        if name in never_run:
            second.execution_count = None
        if name in raised:
            second.outputs = [nbformat.v4.new_output("error", ename="E", evalue="", traceback=[])]
        if name in twice:
            second.source = 'STUDENT_ID = "bob"'
        notebook = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell("# Q"), first, second]
        )
        nbformat.write(notebook, folder / f"{name}.ipynb")
    for name in set(MODELS) - set(no_model):
        (folder / name).write_bytes(b"model")
    (folder / "hwlib" / "__pycache__").mkdir(parents=True)
    (folder / "hwlib" / "models.py").write_text("x = 1\n")
    (folder / "hwlib" / "__pycache__" / "models.pyc").write_bytes(b"")
    return folder


def test_a_finished_hand_in_is_zipped_under_its_id(tmp_path, capsys):
    assert submit.main(_hand_in(tmp_path)) == 0
    with zipfile.ZipFile(tmp_path / "ada.zip") as archive:
        names = sorted(archive.namelist())
    expected = [f"{n}.ipynb" for n in submit.NOTEBOOKS] + MODELS + ["hwlib/models.py"]
    assert names == sorted(expected)
    assert "ada.zip" in capsys.readouterr().out


one = submit.NOTEBOOKS[2]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"ids": dict.fromkeys(submit.NOTEBOOKS, "")}, "STUDENT_ID is empty"),
        ({"ids": dict.fromkeys(submit.NOTEBOOKS, "ada") | {one: "bob"}}, "different STUDENT_IDs"),
        ({"never_run": (one,)}, f"{one}.ipynb: code cells [2] were never run"),
        ({"raised": (one,)}, f"{one}.ipynb: code cells [2] raised an error"),
        ({"missing": (one,)}, f"{one}.ipynb is missing"),
        ({"ids": dict.fromkeys(submit.NOTEBOOKS, "../ada")}, "STUDENT_ID"),
        ({"twice": (one,)}, f"{one}.ipynb: the notebook must set STUDENT_ID once"),
        ({"no_model": ("q5_best.keras",)}, "q5_best.keras is missing"),
    ],
    ids=["empty id", "two ids", "never run", "raised", "missing", "bad id", "set twice", "model"],
)
def test_an_unfinished_hand_in_is_refused_saying_why(tmp_path, capsys, kwargs, message):
    assert submit.main(_hand_in(tmp_path, **kwargs)) == 1
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.zip"))


def test_the_students_makefile_hands_in_through_the_check():
    makefile = (ROOT / "tools/student_files/Makefile").read_text()
    assert "$(BIN)/python submit.py" in makefile


def test_the_release_readme_is_at_most_500_words():
    assert len((ROOT / "tools/student_files/README.md").read_text().split()) <= 500
