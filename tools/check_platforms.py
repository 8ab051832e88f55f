"""Does requirements.txt install on every supported platform? Checked by resolution only.

For each supported (platform, Python) pair, ``uv pip compile`` resolves the whole file, with
dependencies, as pip would install it there: markers evaluated for that platform, and wheels
only (``--only-binary :all:``), so a pin without a wheel for the target, a conflict between
pins or a Python version a pin does not support makes that target FAIL. uv reads each wheel's
metadata and downloads no wheel: a few seconds a target, and nothing is installed.

A target also fails when the resolution needs a package that requirements.txt does not pin
(it would float to its newest release there), except for ``UNPINNED_OK``.

No package of the set is sdist-only: every pin has a wheel for every target, so nothing is
allow-listed. A new sdist-only pin makes the check fail on purpose: installing it would need a
compiler on the student's machine.

Usage: ``python tools/check_platforms.py [FILE ...]`` (``make check-platforms``: the kit's
requirements.txt and the students', tools/student_files/requirements.txt). It
runs the ``uv`` that requirements.txt installs into the venv, or else the one on ``PATH``.
"""

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# uv's --python-platform names. manylinux_2_28 means glibc 2.28 or newer (Debian 10, Ubuntu
# 20.04, RHEL 8 and later; WSL2's Ubuntu too); uv's macOS default target is macOS 13.
PLATFORMS = ("x86_64-manylinux_2_28", "aarch64-apple-darwin", "aarch64-manylinux_2_28")
# 3.11.5, not 3.11: soupsieve's pin needs Python 3.11.5 or later.
PYTHONS = ("3.11.5", "3.12", "3.13")
# Left unpinned on purpose: a venv brings its own setuptools (3.11) or tensorflow pulls it in.
UNPINNED_OK = frozenset({"setuptools"})


def find_uv() -> str:
    """The path of the ``uv`` executable: the venv's (the pinned one), else ``PATH``'s."""
    try:
        from uv import find_uv_bin
    except ImportError:
        found = shutil.which("uv")
        if found is None:
            raise SystemExit("uv not found: `make venv` installs it, or `pip install uv`") from None
        return found
    return find_uv_bin()


def pinned_names(requirements: Path) -> set[str]:
    """The canonical names of every requirement in the file, whatever its marker."""
    names = set()
    for line in requirements.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(canonicalize_name(Requirement(line).name))
    return names


def resolve(uv: str, requirements: Path, platform: str, python: str) -> tuple[bool, str]:
    """Resolve the file for one target: (True, uv's ``name==version`` lines) or (False, error)."""
    command = [uv, "pip", "compile", str(requirements), "--python-platform", platform]
    command += ["--python-version", python, "--only-binary", ":all:"]
    # No interpreter of the target version is needed (nothing is built): never download one.
    command += ["--no-python-downloads", "--no-header", "--no-annotate", "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode == 0, done.stdout if done.returncode == 0 else done.stderr


def check(uv: str, requirements: Path, platform: str, python: str) -> list[str]:
    """The problems of one target: uv's error, or the unpinned packages it resolved."""
    resolved, output = resolve(uv, requirements, platform, python)
    if not resolved:
        return [line for line in output.splitlines() if line.strip()]
    got = {canonicalize_name(line.split("==")[0]) for line in output.splitlines() if "==" in line}
    unpinned = sorted(got - pinned_names(requirements) - UNPINNED_OK)
    return [f"resolved packages that are not pinned: {', '.join(unpinned)}"] if unpinned else []


def main(argv: list[str] | None = None) -> int:
    """Check every target, print one line each; exit status 1 if any target fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "requirements",
        nargs="*",
        type=Path,
        default=[Path("requirements.txt"), Path("tools/student_files/requirements.txt")],
        help="files to resolve (default: the kit's and the students')",
    )
    args = parser.parse_args(argv)
    uv = find_uv()
    version = subprocess.run([uv, "--version"], capture_output=True, text=True, check=True)
    start, failed = time.perf_counter(), 0
    for requirements in args.requirements:
        print(f"resolving {requirements} with {version.stdout.strip()}, wheels only")
        for platform in PLATFORMS:
            for python in PYTHONS:
                began = time.perf_counter()
                problems = check(uv, requirements, platform, python)
                seconds = time.perf_counter() - began
                status = "FAIL" if problems else "OK"
                print(f"{platform:<24} python {python:<7} {status:<4} {seconds:5.1f} s", flush=True)
                for problem in problems:
                    print(f"    {problem}")
                failed += bool(problems)
    total = len(args.requirements) * len(PLATFORMS) * len(PYTHONS)
    elapsed = time.perf_counter() - start
    print(f"{total - failed}/{total} targets resolve ({elapsed:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
