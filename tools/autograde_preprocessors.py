"""nbgrader preprocessors for the kit's quick autograde.

Every autograded test of a notebook comes before its experiments (the implementation part
ends with its last ``autograded`` cell). Autograding clears and re-executes the cells up to
that last test and leaves the later cells (training sweeps, figures, the written answers)
as the student submitted them, outputs included, for the grader to read: the graded checks
run in seconds instead of the minutes the sweeps take. A notebook without autograded tests
is not executed at all.

The kernel runs with KIT_GRADING_ID set to the submission's student id (nbgrader's), so that
the data-dependent check `hwlib.checks.own_variant` regenerates that student's variant and
compares it with the data the notebook ran on (the STUDENT_ID the student wrote in it).
"""

from __future__ import annotations

import os

from nbformat import NotebookNode
from nbgrader.preprocessors import ClearOutput, Execute

from hwlib.task import GRADING_ID_ENV


def last_test(nb: NotebookNode) -> int:
    """Index of the notebook's last autograded test cell (a graded cell that is not a
    solution), or -1 when it has none."""
    tests = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.metadata.get("nbgrader", {}).get("grade")
        and not cell.metadata["nbgrader"].get("solution")
    ]
    return max(tests, default=-1)


class ClearOutputUpToLastTest(ClearOutput):
    """Clear outputs only of the cells that autograding re-executes."""

    def preprocess(self, nb, resources):
        self._last = last_test(nb)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell_index > self._last:
            return cell, resources
        return super().preprocess_cell(cell, resources, cell_index)


class ExecuteUpToLastTest(Execute):
    """Execute the cells up to the last autograded test; keep the rest as submitted."""

    def preprocess(self, nb, resources=None, km=None):
        self._last = last_test(nb)
        before = os.environ.get(GRADING_ID_ENV)
        os.environ[GRADING_ID_ENV] = resources["nbgrader"]["student"]  # the kernel inherits it
        try:
            return super().preprocess(nb, resources, km)
        finally:
            if before is None:
                del os.environ[GRADING_ID_ENV]
            else:
                os.environ[GRADING_ID_ENV] = before

    def preprocess_cell(self, cell, resources, index):
        if index > self._last:
            return cell, resources
        return super().preprocess_cell(cell, resources, index)
