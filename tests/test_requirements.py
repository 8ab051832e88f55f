"""requirements.txt: every line pinned, and one TensorFlow wheel per supported platform.

No network: the markers are evaluated here; `make check-platforms` resolves the whole file.
"""

from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
TENSORFLOWS = {"tensorflow", "tensorflow-cpu"}
# (sys_platform, platform_system, os_name, platform_machine) of each supported platform.
PLATFORMS = {
    "linux-x86_64": ("linux", "Linux", "posix", "x86_64"),
    "darwin-arm64": ("darwin", "Darwin", "posix", "arm64"),
    "linux-aarch64": ("linux", "Linux", "posix", "aarch64"),
}
PYTHONS = ("3.11.5", "3.12.0", "3.13.0")


def _requirements() -> list[Requirement]:
    """Every requirement in requirements.txt (comments and blank lines dropped)."""
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    stripped = (line.split("#", 1)[0].strip() for line in lines)
    return [Requirement(line) for line in stripped if line]


def _environment(platform: str, python: str) -> dict[str, str]:
    """A complete PEP 508 marker environment for a CPython on ``platform``."""
    sys_platform, system, os_name, machine = PLATFORMS[platform]
    return {
        "implementation_name": "cpython",
        "implementation_version": python,
        "os_name": os_name,
        "platform_machine": machine,
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_system": system,
        "platform_version": "",
        "python_full_version": python,
        "python_version": ".".join(python.split(".")[:2]),
        "sys_platform": sys_platform,
        "extra": "",
    }


def test_every_line_is_pinned_once() -> None:
    requirements = _requirements()
    for req in requirements:
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{req} is not pinned with =="
        assert "*" not in specs[0].version and not req.url and not req.extras, str(req)
    keys = [(canonicalize_name(req.name), str(req.marker)) for req in requirements]
    assert len(keys) == len(set(keys)), "a package is pinned twice under the same marker"


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_exactly_one_tensorflow(platform: str, python: str) -> None:
    env = _environment(platform, python)
    chosen = [
        req
        for req in _requirements()
        if canonicalize_name(req.name) in TENSORFLOWS
        and (req.marker is None or req.marker.evaluate(env))
    ]
    assert len(chosen) == 1, f"{platform} Python {python}: {[str(r) for r in chosen]}"
    # Linux x86-64 keeps the CPU-only wheel the kit's committed results were computed with.
    expected = "tensorflow-cpu" if platform == "linux-x86_64" else "tensorflow"
    assert canonicalize_name(chosen[0].name) == expected
    assert str(chosen[0].specifier) == "==2.21.0"


def _pins(path: Path) -> dict[str, str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    pins = [Requirement(line) for line in lines if line]
    return {canonicalize_name(r.name): str(r.specifier) for r in pins}


STUDENTS = ROOT / "tools" / "student_files" / "requirements.txt"


def test_the_students_pins_are_the_kits_own_and_only_what_students_run() -> None:
    kit, students = _pins(ROOT / "requirements.txt"), _pins(STUDENTS)
    assert {n: v for n, v in students.items() if kit.get(n) != v} == {}, "not the kit's pin"
    for tool in ("nbgrader", "playwright", "pytest", "nbval", "ruff", "jupytext", "uv"):
        assert tool not in students, f"students do not run {tool}"
    for needed in ("keras", "numpy", "scikit-learn", "logomaker", "memelite", "jupyterlab"):
        assert needed in students, f"the handout needs {needed}"
    assert {"tensorflow", "tensorflow-cpu"} <= set(students)


def test_student_pins_drop_windows_only_lines_and_setuptools() -> None:
    from tools.student_requirements import student_pins

    compiled = "\n".join(
        [
            "colorama==0.4.6 ; sys_platform == 'win32'",
            "pywinpty==3.1.2 ; os_name == 'nt'",
            "setuptools==84.2.1",
            "appnope==1.0.0 ; sys_platform == 'darwin'",
            "numpy==2.3.5",
        ]
    )
    assert student_pins(compiled) == ["appnope==1.0.0 ; sys_platform == 'darwin'", "numpy==2.3.5"]
