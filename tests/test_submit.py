"""The students' `make submission` (tools/student_files/submit.py): it writes <id>.zip only
when the six notebooks ran to their end under the id written in student_id.txt."""

import importlib.util
import os
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest

from hwlib import task, variants

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("submit", ROOT / "tools/student_files/submit.py")
submit = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(submit)


MODELS = ["q1_best.keras", "q5_best.keras", "q6_best.keras"]


def _hand_in(
    folder: Path, student="ada", ran=None, never_run=(), raised=(), missing=(), no_model=()
) -> Path:
    """A student's folder: `student` in its id file (None: no file); each notebook prints the
    variant it ran on (`ran`: notebook -> id, else `student`) and runs one more cell; the saved
    best models (their content is the grader's business, not the hand-in's)."""
    ran = ran or {}
    if student is not None:
        (folder / task.ID_FILE).write_text(f"{student}\n")
    for name in submit.NOTEBOOKS:
        if name in missing:
            continue
        first = nbformat.v4.new_code_cell("print(task.describe(...))", execution_count=1)
        line = task.describe(variants.variant(ran.get(name, student or "")))
        first.outputs = [nbformat.v4.new_output("stream", name="stdout", text=line + "\n")]
        second = nbformat.v4.new_code_cell("x = 1", execution_count=2)
        if name in never_run:
            second.execution_count = None
        if name in raised:
            second.outputs = [nbformat.v4.new_output("error", ename="E", evalue="", traceback=[])]
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
    assert names == sorted([*expected, task.ID_FILE])
    assert "ada.zip" in capsys.readouterr().out


def test_the_id_is_compared_as_the_course_compares_it(tmp_path):
    assert submit.main(_hand_in(tmp_path, student="Ada", ran={submit.NOTEBOOKS[0]: "ADA"})) == 0


one = submit.NOTEBOOKS[2]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"student": None}, "no student id: write it in student_id.txt"),
        ({"student": ""}, "no student id"),
        ({"student": "../ada", "ran": dict.fromkeys(submit.NOTEBOOKS, "ada")}, "student_id.txt"),
        ({"ran": {one: "bob"}}, f"{one}.ipynb ran under the id 'bob'"),
        ({"never_run": (one,)}, f"{one}.ipynb: code cells [2] were never run"),
        ({"raised": (one,)}, f"{one}.ipynb: code cells [2] raised an error"),
        ({"missing": (one,)}, f"{one}.ipynb is missing"),
        ({"no_model": ("q5_best.keras",)}, "q5_best.keras is missing"),
    ],
    ids=["no id file", "empty id", "bad id", "other id", "never run", "raised", "missing", "model"],
)
def test_an_unfinished_hand_in_is_refused_saying_why(tmp_path, capsys, kwargs, message):
    assert submit.main(_hand_in(tmp_path, **kwargs)) == 1
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.zip"))


def test_the_students_makefile_hands_in_through_the_check():
    makefile = (ROOT / "tools/student_files/Makefile").read_text()
    assert "$(BIN)/python submit.py" in makefile


@pytest.mark.parametrize("student", ["ada", "", "two words"])
def test_make_id_writes_a_valid_id_once_for_every_notebook(tmp_path, student):
    for name in ("requirements.txt", "pyproject.toml"):  # older than the kit's venv: not rebuilt
        (tmp_path / name).touch()
        os.utime(tmp_path / name, (0, 0))
    venv = ROOT / ".venv"
    command = ["make", "-s", "-C", str(tmp_path), "-f", str(ROOT / "tools/student_files/Makefile")]
    run = subprocess.run([*command, "id", f"ID={student}", f"VENV={venv}"], capture_output=True)
    assert (run.returncode == 0) == (student == "ada"), run.stderr
    assert task.student_id(tmp_path) == ("ada" if student == "ada" else "")


def test_the_release_readme_is_at_most_500_words():
    assert len((ROOT / "tools/student_files/README.md").read_text().split()) <= 500
