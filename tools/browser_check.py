"""Load every page of a static site in headless Chromium, as a reader offline would.

The site is served from 127.0.0.1 on a free port for the duration of the check. Debian's
``chromium`` is driven with Playwright (no browser download). For each page it records the
console errors (``console.error`` and browser log errors such as a failed resource), uncaught
exceptions, failed requests, every request that left the local server, every response with
an HTTP error, the natural width of every image and the local links, and saves a full-page
screenshot.

Other tests can share the set-up: ``browser()`` yields a Playwright ``Browser`` launched the
same way, and ``screenshot(url, path)`` photographs one page.

Usage: ``python -m tools.browser_check SITE_DIR SCREENSHOT_DIR``: prints one line per page,
exits with status 1 if any page has a problem. ``SCREENSHOT_DIR/index.png`` is the picture
of the index page.
"""

import argparse
import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's package: `apt-get install chromium`
ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling home, which floods a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTH, HEIGHT, MAX_HEIGHT = 1280, 900, 16384  # viewport, and the tallest screenshot taken
TIMEOUT_MS = 30_000  # for Chromium to start and for a page to load
SETTLE_MS = 300  # after the load event, so that late errors surface

PAGE_STATE = """() => ({
  images: Array.from(document.images, i => [(i.getAttribute("src") || "").slice(0, 80),
                                            i.naturalWidth]),
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


@contextmanager
def browser() -> Iterator[Browser]:
    """A headless Debian Chromium driven by Playwright, closed on leaving the block."""
    if not Path(CHROMIUM).is_file():
        raise ValueError(f"{CHROMIUM} not found: install Debian's chromium package")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _photograph(page: Page, path: Path) -> None:
    """Save a full-page PNG of ``page`` (at most MAX_HEIGHT pixels tall) to ``path``."""
    width, height = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    clip = {"x": 0, "y": 0, "width": width, "height": MAX_HEIGHT} if height > MAX_HEIGHT else None
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, full_page=True, clip=clip)


def screenshot(
    url: str,
    path: str | Path,
    width: int = WIDTH,
    height: int = HEIGHT,
    chromium: Browser | None = None,
) -> None:
    """Load ``url`` in a ``width`` x ``height`` viewport and save a full-page PNG to ``path``.

    Pass ``chromium`` (from ``browser()``) to reuse a running browser; otherwise one is started.
    """
    if chromium is None:
        with browser() as chromium:
            return screenshot(url, path, width, height, chromium)
    page = chromium.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        _photograph(page, Path(path))
    finally:
        page.close()


@dataclass
class PageReport:
    """What loading one page showed."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    images: list[tuple[str, int]] = field(default_factory=list)  # (src, naturalWidth)
    links: list[str] = field(default_factory=list)
    maths: list[str] = field(default_factory=list)  # CSS display of each <math> element

    def problems(self) -> list[str]:
        """Every problem found on the page (empty when it loaded cleanly)."""
        return [
            *(f"console error: {e}" for e in self.console_errors),
            *(f"uncaught error: {e}" for e in self.page_errors),
            *(f"request failed: {r}" for r in self.failed_requests),
            *(f"request outside the site: {u}" for u in self.external_requests),
            *(f"HTTP error: {e}" for e in self.http_errors),
            *(f"image did not load: {src}" for src, width in self.images if width <= 0),
            *(f"MathML laid out as {d!r}, not as maths" for d in set(self.maths) - {"math"}),
        ]


def check_page(chromium: Browser, url: str, shot: Path) -> PageReport:
    """Load ``url`` in a fresh page, report what happened and save a screenshot to ``shot``."""
    base = url.rsplit("/", 1)[0] + "/"
    report = PageReport(url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            report.console_errors.append(message.text)

    def on_request(request: Request) -> None:
        if not request.url.startswith((base, "data:")):
            report.external_requests.append(request.url)

    def on_request_failed(request: Request) -> None:
        report.failed_requests.append(f"{request.url} ({request.failure})")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            report.http_errors.append(f"{response.status} {response.url}")

    handlers = {
        "console": on_console,
        "pageerror": lambda error: report.page_errors.append(str(error)),
        "request": on_request,
        "requestfailed": on_request_failed,
        "response": on_response,
    }
    page = chromium.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        for event, handler in handlers.items():
            page.on(event, handler)
        page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_timeout(SETTLE_MS)
        state = page.evaluate(PAGE_STATE)
        report.images = [(src, width) for src, width in state["images"]]
        report.links, report.maths = state["links"], state["maths"]
        _photograph(page, shot)
    finally:
        for event, handler in handlers.items():  # closing the page is not the page's fault
            page.remove_listener(event, handler)
        page.close()
    return report


def check_site(site: Path, screenshots: Path) -> list[PageReport]:
    """Serve ``site``, load each of its HTML pages (index first) and screenshot each."""
    pages = sorted(site.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
    with serve(site) as base, browser() as chromium:
        return [
            check_page(chromium, base + page.name, screenshots / f"{page.stem}.png")
            for page in pages
        ]


def main() -> None:
    """Command line: ``python -m tools.browser_check SITE_DIR SCREENSHOT_DIR``."""
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
