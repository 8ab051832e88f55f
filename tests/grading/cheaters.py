"""Cheating submissions against the trusted grader (`make test-grading`, with assignment.py).

Each case is the release's student hwlib (nothing implemented) or the honest solution, with
an attack added to a student file, graded by `tools.trusted_grade` on the course's checks
(hidden ones included). The honest solution gets every autograded point; an attack on the
grading machinery (the checks module, builtins, numpy, lying return values) gets nothing it
did not implement; an attack on one function loses exactly that function's cells; and the
student's process finds neither the gradebook nor the hidden tests in its folder or its
environment. Not collected by `pytest tests`: each case starts a worker (a few seconds).
"""

import hashlib
import json
import shutil
from pathlib import Path

import keras
import nbformat
import numpy as np
import pytest

from hwlib import checks, motifs, task
from tools import release, trusted_grade

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "notebooks").glob("q*_*.py"))
IMPLEMENTED = sorted(
    p.name for p in (ROOT / "hwlib").glob("*.py") if release.BEGIN in p.read_text()
)
STUDENT = "ada"

PATCH_CHECKS_CLASS = """
import types as _types
import hwlib.checks as _checks


class _AlwaysPasses(_types.ModuleType):
    def __getattribute__(self, name):
        return lambda *args, **kwargs: "passed"


_checks.__class__ = _AlwaysPasses
"""
PATCH_CHECKS_SETATTR = """
import hwlib.checks as _checks

for _name in dir(_checks):
    if not _name.startswith("__"):
        setattr(_checks, _name, lambda *args, **kwargs: "passed")
"""
PATCH_BUILTINS = """
import builtins as _builtins

_builtins.isinstance = lambda *args: True
_builtins.AssertionError = type("AssertionError", (Exception,), {})
"""
PATCH_NUMPY = """
import numpy as _np

_np.allclose = _np.array_equal = lambda *args, **kwargs: True
_np.isclose = lambda *args, **kwargs: True
"""
LYING_RETURNS = """
import numpy as _np


class _EqualsAnything(dict):
    def __eq__(self, other):
        return True

    __hash__ = None


class _LyingInt(int):
    def __eq__(self, other):
        return True


def deepbind_param_counts(filters, kernel_size, dense_units):
    return _EqualsAnything()


def receptive_field(model):
    return _LyingInt(0)
"""
LYING_ARRAYS = """
import numpy as _np


class _LyingArray(_np.ndarray):
    def __eq__(self, other):
        return _np.ones(_np.shape(other), dtype=bool)

    def __array_finalize__(self, obj):
        pass


def ism(model, x):
    return _np.zeros(_np.shape(x)).view(_LyingArray)


def grad_times_input(model, x):
    return _np.zeros(_np.shape(x), dtype=_np.float32).view(_LyingArray)
"""
ENDLESS_ISM = """

def ism(model, x):
    while True:
        pass
"""
KIT_IMPORT = """
import os as _os
import sys as _sys


def receptive_field(model):
    for name in [m for m in _sys.modules if m == "hwlib" or m.startswith("hwlib.")]:
        del _sys.modules[name]
    _sys.path[:] = [p for p in _sys.path if p not in ("", _os.getcwd())]
    from hwlib.models import receptive_field as kit

    return kit(model)
"""
SNOOP = """
import json as _json
import os as _os
from pathlib import Path as _Path


def consensus(ppm, min_prob=0.5):
    here = _Path.cwd()
    seen = [str(p) for p in here.parent.rglob("*")]
    return _json.dumps({"files": seen, "env": dict(_os.environ), "cwd": str(here)})
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """The course's source folder (solutions and hidden tests), built once."""
    return release.build_course(tmp_path_factory.mktemp("course"), SOURCES)


def _submission(course: Path, folder: Path, honest: bool, attack: str = "", into: str = "") -> Path:
    """The release's files (the course's notebooks, the student hwlib, the id file),
    with the kit's solutions put back if `honest`, and `attack` appended to hwlib/`into`."""
    shutil.copytree(course, folder)
    if honest:
        for name in IMPLEMENTED:
            shutil.copy2(ROOT / "hwlib" / name, folder / "hwlib" / name)
    task.write_student_id(STUDENT, folder)
    if attack:
        with open(folder / "hwlib" / into, "a", encoding="utf-8") as f:
            f.write(attack)
    return folder


def _scores(course: Path, submission: Path, timeout: float = 60.0) -> dict:
    rows = trusted_grade.grade_submission(submission, SOURCES, STUDENT, timeout)
    return trusted_grade.cell_scores(rows)


def _cells(course: Path, text: str) -> set:
    """(notebook, grade_id) of the autograded cells whose source contains `text`."""
    found = set()
    for path in SOURCES:
        for cell in release.course_notebook(path, hidden=True).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution") and text in cell.source:
                found.add((path.stem, meta["grade_id"]))
    return found


@pytest.fixture(scope="module")
def honest(course, tmp_path_factory) -> dict:
    return _scores(course, _submission(course, tmp_path_factory.mktemp("s") / "hw", True))


def test_the_honest_solution_gets_every_point_of_its_functions(course, honest):
    """Every point but the saved best models' (none is saved here: assignment.py grades the
    models of executed solutions)."""
    saved = trusted_grade.SAVED_MODEL_CHECKS
    models = set().union(*(_cells(course, f"checks.{name}(") for name in saved))
    points = {key: 0.0 if key in models else float(p) for key, p in _max_points(course).items()}
    assert honest == points and sum(points.values()) > 0 and models


def test_a_saved_model_holding_code_is_refused_without_running_it(course, tmp_path):
    folder = _submission(course, tmp_path / "hw", True)
    marker = tmp_path / "ran"
    path = str(marker)  # a closure Keras can store with the layer
    inputs = keras.Input((101, 4))
    touch = keras.layers.Lambda(lambda x: (open(path, "w").close(), x[:, 0, :1])[1])
    keras.Model(inputs, touch(inputs)).save(folder / "q1_best.keras")
    marker.unlink()  # building the model ran its code here, once
    rows = trusted_grade.grade_submission(folder, SOURCES, STUDENT)
    refused = [
        r
        for r in rows
        if r["check"].startswith(("checks.best_model('q1'", "grader_checks.best_model('q1'"))
    ]
    assert refused and not any(r["passed"] for r in refused)
    assert "cannot be loaded" in refused[0]["message"] and not marker.exists()


def _max_points(course: Path) -> dict:
    points = {}
    for path in SOURCES:
        for cell in release.course_notebook(path).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                points[(path.stem, meta["grade_id"])] = meta["points"]
    return points


@pytest.mark.parametrize(
    "attack, into",
    [
        (PATCH_CHECKS_CLASS, "models.py"),
        (PATCH_CHECKS_SETATTR, "models.py"),
        (PATCH_CHECKS_SETATTR, "interpret.py"),
        (PATCH_BUILTINS, "models.py"),
        (PATCH_NUMPY, "motifs.py"),
        (LYING_RETURNS, "models.py"),
        (LYING_ARRAYS, "interpret.py"),
    ],
    ids=[
        "checks-class",
        "checks-setattr",
        "checks-setattr-late",
        "builtins",
        "numpy",
        "eq",
        "ndarray",
    ],
)
def test_an_attack_on_the_grading_earns_only_the_data_checks(course, tmp_path, attack, into):
    """With nothing implemented, an attack earns no point but the data checks' (the id is
    right); those are the points of the untouched release with the id filled in."""
    scores = _scores(course, _submission(course, tmp_path / "hw", False, attack, into))
    data_cells = _cells(course, "checks.own_variant")
    earned = {key for key, score in scores.items() if score > 0}
    assert earned == data_cells


def test_answers_hard_coded_for_the_visible_checks_fail_the_hidden_ones(course, tmp_path, honest):
    """consensus answering from a table of the visible checks' inputs (recorded from the
    honest function) passes the visible check and fails the hidden one: the cell scores 0."""
    table = {}

    def record(ppm, min_prob=0.5):
        answer = motifs.consensus(ppm, min_prob=min_prob)
        table[hashlib.sha256(np.asarray(ppm, dtype=np.float64).tobytes()).hexdigest()] = answer
        return answer

    checks.consensus(record)
    attack = f"""
import hashlib as _hashlib
import numpy as _np

_TABLE = {json.dumps(table)}


def consensus(ppm, min_prob=0.5):
    key = _hashlib.sha256(_np.asarray(ppm, dtype=_np.float64).tobytes()).hexdigest()
    return _TABLE.get(key, "")
"""
    scores = _scores(course, _submission(course, tmp_path / "hw", True, attack, "motifs.py"))
    cells = _cells(course, "motifs.consensus")
    assert cells and all(scores[key] == 0 for key in cells)
    assert {k: v for k, v in scores.items() if k not in cells} == {
        k: v for k, v in honest.items() if k not in cells
    }


def test_the_kits_own_implementation_cannot_be_imported(course, tmp_path, honest):
    """A receptive field that imports the kit's (through its editable install) gets 0."""
    submission = _submission(course, tmp_path / "hw", True, KIT_IMPORT, "models.py")
    scores = _scores(course, submission)
    cells = _cells(course, "models.receptive_field")
    assert cells and all(scores[key] == 0 for key in cells)


def test_an_endless_loop_loses_only_its_own_cells(course, tmp_path, honest):
    submission = _submission(course, tmp_path / "hw", True, ENDLESS_ISM, "interpret.py")
    scores = _scores(course, submission, timeout=20.0)
    cells = _cells(course, "interpret.ism")
    assert cells and all(scores[key] == 0 for key in cells)
    assert {k: v for k, v in scores.items() if k not in cells} == {
        k: v for k, v in honest.items() if k not in cells
    }


def test_the_students_process_sees_no_gradebook_and_no_hidden_test(course, tmp_path):
    submission = _submission(course, tmp_path / "hw", False, SNOOP, "motifs.py")
    with trusted_grade.Worker(submission, timeout=60.0) as worker:
        seen = json.loads(trusted_grade.RemoteFunction(worker, "motifs", "consensus")(None))
    text = json.dumps(seen)
    assert "gradebook" not in text and "HIDDEN TESTS" not in text
    assert str(course) not in text and str(ROOT) not in json.dumps(seen["env"])
    assert not any(name.startswith("KIT_") for name in seen["env"])
    assert all(not Path(f).suffix == ".ipynb" for f in seen["files"])


def _tamper(submission: Path) -> None:
    """Every test cell of the submitted notebooks edited, stripped of its nbgrader metadata,
    copied, or deleted (in turn)."""
    for path in submission.glob("q*_*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        tests = [c for c in nb.cells if "checks." in c.source and "own_variant" not in c.source]
        for i, cell in enumerate(tests):
            if i % 3 == 0:
                cell.source = 'print("passed")'
            elif i % 3 == 1:
                cell.metadata.pop("nbgrader", None)
                nb.cells.append(nbformat.from_dict(dict(cell)))
            else:
                nb.cells.remove(cell)
        nbformat.write(nb, path)


@pytest.mark.parametrize("honest_code", [False, True], ids=["nothing-implemented", "honest"])
def test_tampered_test_cells_change_nothing(course, tmp_path, honest, honest_code):
    """The grader takes its checks from the kit's sources, not from the submitted notebooks:
    with every test cell tampered with, a submission gets what its functions earn."""
    submission = _submission(course, tmp_path / "hw", honest_code)
    _tamper(submission)
    scores = _scores(course, submission)
    if honest_code:
        assert scores == honest
    else:
        assert {key for key, s in scores.items() if s > 0} == _cells(course, "checks.own_variant")
