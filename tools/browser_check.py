"""Load every page of a static site in headless Chromium, as a reader offline would.

The site is served from 127.0.0.1 on a free port for the duration of the check. Chromium
(Debian's ``chromium``) is driven over the DevTools protocol with ``websocket-client``, so no
WebDriver is needed. For each page it records the console errors (``console.error``,
uncaught exceptions and browser log errors such as a failed resource), every request that
left the local server, every response with an HTTP error, the natural width of every image
and the local links, and saves a full-page screenshot.

Usage: ``python tools/browser_check.py SITE_DIR SCREENSHOT_DIR``: prints one line per page,
exits with status 1 if any page has a problem. ``SCREENSHOT_DIR/index.png`` is the picture
of the index page.
"""

import argparse
import base64
import functools
import json
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import websocket

WIDTH, HEIGHT, MAX_HEIGHT = 1280, 900, 16384  # viewport, and the tallest screenshot taken
TIMEOUT = 30.0  # seconds for Chromium to start and for a page to load

PAGE_STATE = """JSON.stringify({
  images: Array.from(document.images, i => [i.getAttribute("src").slice(0, 80), i.naturalWidth]),
  links: Array.from(document.querySelectorAll("a[href]"), a => a.href),
  maths: Array.from(document.getElementsByTagName("math"), m => getComputedStyle(m).display),
})"""


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        """Drop the access log."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) while in the block; yield its base URL."""
    if not (folder / "index.html").is_file():
        raise ValueError(f"{folder} has no index.html: run `make site` first")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Chromium:
    """A headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, executable: str = "chromium") -> None:
        """Start Chromium with a throw-away profile and connect to its page."""
        path = shutil.which(executable)
        if path is None:
            raise ValueError(f"{executable!r} not found: install Debian's chromium package")
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-")
        self._process = subprocess.Popen(
            [
                path,
                "--headless=new",
                "--no-sandbox",  # we run as root
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self._profile.name}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._id = 0
        self.events: list[dict[str, Any]] = []
        try:
            port = self._devtools_port()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
                targets = json.load(response)
            page = next(t for t in targets if t["type"] == "page")
            self._socket = websocket.create_connection(
                page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True
            )
            for domain in ("Page", "Runtime", "Log", "Network"):
                self.send(f"{domain}.enable")
            self.send(
                "Emulation.setDeviceMetricsOverride",
                width=WIDTH,
                height=HEIGHT,
                deviceScaleFactor=1,
                mobile=False,
            )
        except BaseException:
            self.close()
            raise

    def _devtools_port(self) -> int:
        """The DevTools port Chromium chose, read from its profile once it is listening."""
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"chromium exited with status {self._process.returncode}")
            lines = port_file.read_text().splitlines() if port_file.exists() else []
            if lines and lines[0].isdigit():
                return int(lines[0])
            time.sleep(0.1)
        raise TimeoutError(f"chromium did not open its DevTools port within {TIMEOUT} s")

    def _receive(self) -> dict[str, Any]:
        """The next message from Chromium; events are also kept in ``self.events``."""
        message = json.loads(self._socket.recv())
        if "method" in message:
            self.events.append(message)
        return message

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Call a DevTools method and return its result (RuntimeError on a protocol error)."""
        self._id += 1
        self._socket.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, method: str) -> dict[str, Any]:
        """Wait for the next event named ``method`` and return its parameters."""
        start = len(self.events)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for event in self.events[start:]:
                if event["method"] == method:
                    return event["params"]
            start = len(self.events)
            self._receive()
        raise TimeoutError(f"no {method} within {TIMEOUT} s")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} raised {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        """Stop Chromium and remove its profile."""
        if getattr(self, "_socket", None) is not None:
            self._socket.close()
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._profile.cleanup()

    def __enter__(self) -> "Chromium":
        """Use as a context manager."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop Chromium on leaving the block."""
        self.close()


@dataclass
class PageReport:
    """What loading one page showed."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    images: list[tuple[str, int]] = field(default_factory=list)  # (src, naturalWidth)
    links: list[str] = field(default_factory=list)
    maths: list[str] = field(default_factory=list)  # CSS display of each <math> element

    def problems(self) -> list[str]:
        """Every problem found on the page (empty when it loaded cleanly)."""
        return [
            *(f"console error: {e}" for e in self.console_errors),
            *(f"request outside the site: {u}" for u in self.external_requests),
            *(f"HTTP error: {e}" for e in self.http_errors),
            *(f"image did not load: {src}" for src, width in self.images if width <= 0),
            *(f"MathML laid out as {d!r}, not as maths" for d in set(self.maths) - {"math"}),
        ]


def _console_error(event: dict[str, Any]) -> str | None:
    """The text of an event that is a console error, else None."""
    method, params = event["method"], event["params"]
    if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
        return " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
    if method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        return details.get("exception", {}).get("description", details["text"])
    if method == "Log.entryAdded" and params["entry"]["level"] == "error":
        return f"{params['entry']['text']} ({params['entry'].get('url', '')})"
    return None


def check_page(browser: Chromium, url: str, screenshot: Path) -> PageReport:
    """Load ``url``, report what happened and save a full-page screenshot to ``screenshot``."""
    base = url.rsplit("/", 1)[0] + "/"
    browser.events.clear()
    browser.send("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    browser.evaluate("new Promise(done => setTimeout(done, 300))")  # late errors surface
    state = json.loads(browser.evaluate(PAGE_STATE))
    images = [tuple(i) for i in state["images"]]
    report = PageReport(url, images=images, links=state["links"], maths=state["maths"])
    for event in browser.events:
        text = _console_error(event)
        if text is not None:
            report.console_errors.append(text)
        params = event["params"]
        if event["method"] == "Network.requestWillBeSent":
            target = params["request"]["url"]
            if not target.startswith((base, "data:")):
                report.external_requests.append(target)
        elif event["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
            report.http_errors.append(f"{params['response']['status']} {params['response']['url']}")
    size = browser.send("Page.getLayoutMetrics")["cssContentSize"]
    shot = browser.send(
        "Page.captureScreenshot",
        format="png",
        captureBeyondViewport=True,
        clip={
            "x": 0,
            "y": 0,
            "width": max(size["width"], WIDTH),
            "height": min(size["height"], MAX_HEIGHT),
            "scale": 1,
        },
    )
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    screenshot.write_bytes(base64.b64decode(shot["data"]))
    return report


def check_site(site: Path, screenshots: Path) -> list[PageReport]:
    """Serve ``site``, load each of its HTML pages (index first) and screenshot each."""
    pages = sorted(site.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
    with serve(site) as base, Chromium() as browser:
        return [
            check_page(browser, base + page.name, screenshots / f"{page.stem}.png")
            for page in pages
        ]


def main() -> None:
    """Command line: ``python tools/browser_check.py SITE_DIR SCREENSHOT_DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the folder `make site` wrote")
    parser.add_argument("screenshots", type=Path, help="folder for the PNG screenshots")
    args = parser.parse_args()
    try:
        reports = check_site(args.site, args.screenshots)
    except ValueError as error:
        raise SystemExit(f"browser_check: {error}") from error
    for report in reports:
        problems = report.problems()
        print(f"{report.url}: {len(report.images)} images, " + ("; ".join(problems) or "ok"))
    if any(r.problems() for r in reports):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
