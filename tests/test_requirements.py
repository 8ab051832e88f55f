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
