"""`make submission`: check the six notebooks, then write <your id>.zip to hand in.

Refuses (exit status 1, saying why) when a notebook is missing, when STUDENT_ID is empty or
differs between notebooks, or when a notebook did not run to its end (a code cell never
executed, or one that raised), or when a saved best model (q1, q5, q6) is missing. The zip
holds the notebooks, with their outputs, the saved best models and hwlib/.
"""

from __future__ import annotations

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


def check(folder: Path) -> tuple[str, list[str]]:
    """The id the notebooks in `folder` share and every problem found (empty: ready)."""
    problems, ids = [], {}
    for name in NOTEBOOKS:
        path = folder / f"{name}.ipynb"
        if not path.exists():
            problems.append(f"{path.name} is missing")
            continue
        notebook = nbformat.read(path, as_version=4)
        try:
            ids[name] = task.notebook_student_id(notebook)
        except ValueError as error:
            problems.append(f"{path.name}: {error}")
        problems += [f"{path.name}: {p}" for p in unfinished(notebook)]
    for question in task.BEST_MODEL_TASKS:
        if not (folder / task.best_model_file(question)).is_file():
            problems.append(f"{task.best_model_file(question)} is missing (models.save_best)")
    given = set(ids.values())
    if given == {""}:
        problems.append('STUDENT_ID is empty: set STUDENT_ID = "<your id>" in every notebook')
    elif len(given) > 1:
        problems.append(f"the notebooks set different STUDENT_IDs: {ids}")
    found = next(iter(given)) if len(given) == 1 else ""
    return found or "", problems


def write_zip(folder: Path, student: str) -> Path:
    """`folder`/<student>.zip with the notebooks, the saved best models and hwlib/ (no
    caches)."""
    out = folder / f"{student}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in NOTEBOOKS:
            archive.write(folder / f"{name}.ipynb", f"{name}.ipynb")
        for question in task.BEST_MODEL_TASKS:
            archive.write(folder / task.best_model_file(question), task.best_model_file(question))
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
    try:
        variants.variant(student)  # the id rule the course grades by (and a safe file name)
    except ValueError as error:
        print(f"STUDENT_ID: {error}", file=sys.stderr)
        return 1
    print(f"wrote {write_zip(folder, student).name}: hand it in")
    return 0


if __name__ == "__main__":
    sys.exit(main())
