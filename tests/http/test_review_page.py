"""The review page at `GET /` in a real browser: Debian's chromium driven by Playwright, against
the real app served by uvicorn on a free loopback port (rules backend). Nothing is downloaded:
the browser is /usr/bin/chromium (packages.debian), never a Playwright build.

A screenshot of the page after extracting a seed is kept in tests/artefacts/ (git-ignored).
"""

import csv
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from service.fake.server import listen_on
from service.http.app import create_app
from service.settings import Settings
from service.values.dating.periods import time_columns
from tests.paths import ROOT

_SEED = ROOT / "seeds" / "000_0c4ce29092f07e54.txt"
_ARTEFACTS = ROOT / "tests" / "artefacts"
_CHROMIUM = Path("/usr/bin/chromium")
_CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
_TOKEN = "s3cret-for-the-page"
# Two astral characters (two UTF-16 units each) before the items: UTF-16 slicing would be off.
_ASTRAL = "𠀀😀本报讯 2月18日，我市举办春风行动招聘会，共有120家企业参会，提供岗位3000余个。"
# A story that names its place, so its items have codes.
_PLACED = "永康讯 2024年2月18日，我市举办春风行动招聘会，共有120家企业参会，提供岗位3000余个。"


def _serve(settings: Settings) -> Iterator[str]:
    sock = listen_on(0)
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive(), "uvicorn exited"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(Settings(cache_dir=tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def guarded_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(cache_dir=tmp_path_factory.mktemp("cache"), api_token=_TOKEN)
    yield from _serve(settings)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # No skip without it: `make test` installs it (packages.debian), and a skip would hide that.
    assert _CHROMIUM.exists(), "no /usr/bin/chromium: run make sysdeps"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_CHROMIUM, args=_CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def _api(base: str, text: str, token: str | None = None) -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"text": text, "backend": "rules"}).encode()
    request = urllib.request.Request(f"{base}/v1/extract", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def _items(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Items in the page's order: per article, its statistics and then its events."""
    return [
        item
        for article in document["articles"]
        for item in [*article["statistics"], *article["events"]]
    ]


def _extract(page: Page, base: str, text: str, token: str | None = None) -> None:
    page.goto(f"{base}/")
    page.fill("#text", text)
    page.select_option("#backend", "rules")
    if token:
        page.fill("#token", token)
    page.click("#extract")
    page.wait_for_selector("#result:not([hidden]), #error:not([hidden])")


_HIGHLIGHTS_JS = """() => {
  const texts = {};
  for (const piece of document.querySelectorAll('#highlighted mark[data-item]')) {
    const id = piece.dataset.item;
    texts[id] = (texts[id] || '') + piece.textContent;
  }
  return texts;
}"""


def test_every_item_is_one_highlight_whose_text_is_its_evidence(page: Page, base: str) -> None:
    text = _SEED.read_text(encoding="utf-8")
    status, document = _api(base, text)
    assert status == 200
    items = _items(document)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _extract(page, base, text)
    assert page.is_hidden("#error")
    highlights = page.evaluate(_HIGHLIGHTS_JS)
    assert len(highlights) == len(items) > 20
    assert [highlights[str(i)] for i in range(len(items))] == [i["evidence"] for i in items]
    statistics = sum(len(a["statistics"]) for a in document["articles"])
    assert page.locator("#statistics tbody tr").count() == statistics
    assert page.locator("#events tbody tr").count() == len(items) - statistics
    assert page.locator("[id^=mark-].statistic").count() == statistics
    assert all(url.startswith(f"{base}/") for url in requests), requests  # nothing from elsewhere
    _ARTEFACTS.mkdir(exist_ok=True)
    shot = _ARTEFACTS / "review-page.png"
    page.hover("#mark-2")  # its fields in the tooltip, in the picture
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=shot, full_page=False)
    print(f"screenshot: {shot}")


def test_spans_count_code_points_not_utf16_units(page: Page, base: str) -> None:
    _, document = _api(base, _ASTRAL)
    items = _items(document)
    assert items
    assert items[0]["span"][0] > 2  # the items sit after the astral characters
    _extract(page, base, _ASTRAL)
    highlights = page.evaluate(_HIGHLIGHTS_JS)
    assert [highlights[str(i)] for i in range(len(items))] == [i["evidence"] for i in items]
    assert page.inner_text("#highlighted") == _ASTRAL


def test_clicking_a_row_scrolls_its_mark_into_view_and_flashes_it(page: Page, base: str) -> None:
    _extract(page, base, _SEED.read_text(encoding="utf-8"))
    row = page.locator("#events tbody tr").last
    target = page.locator(f"#mark-{row.get_attribute('data-item')}")
    viewport = page.viewport_size
    assert viewport is not None

    def in_view() -> bool:
        box = target.bounding_box()
        pane = page.locator("#highlighted").bounding_box()
        assert box is not None
        assert pane is not None
        inside_pane = (
            pane["y"] <= box["y"] and box["y"] + box["height"] <= pane["y"] + pane["height"]
        )
        return inside_pane and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]

    assert not in_view()  # the last event is far down the page: the click has to scroll
    row.click()
    page.wait_for_function("document.querySelector('mark.flash') !== null")
    assert in_view()
    assert "flash" in (target.get_attribute("class") or "")
    assert "selected" in (row.get_attribute("class") or "")


def test_hovering_a_highlight_shows_its_fields(page: Page, base: str) -> None:
    _, document = _api(base, _ASTRAL)
    first = document["articles"][0]["statistics"][0]
    _extract(page, base, _ASTRAL)
    page.hover("#mark-0")
    tooltip = page.locator("#tooltip")
    assert tooltip.is_visible()
    assert f"metric: {first['metric']}" in tooltip.inner_text()
    assert f"unit: {first['unit']}" in tooltip.inner_text()


def test_hovering_shows_what_an_analyst_groups_by(page: Page, base: str) -> None:
    _, document = _api(base, _PLACED)
    first = document["articles"][0]["statistics"][0]
    _extract(page, base, _PLACED)
    page.hover("#mark-0")
    tip = page.locator("#tooltip").inner_text()
    assert first["location_code"] == "330784"
    assert f"indicator: {first['indicator']}" in tip
    assert f"location_code: {first['location_code']}" in tip
    columns = time_columns(first["time"])
    assert f"time_start: {columns.start}" in tip
    assert f"time_grain: {columns.grain}" in tip


def test_the_tables_show_indicators_codes_and_time_columns(page: Page, base: str) -> None:
    _, document = _api(base, _PLACED)
    _extract(page, base, _PLACED)
    headers = page.locator("#statistics thead th").all_inner_texts()
    rows = page.locator("#statistics tbody tr")
    for index, statistic in enumerate(document["articles"][0]["statistics"]):
        cells = dict(zip(headers, rows.nth(index).locator("td").all_inner_texts(), strict=True))
        columns = time_columns(statistic["time"])
        assert cells["indicator"] == statistic["indicator"]
        assert cells["code"] == statistic["location_code"]
        assert (cells["from"], cells["to"], cells["grain"]) == (
            columns.start or "—", columns.end or "—", columns.grain,
        )  # fmt: skip
    assert "code" in page.locator("#events thead").inner_text()


_TIMES = ["2024-02", "2023-02", "2023", "2023-04-29", "2023-Q2", "--02-18", None]


def test_the_page_reads_time_columns_as_the_export_does(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    for when in _TIMES:
        expected = time_columns(when)
        read = page.evaluate("(when) => timeColumns(when)", when)
        assert read == [expected.start, expected.end, expected.grain], when


@pytest.mark.parametrize("text", ["", "  \n "], ids=["empty", "blank"])
def test_empty_text_shows_the_services_error_message(page: Page, base: str, text: str) -> None:
    status, refusal = _api(base, text)
    assert status == 422
    _extract(page, base, text)
    assert page.is_visible("#error")
    assert page.inner_text("#error") == f"{refusal['error']['code']}{refusal['error']['message']}"
    assert page.is_hidden("#result")


def test_a_token_typed_into_the_page_is_sent_as_a_bearer_token(
    page: Page, guarded_base: str
) -> None:
    _extract(page, guarded_base, _ASTRAL)
    assert "unauthorized" in page.inner_text("#error")
    _extract(page, guarded_base, _ASTRAL, token=_TOKEN)
    assert page.is_hidden("#error")
    _, document = _api(guarded_base, _ASTRAL, token=_TOKEN)
    assert len(page.evaluate(_HIGHLIGHTS_JS)) == len(_items(document))


def test_llm_is_disabled_and_explained_without_a_model(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    assert page.locator('#backend option[value="llm"]').is_disabled()
    assert "LABORLENS_MODEL" in page.inner_text("#backend-note")


def test_the_csv_download_holds_every_item_after_a_bom(page: Page, base: str) -> None:
    text = _SEED.read_text(encoding="utf-8")
    _, document = _api(base, text)
    _extract(page, base, text)
    with page.expect_download() as download:
        page.click("#download-csv")
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert [r["evidence"] for r in rows] == [i["evidence"] for i in _items(document)]
    codes = [i["location_code"] or "" for i in _items(document)]
    assert [r["location_code"] for r in rows] == codes
    assert {"indicator", "time_start", "time_end", "time_grain", "origin_code"} <= set(rows[0])
    with page.expect_download() as download:
        page.click("#download-json")
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8")) == document


def test_the_csv_download_writes_formula_like_cells_as_text(page: Page, base: str) -> None:
    # CSV injection (F13): a cell opening with = + - @ is run by spreadsheets as a formula.
    text = "本报讯。=共有120家企业参会，@提供岗位3000个。"
    _, document = _api(base, text)
    _extract(page, base, text)
    with page.expect_download() as download:
        page.click("#download-csv")
    raw = Path(download.value.path()).read_bytes()
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    evidence = [i["evidence"] for i in _items(document)]
    assert evidence == ["=共有120家企业参会", "@提供岗位3000个"]
    assert [r["evidence"] for r in rows] == [f"'{e}" for e in evidence]
    assert all(not r[c].startswith(("=", "+", "-", "@")) for r in rows for c in r if r[c])
