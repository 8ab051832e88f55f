"""The untrusted side of trusted grading: runs a student's hwlib functions, returns plain data.

`tools.trusted_grade` starts this file's source with ``python -c`` (so no path of the kit is
named) in a scratch folder holding a copy of one submission's hwlib, with ``sys.argv[1]``
the exchange folder and ``sys.argv[2]`` the hwlib modules to import before the first
request. Each line on stdin is a JSON request ``{"id", "module", "function", "args",
"kwargs"}``; arguments arrive as JSON, with arrays (``{"__array__": name}``, ``.npy``) and
models (``{"__model__": name}``, ``.keras``) as files in the exchange folder. The reply,
``reply-<id>.json``, holds the result encoded the same way and the array arguments as they
are after the call (the checks test that inputs are not modified), or the error's text.

Nothing here is trusted: the grader decodes the reply strictly (JSON, ``.npy`` without
pickle, Keras's safe mode), so whatever this process returns can only be data.
"""

import importlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())  # the submission's hwlib
# The kit's editable install maps `hwlib` to the kit (its solutions); no import reaches it here.
sys.meta_path[:] = [f for f in sys.meta_path if not f.__module__.startswith("__editable__")]

import keras  # noqa: E402
import numpy as np  # noqa: E402

EXCHANGE = Path(sys.argv[1])
COUNTER = iter(range(10**9))


def _file(suffix: str) -> str:
    return f"w{next(COUNTER)}{suffix}"


def encode(value):
    """Plain JSON for `value`; arrays and models go to files in the exchange folder."""
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, keras.Model):
        name = _file(".keras")
        value.save(EXCHANGE / name)
        return {"__model__": name}
    if isinstance(value, (bool, int, float, str, np.generic)):
        return encode(np.asarray(value).item())
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k), encode(v)] for k, v in value.items()]}
    array = np.asarray(value)
    if array.dtype == object:
        raise TypeError(f"cannot return a {type(value).__name__} to the grader")
    name = _file(".npy")
    np.save(EXCHANGE / name, array, allow_pickle=False)
    return {"__array__": name}


def serve() -> None:
    import hwlib

    if not Path(hwlib.__file__).resolve().is_relative_to(Path.cwd().resolve()):
        raise SystemExit(f"hwlib resolved to {hwlib.__file__}, not the submission's")
    from hwlib.checks import load_value  # given, restored by nbgrader

    for module in filter(None, sys.argv[2].split(",")):
        try:
            importlib.import_module(f"hwlib.{module}")
        except Exception:  # a module that does not import fails each call to it, saying why
            pass
    (EXCHANGE / "ready").write_text("ready")
    for line in sys.stdin:
        request = json.loads(line)
        try:
            fn = getattr(importlib.import_module(f"hwlib.{request['module']}"), request["function"])
            args = load_value(request["args"], EXCHANGE)
            kwargs = {k: load_value(v, EXCHANGE) for k, v in request["kwargs"].items()}
            result = fn(*args, **kwargs)
            after = [encode(a) if isinstance(a, np.ndarray) else None for a in args]
            reply = {"ok": True, "result": encode(result), "args_after": after}
        except BaseException as error:  # the grader reports any failure, SystemExit too
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"[:2000]}
        path = EXCHANGE / f"reply-{request['id']}.json"
        path.with_suffix(".tmp").write_text(json.dumps(reply))
        os.replace(path.with_suffix(".tmp"), path)


serve()
