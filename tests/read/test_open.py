"""Real pages in: GBK government pages, URLs from a local server, an e-paper PDF, traditional
characters. Figures are compared as (value, unit) pairs the rules backend extracts."""

import asyncio
import http.server
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemas.results import DocumentResult
from service.errors import InputError
from service.extract.rules.backend import RulesBackend
from service.pipeline import run
from service.read.document import extract_page
from service.read.fetch import fetch
from service.read.open import read_bytes, read_location, read_path
from service.read.page import Page
from tests.paths import OVERLAP, ROOT

PAGES = ROOT / "tests/data/pages"
REAL = ROOT / "evals/real/texts"


def _figures(result: DocumentResult) -> Counter[tuple[float, str]]:
    return Counter(
        (float(s.value), s.unit) for a in result.articles for s in a.statistics
    )  # fmt: skip


def _extract(page: Page) -> DocumentResult:
    return asyncio.run(extract_page(page, backend=RulesBackend(), overlap=OVERLAP))


def _extract_text(text: str) -> DocumentResult:
    return asyncio.run(run(text, backend=RulesBackend(), overlap=OVERLAP))


def _recall(found: Counter[tuple[float, str]], wanted: Counter[tuple[float, str]]) -> float:
    return sum((found & wanted).values()) / sum(wanted.values())


def _assert_grounded(result: DocumentResult, text: str) -> None:
    for article in result.articles:
        for item in [*article.statistics, *article.events]:
            assert text[item.span[0] : item.span[1]] == item.evidence


# --- a GBK .shtml government page: navigation, sidebar and footer ---------------------------

_GOV = [
    # page, its title, its PubDate, footer figures (ICP and police numbers) never to be read
    ("shanxi_gov", "山西品牌丝路行（南美站）正式启动", "2019-09-18",
     ["12000773", "14010502050691"]),
    ("deqing_fgw", "1-10月德清县固定资产投资结构趋稳趋优", "2016-11-22",
     ["05018911", "33010602009328"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "title", "published", "footer"), _GOV, ids=[g[0] for g in _GOV])
def test_gbk_government_page_gives_its_article_figures_title_and_date(
    name: str, title: str, published: str, footer: list[str]
) -> None:
    path = PAGES / f"{name}.gbk.shtml"
    assert re.search(rb"charset=\W?gbk", path.read_bytes()[:4096])
    page = read_path(path)
    result = _extract(page)
    article = (PAGES / f"{name}.article.txt").read_text(encoding="utf-8")
    wanted = _figures(_extract_text(article))
    found = _figures(result)
    assert wanted
    assert _recall(found, wanted) >= 0.9, (found, wanted)
    assert not found - wanted  # nothing from navigation, sidebar or footer
    evidence = " ".join(s.evidence for a in result.articles for s in a.statistics)
    assert not any(number in page.text or number in evidence for number in footer)
    assert "ICP" not in page.text
    assert result.articles[0].title == title == page.title
    assert result.document.published == published
    source = result.document.source
    assert source is not None
    assert (source.format, source.title) == ("html", title)
    assert result.document.text == page.text
    _assert_grounded(result, page.text)


def test_utf8_copy_of_the_page_reads_the_same_text() -> None:
    gbk = read_path(PAGES / "shanxi_gov.gbk.shtml")
    utf8 = read_path(PAGES / "shanxi_gov.html")
    assert gbk.text == utf8.text
    assert gbk.sha256 != utf8.sha256


# --- the same page by URL, from a local server ---------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        if str(path).endswith(".shtml"):
            return "text/html; charset=GBK"  # as county sites label their pages
        return super().guess_type(path)

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/shanxi_gov.gbk.shtml")
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """tests/data/pages over HTTP on a free loopback port."""

    def handler(*args: object) -> _Quiet:
        return _Quiet(*args, directory=str(PAGES))  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/shanxi_gov.gbk.shtml", "/moved"])
def test_page_by_url_gives_the_same_items(served: str, path: str) -> None:
    from_file = _extract(read_path(PAGES / "shanxi_gov.gbk.shtml"))
    from_url = _extract(read_location(served + path))
    assert from_url.articles == from_file.articles
    assert from_url.document.published == from_file.document.published
    source = from_url.document.source
    assert source is not None
    assert source.location == served + path


def test_url_failures_name_the_url_and_the_cause(served: str) -> None:
    with pytest.raises(InputError, match=r"/missing\.html: the server answered 404"):
        read_location(served + "/missing.html")
    with pytest.raises(InputError, match="over 1000 bytes"):
        fetch(served + "/shanxi_gov.gbk.shtml", max_bytes=1000)


# --- an e-paper PDF ----------------------------------------------------------------------------

_EPAPER_TEXTS = [
    "r05_shapingba_spring_fair.txt",
    "r03_huangping_special_buses.txt",
    "r29_guangxi_guanyang_fair.txt",
    "r33_hunan_h1_employment_2017.txt",
]


def test_epaper_pdf_gives_its_texts_figures_each_with_its_page() -> None:
    page = read_path(PAGES / "epaper_labour.pdf")
    assert page.format == "pdf"
    assert len(page.page_starts) == 2
    result = _extract(page)
    wanted = Counter[tuple[float, str]]()
    for name in _EPAPER_TEXTS:
        wanted += _figures(_extract_text((REAL / name).read_text(encoding="utf-8")))
    assert _recall(_figures(result), wanted) >= 0.9
    items = [s for a in result.articles for s in a.statistics]
    assert {s.page for s in items} == {1, 2}
    for item in items:
        start = page.page_starts[item.page - 1] if item.page else -1
        end = page.page_starts[item.page] if item.page and item.page < 2 else len(page.text)
        assert start <= item.span[0] < end
    assert "2336" in page.text[: page.page_starts[1]]
    assert "42.41" in page.text[page.page_starts[1] :]
    assert result.document.source is not None
    assert result.document.source.pages == 2
    _assert_grounded(result, page.text)


# --- traditional characters ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["r01_gansu_q1_labour_export", "r23_sd_qingdao_2016_jiuye"])
def test_traditional_article_gives_the_figures_of_its_simplified_version(name: str) -> None:
    traditional = (PAGES / f"{name}.traditional.txt").read_text(encoding="utf-8")
    simplified = (REAL / f"{name}.txt").read_text(encoding="utf-8")
    assert traditional != simplified
    wanted = _figures(_extract_text(simplified))
    result = _extract_text(traditional)
    assert wanted
    assert _recall(_figures(result), wanted) >= 0.9
    _assert_grounded(result, traditional)  # spans index the traditional original


# --- pages without an article, and what is not a page ---------------------------------------


def test_page_closing_html_early_keeps_its_article() -> None:
    # www.gov.cn closes </html> after its included header; libxml2 stopped reading there.
    page = read_path(PAGES / "govcn_bulletin.html")
    assert not page.warnings
    assert "批准发行15500亿元特别国债" in page.text
    assert "53365.53亿元" in page.text


def test_page_without_an_article_is_read_whole_with_a_warning() -> None:
    # The same page as a script-filled one arrives: its article container empty.
    raw = (PAGES / "govcn_bulletin.html").read_text(encoding="utf-8")
    emptied = re.sub(r'(id="UCAP-CONTENT">).*?(</div>)', r"\1\2", raw, count=1, flags=re.S)
    page = read_bytes(emptied.encode("utf-8"), location="bulletin.html", fmt="html")
    assert len(page.warnings) == 1
    assert "no article found" in page.warnings[0]
    result = _extract(page)
    assert result.document.source is not None
    assert result.document.source.warnings == list(page.warnings)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"%PDF-1.4 not really", "broken.pdf", "not a readable PDF"),
        (b"\x00\x01\x02", "binary.txt", "NUL"),
    ],
)
def test_unreadable_files_are_input_errors(
    tmp_path: Path, content: bytes, name: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_path(path)


def test_gbk_text_file_is_read() -> None:
    simplified = (REAL / "r23_sd_qingdao_2016_jiuye.txt").read_text(encoding="utf-8")
    page = read_bytes(simplified.encode("gbk"), location="x.txt", fmt="text")
    assert page.text == simplified
