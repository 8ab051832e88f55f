"""Trusted grading: the autograded tests' points, decided by a process that runs no student code.

Each autograded cell of the kit's notebook sources calls checks on student functions
(``checks.ism(interpret.ism)``, and hidden, ``grader_checks.ism(interpret.ism, seed=6)``,
which are only in the sources, not in the course). Here those calls run in the grader's
process with `hwlib.grader_checks` (the independent computations: loops, finite
differences, Keras's count), and each student function is a `RemoteFunction`: a call sends
its arguments to a worker process (`tools.grade_worker`) that imports the submission's hwlib
in a scratch folder, and gets back only plain data: JSON, ``.npy`` arrays loaded without
pickle, Keras models loaded in safe mode. So a submission can change what its functions
return, but not the checks, `numpy`, `builtins` or the comparison. A call that takes longer
than `timeout` seconds kills the worker and fails that check.

`checks.own_variant` (the data are the graded student's) is judged without running the
notebook: the submission's ``student_id.txt``, which the notebooks read their id from, must
hold the graded id (the data are generated from it by given code, which nbgrader restores).

A cell gets its points when every check in it passes (public and hidden), as in nbgrader.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import keras
import numpy as np

from hwlib import grader_checks, task, variants
from tools import release

WORKER = Path(__file__).with_name("grade_worker.py")
# The checks that grade a saved model (`models.save_best`) rather than a student function.
SAVED_MODEL_CHECKS = ("best_model", "sees_grammar")
STARTUP_TIMEOUT = 180.0  # importing TensorFlow and the student's modules on a loaded machine


class RemoteError(AssertionError):
    """A student function raised, timed out, or returned what the grader cannot take."""


class Worker:
    """A worker process serving one submission's hwlib (a folder holding ``hwlib/``); it
    imports `modules` (names in hwlib) before its first call. A function that timed out or
    stopped the worker is not called again, and a worker that cannot start is not started
    again: each fails at once, so that one broken submission costs minutes, not hours."""

    def __init__(self, submission: Path, timeout: float, modules: tuple[str, ...] = ()) -> None:
        if not (submission / "hwlib").is_dir():
            raise ValueError(f"{submission} has no hwlib/ folder to grade")
        if timeout <= 0:
            raise ValueError(f"timeout must be positive seconds, got {timeout}")
        self.submission, self.timeout, self.modules = submission, timeout, modules
        self.process: subprocess.Popen | None = None
        self.count = 0
        self.broken = ""
        self.failed: dict[str, str] = {}

    def start(self) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="grading-"))
        self.exchange = self.scratch / "exchange"
        work = self.scratch / "work"
        self.exchange.mkdir()
        shutil.copytree(self.submission / "hwlib", work / "hwlib")
        env = {
            "PATH": f"/usr/bin{os.pathsep}/bin",  # not the venv's folder: it names the kit's
            "HOME": str(self.scratch),
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "CUDA_VISIBLE_DEVICES": "",
            "PYTHONHASHSEED": "0",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER.read_text(), str(self.exchange), ",".join(self.modules)],
            cwd=work,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        try:
            self._wait(self.exchange / "ready", STARTUP_TIMEOUT, "the submission's hwlib to import")
        except RemoteError as error:
            self.broken = str(error)
            raise

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None
            shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _wait(self, path: Path, timeout: float, what: str) -> None:
        end = time.monotonic() + timeout
        while not path.exists():
            if self.process.poll() is not None:
                self.stop()
                raise RemoteError(f"the worker stopped while waiting for {what}")
            if time.monotonic() > end:
                self.stop()
                raise RemoteError(f"timed out after {timeout:g} s waiting for {what}")
            time.sleep(0.02)

    def call(self, module: str, function: str, args: tuple, kwargs: dict) -> tuple:
        """`hwlib.<module>.<function>(*args, **kwargs)` in the worker: (result, the positional
        arguments after the call)."""
        name = f"{module}.{function}"
        if self.broken or name in self.failed:
            raise RemoteError(f"{name} not called: {self.broken or self.failed[name]}")
        if self.process is None:
            self.start()
        self.count += 1
        request = {
            "id": self.count,
            "module": module,
            "function": function,
            "args": [self._encode(a) for a in args],
            "kwargs": {k: self._encode(v) for k, v in kwargs.items()},
        }
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self.stop()
            raise RemoteError(f"{module}.{function}: the worker had stopped") from None
        reply_path = self.exchange / f"reply-{self.count}.json"
        try:
            self._wait(reply_path, self.timeout, name)
        except RemoteError as error:
            self.failed[name] = str(error)
            raise
        reply = json.loads(reply_path.read_text())
        if not reply.get("ok"):
            raise RemoteError(f"{module}.{function} raised {reply.get('error', '')}")
        return self._decode(reply["result"]), [self._decode(a) for a in reply["args_after"]]

    def _encode(self, value: object) -> object:
        """Arguments as the worker reads them (the grader's own values: no checks needed)."""
        if isinstance(value, keras.Model):
            name = f"g{self.count}-{id(value)}.keras"
            value.save(self.exchange / name)
            return {"__model__": name}
        if isinstance(value, np.ndarray):
            name = f"g{self.count}-{id(value)}.npy"
            np.save(self.exchange / name, value, allow_pickle=False)
            return {"__array__": name}
        if isinstance(value, tuple):
            return {"__tuple__": [self._encode(v) for v in value]}
        if isinstance(value, list):
            return [self._encode(v) for v in value]
        if isinstance(value, np.generic):
            return value.item()
        return value

    def _decode(self, value: object) -> object:
        """A worker's value as plain data; anything else is the student's error."""
        if value is None or type(value) in (bool, int, float, str):
            return value
        if type(value) is list:
            return [self._decode(v) for v in value]
        if type(value) is not dict or len(value) != 1:
            raise RemoteError(f"unreadable value from the submission: {str(value)[:80]}")
        ((kind, content),) = value.items()
        if kind == "__tuple__" and type(content) is list:
            return tuple(self._decode(v) for v in content)
        if kind == "__dict__" and type(content) is list:
            pairs = [self._decode(p) for p in content]
            if not all(type(p) is list and len(p) == 2 for p in pairs):
                raise RemoteError("unreadable dict from the submission")
            return {k: v for k, v in pairs}
        if kind in ("__array__", "__model__") and type(content) is str:
            path = (self.exchange / content).resolve()
            if path.parent != self.exchange.resolve() or not path.is_file():
                raise RemoteError(f"the submission named a file outside the exchange: {content}")
            try:
                if kind == "__array__":
                    return np.load(path, allow_pickle=False)
                with warnings.catch_warnings():  # the optimizer's unbuilt slots: not graded
                    warnings.simplefilter("ignore", UserWarning)
                    return keras.saving.load_model(path, safe_mode=True)
            except Exception as error:  # any unreadable file is the student's error
                raise RemoteError(f"unreadable {kind[2:-2]} from the submission: {error}") from None
        raise RemoteError(f"unreadable value from the submission: {str(value)[:80]}")


class RemoteFunction:
    """A student function as the checks see it: called in the worker, plain data back."""

    def __init__(self, worker: Worker, module: str, function: str) -> None:
        self.worker, self.module, self.function = worker, module, function

    def __call__(self, *args: object, **kwargs: object) -> object:
        result, after = self.worker.call(self.module, self.function, args, kwargs)
        for arg, changed in zip(args, after, strict=True):
            if isinstance(arg, np.ndarray) and isinstance(changed, np.ndarray):
                if changed.shape == arg.shape and not np.array_equal(changed, arg):
                    arg[...] = changed  # the check sees what the student's code did to it
        return result


def _check_call(node: ast.AST, where: str) -> ast.Call:
    """The ``checks.NAME(...)`` call of a test cell's statement (bare or inside print; the
    hidden tests call ``grader_checks.NAME``). Both run `hwlib.grader_checks` here."""
    call = node.value if isinstance(node, ast.Expr) else None
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print":
        call = call.args[0] if len(call.args) == 1 else None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id in ("checks", "grader_checks")
    ):
        raise ValueError(f"{where}: a test statement must call checks.<name>(...)")
    return call


def _same_variant(written: str, graded: str) -> bool:
    try:
        return variants.variant(written).student_id == variants.variant(graded).student_id
    except ValueError:
        return False


def run_check(call: ast.Call, worker: Worker, graded: str) -> str:
    """Run one ``checks.NAME(...)`` call of a test cell; its summary, or AssertionError."""
    name = call.func.attr
    if name in SAVED_MODEL_CHECKS:  # a saved model, loaded in safe mode, on the graded
        args = [ast.literal_eval(a) for a in call.args]  # variant's fresh hidden data
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        with task.using(graded):
            return getattr(grader_checks, name)(*args, **kwargs, folder=worker.submission)
    if name == "own_variant":
        try:
            written = task.student_id(worker.submission)
        except ValueError as error:
            raise AssertionError(str(error)) from None
        assert _same_variant(written, graded), (
            f"graded as {graded!r}, but the submission's {task.ID_FILE} holds {written!r}"
        )
        return f"{task.ID_FILE} holds {graded!r}"
    check: Callable = getattr(grader_checks, name)
    args = []
    for arg in call.args:
        if not (isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name)):
            raise ValueError(f"checks.{name}: arguments must be module.function")
        args.append(RemoteFunction(worker, arg.value.id, arg.attr))
    kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    return check(*args, **kwargs)


def test_calls(sources: list[Path]) -> list[tuple[str, dict, ast.Call]]:
    """(notebook stem, the cell's nbgrader metadata, call) for every check call of every
    autograded cell of the notebook `sources`, hidden tests included."""
    calls = []
    for path in sorted(sources):
        for cell in release.course_notebook(path, hidden=True).cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade") or meta.get("solution"):
                continue
            for node in ast.parse(cell.source).body:
                if not isinstance(node, ast.ImportFrom):  # the hidden tests' grader_checks
                    calls.append((path.stem, meta, _check_call(node, meta["grade_id"])))
    return calls


def grade_submission(
    submission: Path, sources: list[Path], graded: str, timeout: float = 60.0
) -> list[dict]:
    """Grade the autograded cells of the notebook `sources` (the kit's jupytext files, hidden
    tests included) against `submission` (a folder with the student's hwlib/ and notebooks),
    graded as student id `graded`. Once a check of a cell fails, the cell's later checks are
    not run (the cell has lost its points). One dict per check: notebook, grade_id, points
    (the cell's), check (its text), passed, message."""
    calls = test_calls(sources)
    modules = {a.value.id for *_, call in calls for a in call.args if isinstance(a, ast.Attribute)}
    rows, lost = [], set()
    with Worker(submission, timeout, tuple(sorted(modules))) as worker:
        for stem, meta, call in calls:
            row = {"notebook": stem, "grade_id": meta["grade_id"], "points": meta["points"]}
            row["check"] = ast.unparse(call)
            mine = submission / f"{stem}.ipynb"
            try:
                if meta["grade_id"] in lost:
                    raise AssertionError("not run: an earlier check of this cell failed")
                if not mine.exists():
                    raise AssertionError(f"{mine.name} was not submitted")
                message = run_check(call, worker, graded)
                row |= {"passed": True, "message": message}
            except Exception as error:  # every failure loses the check, with its reason
                row |= {"passed": False, "message": f"{type(error).__name__}: {error}"}
                lost.add(meta["grade_id"])
            rows.append(row)
    return rows


def cell_scores(rows: list[dict]) -> dict[tuple[str, str], float]:
    """(notebook, grade_id) -> points: a cell's points when all its checks passed, else 0."""
    scores: dict[tuple[str, str], float] = {}
    for row in rows:
        key = (row["notebook"], row["grade_id"])
        ok = scores.get(key, row["points"]) > 0 and row["passed"]
        scores[key] = float(row["points"]) if ok else 0.0
    return scores
