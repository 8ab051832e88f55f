"""tools.autograde: which submissions it accepts (the grading itself is make test-grading)."""

import zipfile
from pathlib import Path

import pandas as pd
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


def test_the_class_report_counts_passes_points_and_code_that_did_not_run() -> None:
    table = pd.DataFrame(
        {"student_id": ["ada", "bob", "cy"], "autograded": [3.0, 1.0, 0.0]}
    ).assign(autograded_max=3.0)
    check = "checks.ism(interpret.ism)"
    rows = [
        ("ada", check, True, "ISM as expected"),
        ("bob", check, False, "RemoteError: interpret.ism raised AssertionError: sign"),
        ("cy", check, False, "RemoteError: timed out after 60 s waiting for interpret.ism"),
    ]
    checked = pd.DataFrame(rows, columns=["student_id", "check", "passed", "message"])
    page = autograde.class_report(table, checked.assign(notebook="q3_motif_recovery"))
    assert "1 of 3" in page  # the check's pass rate
    assert "<tr><td>0</td><td>1</td>" in page and "<tr><td>2</td><td>0</td>" in page
    did_not_run = page.split("did not run</h2>")[1]
    assert "cy: RemoteError: timed out" in did_not_run and "bob" not in did_not_run
