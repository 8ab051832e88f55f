"""tools.autograde: which submissions it accepts (the grading itself is make test-grading)."""

import zipfile
from pathlib import Path

import pytest

from tools import autograde, release


def _submit(folder: Path, name: str) -> None:
    """A zip `name` (ending .zip) or an nbgrader folder `name`/hw holding one notebook."""
    if name.endswith(".zip"):
        with zipfile.ZipFile(folder / name, "w") as archive:
            archive.writestr("hw/q1_parameters.ipynb", "{}")
    else:
        (folder / name / release.ASSIGNMENT).mkdir(parents=True)
        (folder / name / release.ASSIGNMENT / "q1_parameters.ipynb").write_text("{}")


def test_import_submissions_copies_zips_and_folders(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    _submit(subs, "ada.zip")
    _submit(subs, "s1234567")
    assert autograde.import_submissions(subs, tmp_path / "course") == ["ada", "s1234567"]
    for student in ("ada", "s1234567"):
        copied = tmp_path / "course" / "submitted" / student / release.ASSIGNMENT
        assert (copied / "q1_parameters.ipynb").is_file()


@pytest.mark.parametrize("name", ["a@b.zip", "-ada", "x" * 65 + ".zip", "ad a"])
def test_import_submissions_refuses_ids_without_a_variant(tmp_path: Path, name: str) -> None:
    _submit(tmp_path, name)
    with pytest.raises(ValueError, match="student_id .* is not allowed"):
        autograde.import_submissions(tmp_path, tmp_path / "course")


def test_import_submissions_refuses_ids_equal_but_for_case(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    _submit(subs, "Ada.zip")
    _submit(subs, "ada")
    with pytest.raises(ValueError, match="case-insensitively; 'ada' repeats 'Ada'"):
        autograde.import_submissions(subs, tmp_path / "course")
