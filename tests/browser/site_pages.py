"""Headless Chromium reads the built site offline: every page, image and link (`make site-test`).

Not collected by `pytest tests` (the file name does not start with ``test_``): it needs
Chromium and a built ``site/``, which `make site-test` provides before running it by path.
Screenshots of every page go to ``screenshots/``.
"""

from pathlib import Path

import pytest

from tools import browser_check as browser

ROOT = Path(__file__).resolve().parents[2]
SITE, SCREENSHOTS = ROOT / "site", ROOT / "screenshots"


@pytest.fixture(scope="module")
def reports():
    """One load of every page of site/, index first."""
    return browser.check_site(SITE, SCREENSHOTS)


def test_every_page_is_loaded_and_photographed(reports):
    pages = sorted(p.name for p in SITE.glob("*.html"))
    built = sorted(f"{p.stem}.html" for p in (ROOT / "notebooks").glob("q[1-6]_*.ipynb"))
    assert pages == sorted(["index.html", *built])
    assert [r.url.rsplit("/", 1)[1] for r in reports] == ["index.html", *sorted(built)]
    for page in pages:
        assert (SCREENSHOTS / page.replace(".html", ".png")).stat().st_size > 0


def test_pages_load_cleanly_offline(reports):
    problems = {r.url: r.problems() for r in reports if r.problems()}
    assert not problems


def test_the_index_shows_a_figure_and_its_links_resolve(reports):
    index = reports[0]
    assert index.images and all(width > 0 for _, width in index.images)
    base = index.url.rsplit("/", 1)[0] + "/"
    local = [link for link in index.links if link.startswith(base)]
    assert local, "the index links no page"
    missing = [link for link in local if not (SITE / link.removeprefix(base)).is_file()]
    assert not missing


def test_the_notebooks_show_their_maths_as_mathml(reports):
    maths = {r.url.rsplit("/", 1)[1]: r.maths for r in reports[1:]}
    assert all(maths.values()), f"pages without formulas: {[p for p, m in maths.items() if not m]}"


def test_the_check_sees_a_broken_page(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>'
        '<img src="missing.png" alt="gone"><math style="display: inline">x</math>'
        '<script src="http://cdn.invalid/lib.js"></script>'
        '<script>console.error("boom")</script></body></html>'
    )
    (report,) = browser.check_site(tmp_path, tmp_path / "shots")
    problems = "\n".join(report.problems())
    assert "image did not load: missing.png" in problems
    assert "request outside the site: http://cdn.invalid/lib.js" in problems
    assert "console error: boom" in problems
    assert "HTTP error: 404" in problems
    assert "MathML laid out as 'inline', not as maths" in problems
