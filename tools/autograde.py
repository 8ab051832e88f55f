"""Autograde the students' submissions with nbgrader: points per question and feedback.

SUBMISSIONS is either nbgrader's layout (``SUBMISSIONS/<student id>/hw/...``) or one zip
per student (``SUBMISSIONS/<student id>.zip``, as ``make submission`` writes it, the
notebooks at its top or in one folder). Each submission is graded against the course that
`tools.release` builds from the kit: nbgrader restores the locked cells, keeps the
student's implementation files of hwlib, and executes nothing
(`tools.autograde_preprocessors`). The autograded points are decided by
`tools.trusted_grade`, which runs the checks in this process and each student function in a
worker process that returns only plain data, and written into nbgrader's gradebook before
the feedback is made. Written answers are left for grading by hand (``nbgrader
formgrader``).

Writes ``OUT/grades.csv``, one row per student: autograded points per question, their total
and maximum, the written answers' maximum and how many answers await a grader;
``OUT/checks.csv``, one row per check and student (passed, and why not); ``OUT/report.html``,
the class report (each check's pass rate, the points' histogram, the submissions whose code
did not run); and
``OUT/feedback/<student id>.html``, a page with the student's points and checks that links
nbgrader's feedback for each notebook in ``OUT/feedback/<student id>/``.

Usage: ``python -m tools.autograde SUBMISSIONS OUT [--course DIR]`` (``make autograde``).
"""

from __future__ import annotations

import argparse
import html
import shutil
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
from nbgrader.api import Gradebook

from hwlib import variants
from tools import release, trusted_grade


def _check_id(student: str, where: Path) -> str:
    """`student` if it is an id that has a variant (hwlib.variants' rule), else ValueError."""
    try:
        variants.variant(student)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    return student


def _notebook_folder(root: Path, where: Path) -> Path:
    """The one folder under `root` that holds the submitted notebooks."""
    folders = {p.parent for p in root.rglob("q*_*.ipynb") if ".ipynb_checkpoints" not in p.parts}
    if len(folders) != 1:
        raise ValueError(f"{where}: expected the notebooks in one folder, found {len(folders)}")
    return folders.pop()


def import_submissions(submissions: Path, course: Path) -> list[str]:
    """Copy every submission into the course's ``submitted/<id>/hw``; return the ids."""
    if not submissions.is_dir():
        raise ValueError(f"SUBMISSIONS must be a folder, got {submissions}")
    target = course / "submitted"
    shutil.rmtree(target, ignore_errors=True)
    students = []
    for entry in sorted(submissions.iterdir()):
        if entry.suffix == ".zip":
            student = _check_id(entry.stem, entry)
            with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(entry) as archive:
                archive.extractall(tmp)
                shutil.copytree(_notebook_folder(Path(tmp), entry), target / student / "hw")
        elif entry.is_dir() and (entry / release.ASSIGNMENT).is_dir():
            student = _check_id(entry.name, entry)
            shutil.copytree(entry / release.ASSIGNMENT, target / student / release.ASSIGNMENT)
        else:
            raise ValueError(
                f"{entry}: expected <student id>.zip or <student id>/{release.ASSIGNMENT}/"
            )
        same = [s for s in students if s.lower() == student.lower()]
        if same:  # one variant, and one folder on a case-insensitive file system
            raise ValueError(
                f"{entry}: student ids are compared case-insensitively; {student!r} repeats "
                f"{same[0]!r}"
            )
        students.append(student)
    if not students:
        raise ValueError(f"no submissions in {submissions}")
    return students


def trusted_scores(
    course: Path, sources: list[Path], students: list[str], timeout: float
) -> pd.DataFrame:
    """Grade each autograded submission with `tools.trusted_grade` (the checks of the notebook
    `sources`) and put its cell scores into nbgrader's gradebook (replacing the scores of the
    student's kernel); one row per check and student."""
    rows = []
    for student in students:
        submission = course / "autograded" / student / release.ASSIGNMENT
        checked = trusted_grade.grade_submission(submission, sources, student, timeout)
        scores = trusted_grade.cell_scores(checked)
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", release.COURSE_ID) as gb:
            submission = gb.find_submission(release.ASSIGNMENT, student)
            tests = {
                (nb.name, g.name): g
                for nb in submission.notebooks
                for g in nb.grades
                if "-autograded-" in g.name
            }
            if set(tests) != set(scores):  # nbgrader's own score of an ungraded cell must not stand
                raise RuntimeError(
                    f"{student}: the trusted grader and the gradebook disagree on the test cells"
                )
            for key, grade in tests.items():
                grade.auto_score, grade.manual_score = scores[key], None
            gb.db.commit()
        rows += [{"student_id": student} | row for row in checked]
    return pd.DataFrame(rows)


def grades(course: Path, students: list[str]) -> pd.DataFrame:
    """Autograded points per question for each student, from nbgrader's gradebook, with the
    maximum of the autograded tests and of the written answers (graded by hand)."""
    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", release.COURSE_ID) as gb:
        for student in students:
            submission = gb.find_submission(release.ASSIGNMENT, student)
            row, tests, answers = {"student_id": student}, [], []
            for nb in sorted(submission.notebooks, key=lambda nb: nb.name):
                graded = [g for g in nb.grades if "-autograded-" in g.name]
                row[nb.name] = sum(g.score for g in graded)
                tests += graded
                answers += [g for g in nb.grades if "-answer-" in g.name]
            row["autograded"] = sum(g.score for g in tests)
            row["autograded_max"] = sum(g.max_score for g in tests)
            row["written_max"] = sum(g.max_score for g in answers)
            row["answers_to_grade"] = sum(bool(g.needs_manual_grade) for g in answers)
            rows.append(row)
    return pd.DataFrame(rows)


def _feedback_page(row: pd.Series, notebooks: list[str], checked: pd.DataFrame) -> str:
    student = html.escape(row["student_id"])
    items = "".join(
        f'<tr><td><a href="{student}/{nb}.html">{nb}</a></td><td>{row[nb]:g}</td></tr>'
        for nb in notebooks
    )
    mine = checked[checked["student_id"] == row["student_id"]]
    results = "".join(
        f"<tr><td>{html.escape(c.notebook)}</td><td><code>{html.escape(c.check)}</code></td>"
        f"<td>{'passed' if c.passed else 'failed'}</td><td>{html.escape(c.message)}</td></tr>"
        for c in mine.itertuples()
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{student}</title></head>"
        f"<body><h1>Feedback for {student}</h1><table><tr><th>notebook</th>"
        f"<th>autograded points</th></tr>{items}</table>"
        f"<p>Autograded: {row['autograded']:g} of {row['autograded_max']:g} points. "
        f"Written answers ({row['written_max']:g} points) are graded by hand: "
        f"{row['answers_to_grade']:g} await a grader.</p>"
        "<h2>Autograded checks</h2><p>A test cell's points need every check in it to pass "
        "(the hidden ones too). The notebooks' own outputs come from your kernel; these "
        "results are the grader's.</p><table><tr><th>notebook</th><th>check</th>"
        f"<th>result</th><th>message</th></tr>{results}</table></body></html>"
    )


# A check whose student code never ran: the reasons a submission "failed to run".
DID_NOT_RUN = (
    "timed out",
    "worker",
    "was not submitted",
    "SyntaxError",
    "ImportError",
    "ModuleNotFoundError",
    "IndentationError",
)


def class_report(table: pd.DataFrame, checked: pd.DataFrame) -> str:
    """One HTML page for the instructor: each check's pass rate, the histogram of autograded
    points, and the submissions whose code did not run (a notebook missing, a hwlib that does
    not import, a call over its time limit), with why."""
    rates = checked.groupby(["notebook", "check"], sort=False)["passed"].agg(["sum", "count"])
    rows = "".join(
        f"<tr><td>{html.escape(nb)}</td><td><code>{html.escape(check)}</code></td>"
        f"<td>{int(r['sum'])} of {int(r['count'])}</td></tr>"
        for (nb, check), r in rates.iterrows()
    )
    top = int(table["autograded_max"].max())
    counts = table["autograded"].round().astype(int).value_counts()
    bars = "".join(
        f"<tr><td>{points}</td><td>{counts.get(points, 0)}</td>"
        f"<td>{'&#9608;' * int(counts.get(points, 0))}</td></tr>"
        for points in range(top + 1)
    )
    failed = checked[~checked["passed"]]
    broken = failed[failed["message"].str.contains("|".join(DID_NOT_RUN), regex=True)]
    why = broken.groupby("student_id")["message"].apply(lambda m: sorted(set(m)))
    runs = "".join(
        f"<li>{html.escape(student)}: " + "; ".join(html.escape(m) for m in reasons) + "</li>"
        for student, reasons in why.items()
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Class report</title></head>"
        f"<body><h1>Class report</h1><p>{len(table)} submissions; autograded points out of "
        f"{top}: mean {table['autograded'].mean():.1f}, median {table['autograded'].median():g}."
        "</p><h2>Checks</h2><table><tr><th>notebook</th><th>check</th><th>passed</th></tr>"
        f"{rows}</table><h2>Autograded points</h2><table><tr><th>points</th><th>students</th>"
        f"<th></th></tr>{bars}</table><h2>Submissions whose code did not run</h2>"
        f"<ul>{runs or '<li>none</li>'}</ul></body></html>"
    )


def autograde(submissions: Path, out: Path, course: Path, timeout: float = 60.0) -> pd.DataFrame:
    """Grade every submission (each student function call limited to `timeout` seconds);
    write ``out/grades.csv``, ``out/checks.csv``, ``out/report.html`` (`class_report`) and
    ``out/feedback``; return grades."""
    sources = sorted((release.ROOT / "notebooks").glob("q*_*.py"))
    course = release.prepare_course(course, sources)
    for folder in ("autograded", "feedback"):
        shutil.rmtree(course / folder, ignore_errors=True)
    students = import_submissions(submissions, course)
    release.nbgrader(course, "autograde", release.ASSIGNMENT, "--force")
    checked = trusted_scores(course, sources, students, timeout)
    release.nbgrader(course, "generate_feedback", release.ASSIGNMENT, "--force")
    table = grades(course, students)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "grades.csv", index=False, float_format="%g", lineterminator="\n")
    checked.to_csv(out / "checks.csv", index=False, lineterminator="\n")
    (out / "report.html").write_text(class_report(table, checked), encoding="utf-8")
    notebooks = [s.stem for s in sources]
    shutil.rmtree(out / "feedback", ignore_errors=True)
    for _, row in table.iterrows():
        student = row["student_id"]
        shutil.copytree(
            course / "feedback" / student / release.ASSIGNMENT, out / "feedback" / student
        )
        page = _feedback_page(row, notebooks, checked)
        (out / "feedback" / f"{student}.html").write_text(page, encoding="utf-8")
    return table


def main() -> None:
    """Command line: ``python -m tools.autograde SUBMISSIONS OUT [--course DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="nbgrader layout or <id>.zip files")
    parser.add_argument("out", type=Path, help="folder for grades.csv and feedback/")
    parser.add_argument("--course", type=Path, default=release.ROOT / "course")
    args = parser.parse_args()
    try:
        table = autograde(args.submissions, args.out, args.course)
    except (ValueError, RuntimeError) as error:
        raise SystemExit(f"autograde: {error}") from error
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
