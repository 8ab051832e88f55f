"""The students' pins: what the handout runs, and no more (`make student-requirements`).

Students run the notebooks, their hwlib and `make submission`; they do not run nbgrader,
Playwright, pytest, nbval, ruff, jupytext or uv. `STUDENT_PACKAGES` names what they import
or open; uv resolves it for every platform (``--universal``) with the kit's requirements.txt
as constraints, so every student pin is the kit's own pin. Lines only Windows needs are
dropped (students on Windows work in WSL2), and setuptools stays unpinned as in the kit's
file. The result, tools/student_files/requirements.txt, is what `make release` hands out;
`make check-platforms` resolves it for every supported platform and Python.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement

from tools.check_platforms import find_uv

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tools" / "student_files" / "requirements.txt"
# Besides TensorFlow, whose wheel per platform the kit's own pins choose (`tensorflow_pins`).
STUDENT_PACKAGES = (
    "keras",
    "numpy",
    "scipy",
    "pandas",
    "matplotlib",
    "scikit-learn",
    "joblib",
    "logomaker",
    "memelite",
    "pyjaspar",
    "nbformat",
    "ipykernel",
    "jupyterlab",
)
HEADER = """\
# The students' pins, a subset of the kit's requirements.txt (same versions), written by
# `make student-requirements` (tools/student_requirements.py); do not edit by hand.
"""


def tensorflow_pins(requirements: Path) -> list[str]:
    """The kit's TensorFlow lines (tensorflow or tensorflow-cpu, each with its platform
    marker), as requirements.txt has them."""
    lines = (line.split("#", 1)[0].strip() for line in requirements.read_text().splitlines())
    names = {"tensorflow", "tensorflow-cpu"}
    return [line for line in lines if line and Requirement(line).name.lower() in names]


def windows_only(requirement: Requirement) -> bool:
    """True for a pin whose marker holds only on Windows (sys_platform win32, os_name nt)."""
    if requirement.marker is None:
        return False
    systems = {
        "linux": ("Linux", "posix"),
        "darwin": ("Darwin", "posix"),
        "win32": ("Windows", "nt"),
    }
    holds = {
        platform
        for platform, (system, os_name) in systems.items()
        for machine in ("x86_64", "aarch64", "arm64", "AMD64")
        if requirement.marker.evaluate(
            {
                "sys_platform": platform,
                "platform_system": system,
                "os_name": os_name,
                "platform_machine": machine,
            }
        )
    }
    return holds == {"win32"}


def student_pins(compiled: str) -> list[str]:
    """uv's universal resolution, without Windows-only pins and setuptools."""
    keep = []
    for line in compiled.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if requirement.name.lower() != "setuptools" and not windows_only(requirement):
            keep.append(line)
    return keep


def main() -> int:
    packages = ROOT / ".scratch" / "student-packages.in"
    packages.parent.mkdir(exist_ok=True)
    wanted = [*tensorflow_pins(ROOT / "requirements.txt"), *STUDENT_PACKAGES]
    packages.write_text("\n".join(wanted) + "\n")
    command = [find_uv(), "pip", "compile", "--universal", "--python-version", "3.11.5"]
    command += ["-c", str(ROOT / "requirements.txt"), str(packages)]
    command += ["--no-header", "--no-annotate", "--quiet"]
    compiled = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    OUT.write_text(HEADER + "\n".join(student_pins(compiled)) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
