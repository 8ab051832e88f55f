"""The student's real client: JupyterLab on the release, in headless Chromium (`make lab-test`).

Not collected by `pytest tests` (the file name does not start with ``test_``): it needs
Chromium, which `make lab-test` installs before running it by path.

JupyterLab serves a copy of the release on 127.0.0.1; Playwright opens Q1 and runs all its
cells from the Run menu, as a student would. With the id left empty (and the hwlib a student
completes done, since the data come from their generator), the data check stops the notebook
and asks for it; with an id and the student hwlib, the page shows the first check's
``NotImplementedError`` (the first thing a student must write); with the solutions put back
(hwlib and the notebook's cells) and an id (written to student_id.txt, as `make id` does), Q1
runs to its last cell on that student's variant. The kernel imports the folder's own hwlib
(PYTHONPATH), as the release's own venv would. Screenshots go to ``screenshots/lab_q1_*.png``.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from hwlib import task, variants
from tools import browser_check, release

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "notebooks").glob("q*_*.py"))
TOKEN = "kit-lab-test"
STARTUP_S, RUN_MS = 90, 240_000


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    return release.release(tmp / "release", tmp / "course", SOURCES)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab(folder: Path, port: int) -> subprocess.Popen:
    """JupyterLab on `folder`, its kernels importing the folder's hwlib."""
    command = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={folder}",
        "--ServerApp.open_browser=False",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    # Render every cell (no windowing), so that an early cell's output stays in the page
    # while Run All scrolls to the end.
    settings = folder / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    command.append(f"--LabApp.user_settings_dir={folder / '.jupyter' / 'lab' / 'user-settings'}")
    env = os.environ | {"PYTHONPATH": str(folder), "JUPYTER_CONFIG_DIR": str(folder / ".jupyter")}
    server = subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError(f"JupyterLab did not start on port {port} within {STARTUP_S} s")


def _wait_for_idle_kernel(port: int) -> None:
    """Wait until the server has started the notebook's kernel and it is idle."""
    deadline = time.monotonic() + RUN_MS / 1000
    url = f"http://127.0.0.1:{port}/api/kernels?token={TOKEN}"
    while time.monotonic() < deadline:
        kernels = json.loads(urllib.request.urlopen(url, timeout=5).read())
        if kernels and all(k["execution_state"] == "idle" for k in kernels):
            return
        time.sleep(0.5)
    raise RuntimeError(f"no idle kernel on port {port} after {RUN_MS // 1000} s")


def _run_q1(folder: Path, shot: Path, wait_for: str) -> str:
    """Open Q1 in JupyterLab, run all cells, wait until `wait_for` shows in an output; return
    the text of every output area then."""
    port = _free_port()
    server = _lab(folder, port)
    try:
        with browser_check.browser() as chromium:
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/lab/tree/q1_parameters.ipynb?token={TOKEN}")
            page.locator(".jp-Notebook").first.wait_for(timeout=RUN_MS)
            _wait_for_idle_kernel(port)
            page.get_by_text("Python (hwlib course kit) | Idle").first.wait_for(timeout=RUN_MS)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            shown = page.locator(".jp-OutputArea-output", has_text=wait_for).first
            try:
                shown.wait_for(timeout=RUN_MS)
            except PlaywrightError:
                page.screenshot(path=shot.with_name(f"{shot.stem}_failed.png"))
                raise
            outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
            shot.parent.mkdir(parents=True, exist_ok=True)
            shown.scroll_into_view_if_needed()
            page.screenshot(path=shot)
            return "\n".join(outputs)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _solution_hwlib(folder: Path) -> None:
    """Put the kit's hwlib (what students write, done) into a copy of the release."""
    for path in (ROOT / "hwlib").glob("*.py"):
        if path.name not in release.KIT_ONLY or path.name in release.SOLUTION_MODULES:
            shutil.copy2(path, folder / "hwlib" / path.name)


def test_with_the_id_left_empty_the_release_stops_at_the_data_check(released, tmp_path):
    folder = tmp_path / "empty"
    shutil.copytree(released, folder)
    _solution_hwlib(folder)  # the data come from the student's generator
    text = _run_q1(folder, ROOT / "screenshots" / "lab_q1_empty_id.png", "STUDENT_ID is empty")
    assert "NotImplementedError" not in text


def test_the_student_release_stops_at_the_first_todo(released, tmp_path):
    folder = tmp_path / "student"
    shutil.copytree(released, folder)
    task.write_student_id("ada", folder)
    text = _run_q1(folder, ROOT / "screenshots" / "lab_q1_student.png", "NotImplementedError")
    assert "implement hwlib.simulate.single_motif_arrays " in text
    assert "as specified" not in text


def test_with_the_solutions_and_an_id_q1_runs_to_its_end(released, tmp_path):
    folder = tmp_path / "ada"
    shutil.copytree(released, folder)
    _solution_hwlib(folder)
    course = released.parent / "course" / "source" / release.ASSIGNMENT
    shutil.copy2(course / "q1_parameters.ipynb", folder)
    task.write_student_id("ada", folder)
    # The last code cell's output: the runs' summary next to the two ceilings.
    text = _run_q1(folder, ROOT / "screenshots" / "lab_q1_ada.png", "presence_roc_auc")
    variant = variants.variant("ada")
    assert f"student ada: motif A {variant.motif_a}" in text
    assert "the builder matches a numpy forward pass" in text
    assert "parameter counts as expected" in text
    assert "Error" not in text and "does not hold" not in text
