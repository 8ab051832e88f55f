"""nbgrader preprocessors for the kit's autograde, which runs no student code.

nbgrader's autograde restores the locked cells and records the gradebook entries, but does
not execute the notebooks: the points of the autograded tests come from
`tools.trusted_grade`, which calls the student's functions in a separate worker process.
A kernel running the submission would import the student's code with the course folder
(and its gradebook) in reach, for nothing the grade needs. The test cells' outputs, which
the student's kernel produced, are cleared so that the feedback shows none of them; every
other cell (the sweeps, figures and written answers) stays as submitted, outputs included,
for the grader to read.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbgrader.preprocessors import ClearOutput


def is_test(cell: NotebookNode) -> bool:
    """Whether a cell is an autograded test (a graded cell that is not a solution)."""
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


class ClearTestOutputs(ClearOutput):
    """Clear the outputs of the autograded test cells only."""

    def preprocess_cell(self, cell, resources, cell_index):
        if not is_test(cell):
            return cell, resources
        return super().preprocess_cell(cell, resources, cell_index)
