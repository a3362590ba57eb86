"""The comparison page in a real browser (Debian's chromium, headless, driven by Playwright)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "comparison-page.png"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page(live_server: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_default_timeout(30_000)
        page.goto(live_server + "/")
        page.wait_for_selector("tr[data-indicator='village-doctor-licensed-share']")
        page.errors = errors  # type: ignore[attr-defined]
        yield page
        browser.close()


def _cell(page, city: str):  # type: ignore[no-untyped-def]
    return page.locator(
        f"tr[data-indicator='village-doctor-licensed-share'] td[data-city='{city}']"
    )


def test_page_loads_without_console_errors(page) -> None:  # type: ignore[no-untyped-def]
    assert page.errors == []
    assert "城市卫生政策目标比较" in page.title()


def test_page_village_doctor_row_shows_laiyang_50_and_qingdao_60(page) -> None:  # type: ignore[no-untyped-def]
    assert _cell(page, "laiyang").inner_text().startswith("≥ 50%")
    assert _cell(page, "qingdao").inner_text().startswith("≥ 60%")
    assert "2025-12-31" in _cell(page, "qingdao").inner_text()


def test_page_clicking_the_qingdao_cell_highlights_the_quote(page) -> None:  # type: ignore[no-untyped-def]
    _cell(page, "qingdao").click()
    mark = page.locator("#doc-text mark.quote")
    mark.wait_for()
    assert mark.inner_text() == (  # on the clean text: the hard-wrapped 以 / 上 joined
        "乡村医生中具备执业（助理）医师、乡村全科执业助理医师资格人员比例达到60%以上"
    )
    source = page.locator("#detail-source")
    assert source.inner_text().endswith("[5598, 5639)")  # raw offsets, as in the graph
    assert re.fullmatch(r"/id/doc/qingdao-2024-49/target/\d+", source.get_attribute("href") or "")
    page.locator("#task .unit.lead").first.wait_for()
    assert page.locator("#task .unit.lead").first.inner_text() == "市卫生健康委"
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)


@pytest.mark.parametrize(
    ("path", "rendered"), [("/docs", ".swagger-ui .info .title"), ("/redoc", "redoc h1")]
)
def test_page_api_docs_render_with_every_other_host_unreachable(  # type: ignore[no-untyped-def]
    page, live_server: str, path: str, rendered: str
) -> None:
    docs = page.context.browser.new_page()
    outside: list[str] = []

    def only_this_server(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.resource_type)
            route.abort()

    docs.route("**/*", only_this_server)
    docs.goto(live_server + path)
    docs.wait_for_selector(rendered)
    assert "policy-kg" in docs.locator(rendered).first.inner_text()
    docs.close()
    assert set(outside) <= {"image"}  # ReDoc's "powered by" logo is an image on its CDN


def test_page_sparql_box_returns_rows(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#run")
    page.wait_for_function("document.querySelectorAll('#sparql-results tbody tr').length > 0")
    assert page.locator("#sparql-results tbody tr").count() == 2
    assert page.errors == []


def test_page_picks_jurisdictions_by_pinyin_and_keeps_them_in_the_address(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#chosen .chip[data-city='xiamen'] button[aria-label='remove xiamen']").click()
    page.wait_for_function("!document.querySelector(\"#chosen .chip[data-city='xiamen']\")")
    assert page.locator("#matrix thead th[data-city='xiamen']").count() == 0
    page.fill("#j-search", "xm")
    page.locator("#j-results li[data-city='xiamen']").click()
    page.locator("#matrix thead th[data-city='xiamen']").wait_for()
    assert "j=" in page.url and "xiamen" in page.url
    assert page.errors == []


def test_page_pages_through_indicators(page) -> None:  # type: ignore[no-untyped-def]
    first = page.locator("#page-info").inner_text()
    assert first.startswith("指标 indicators 1–50 /")
    page.click("#next")
    page.wait_for_function("document.querySelector('#page-info').textContent.includes('51–')")
    assert "offset=50" in page.url
    page.click("#prev")
    page.wait_for_function("document.querySelector('#page-info').textContent.includes(' 1–50')")
    assert page.errors == []
