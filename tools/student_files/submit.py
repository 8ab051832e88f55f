"""`make submission`: check the six notebooks, then write <your id>.zip to hand in.

Refuses (exit status 1, saying why) when student_id.txt holds no id or an invalid one, when a
notebook is missing, did not run to its end (a code cell never executed, or one that raised)
or ran under another id, or when a saved best model (q1, q5, q6) is missing. The zip holds
the notebooks, with their outputs, the saved best models, student_id.txt and hwlib/.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import nbformat

from hwlib import task, variants

NOTEBOOKS = (
    "q1_parameters",
    "q2_kernel_size",
    "q3_motif_recovery",
    "q4_noise",
    "q5_multi_motif",
    "q6_interactions",
)
DESCRIBED = re.compile(r"^student (\S+?)[: ]", re.M)  # the variant line each notebook prints


def unfinished(notebook: nbformat.NotebookNode) -> list[str]:
    """Why the notebook did not run to its end: code cells never run, and cells that raised."""
    code = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip()]
    never = [i + 1 for i, c in enumerate(code) if c.get("execution_count") is None]
    raised = [i + 1 for i, c in enumerate(code) if any(o.output_type == "error" for o in c.outputs)]
    problems = []
    if never:
        problems.append(f"code cells {never} were never run")
    if raised:
        problems.append(f"code cells {raised} raised an error")
    return problems


def ran_as(notebook: nbformat.NotebookNode) -> set[str]:
    """The ids whose variant the notebook's outputs say it ran on (`task.describe`'s line)."""
    text = "".join(
        o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs
    )
    return {variants.variant(m).student_id for m in DESCRIBED.findall(text)}


def check(folder: Path) -> tuple[str, list[str]]:
    """The id written in `folder` (student_id.txt) and every problem found (empty: ready)."""
    problems = []
    try:
        student = task.student_id(folder)
    except ValueError as error:
        student, problems = "", [str(error)]
    if not student and not problems:
        problems.append(f"no student id: write it in {task.ID_FILE} (make id ID=<your id>)")
    for name in NOTEBOOKS:
        path = folder / f"{name}.ipynb"
        if not path.exists():
            problems.append(f"{path.name} is missing")
            continue
        notebook = nbformat.read(path, as_version=4)
        problems += [f"{path.name}: {p}" for p in unfinished(notebook)]
        others = sorted(ran_as(notebook) - {variants.variant(student).student_id})
        if others:
            problems.append(f"{path.name} ran under the id {others[0]!r}: run it again")
    for question in task.BEST_MODEL_TASKS:
        if not (folder / task.best_model_file(question)).is_file():
            problems.append(f"{task.best_model_file(question)} is missing (models.save_best)")
    return student, problems


def write_zip(folder: Path, student: str) -> Path:
    """`folder`/<student>.zip with the notebooks, the saved best models, the id file and
    hwlib/ (no caches)."""
    out = folder / f"{student}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in NOTEBOOKS:
            archive.write(folder / f"{name}.ipynb", f"{name}.ipynb")
        for question in task.BEST_MODEL_TASKS:
            archive.write(folder / task.best_model_file(question), task.best_model_file(question))
        archive.write(folder / task.ID_FILE, task.ID_FILE)
        for path in sorted((folder / "hwlib").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.write(path, path.relative_to(folder).as_posix())
    return out


def main(folder: Path = Path(".")) -> int:
    student, problems = check(folder)
    if problems:
        print("not written; fix these first and run every notebook from the top:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"wrote {write_zip(folder, student).name}: hand it in")
    return 0


if __name__ == "__main__":
    sys.exit(main())
