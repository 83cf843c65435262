"""Issue 24, done when: real articles (evals/real/texts), half of them reposted by a second
outlet with the same text under other page furniture and another URL, go through `laborlens
batch` (rules), `export` and `report`:

- every repost shares its original's story_id, and no two different stories share one;
- the facts table has the same rows with and without the reposts, a reposted fact citing both;
- dated statistics (and facts) carry time_start and time_end;
- report.html has its charts as SVG, renders in a real browser (Debian's chromium) with no
  console error, and loads nothing but itself.

The reposts are made here: the second outlet's navigation trail, dateline and footer around the
text, paragraphs reformatted (indented, set apart by blank lines) and a few commas half-width.
A furniture line the segmenter does not know as furniture (a site name alone on a line, a
disclaimer sentence) stays in the article and can move the rules backend's reading of one
figure's time or place; tests/stories holds the story side of such reposts.
"""

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from playwright.sync_api import Browser, sync_playwright
from typer.testing import CliRunner

from service.cli import app
from tests.paths import ROOT

_REAL = ROOT / "evals" / "real"
_CHROMIUM = Path("/usr/bin/chromium")
_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
_HEAD = "您当前的位置：首页 > 新闻中心 > 就业创业\n{published} 10:32:15\n"
_FOOT = "\n责任编辑：王明\n分享\n打印\n关闭\n版权所有 就业快讯网 未经授权禁止转载\n"
_REPOST = "~repost"


def _sources() -> dict[str, tuple[str, str, str | None]]:
    """File stem -> URL, outlet and publication date, from evals/real/SOURCES.md."""
    table = (_REAL / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    found = {}
    for row in (line.split("|") for line in table if line.startswith("| r")):
        date = row[4].strip()
        published = date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
        found[row[1].strip().removesuffix(".txt")] = (row[2].strip(), row[3].strip(), published)
    return found


def _reformatted(text: str, rng: random.Random) -> str:
    """Another CMS's copy: a few commas half-width, long paragraphs indented, blank lines."""
    commas = [m.start() for m in re.finditer(r"，(?=\D)", text)]
    for at in sorted(rng.sample(commas, min(3, len(commas))), reverse=True):
        text = text[:at] + "," + text[at + 1 :]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(f"\u3000\u3000{line}" if len(line) > 40 else line for line in lines)


def _records() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The originals, and the originals with every second one reposted."""
    sources = _sources()
    originals, reposted = [], []
    for n, path in enumerate(sorted((_REAL / "texts").glob("*.txt"))):
        url, outlet, published = sources[path.stem]
        text = path.read_text(encoding="utf-8")
        record = {"id": path.stem, "text": text, "url": url, "outlet": outlet,
                  "published": published, "region": "evals/real"}  # fmt: skip
        originals.append(record)
        reposted.append(record)
        if n % 2 == 0:
            copy = _HEAD.format(published=published or "") + _reformatted(text, random.Random(n))
            reposted.append(record | {
                "id": path.stem + _REPOST, "text": copy + _FOOT, "outlet": "就业快讯网",
                "url": f"https://www.jiuyekuaixun.example/news/{n}.html",
            })  # fmt: skip
    return originals, reposted


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both batches through batch, export and (the reposted one) report."""
    folder = tmp_path_factory.mktemp("reposts")
    runner, made = CliRunner(), {}
    for name, records in zip(("originals", "reposted"), _records(), strict=True):
        source = folder / f"{name}.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        out, db = folder / f"{name}.out.jsonl", folder / f"{name}.duckdb"
        for args in (["batch", str(source), "--out", str(out), "--backend", "rules"],
                     ["export", str(out), "--to", str(db)]):  # fmt: skip
            done = runner.invoke(app, args)
            assert done.exit_code == 0, done.output
        made[name] = db
    html = folder / "report.html"
    done = runner.invoke(app, ["report", str(folder / "reposted.out.jsonl"), "--to", str(html)])
    assert done.exit_code == 0, done.output
    return made | {"report": html}


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_repost_shares_its_originals_story_and_stories_stay_apart(
    runs: dict[str, Path],
) -> None:
    stories = dict(_query(runs["reposted"], "SELECT document_id, story_id FROM documents"))
    reposts = [d for d in stories if d.endswith(_REPOST)]
    assert len(reposts) == 30
    assert all(stories[r] == stories[r.removesuffix(_REPOST)] for r in reposts)
    originals = [d for d in stories if not d.endswith(_REPOST)]
    assert sorted(stories[d] for d in originals) == sorted(originals)  # 60 stories, 60 ids
    outlets = dict(_query(runs["reposted"], "SELECT document_id, outlet FROM documents"))
    assert {outlets[r] for r in reposts} == {"就业快讯网"}


def test_the_facts_are_the_same_rows_with_and_without_the_reposts(runs: dict[str, Path]) -> None:
    sql = "SELECT fact_id, documents, stories, document_ids, urls FROM facts ORDER BY fact_id"
    before, after = _query(runs["originals"], sql), _query(runs["reposted"], sql)
    assert len(before) == len(after) > 300
    assert [row[0] for row in before] == [row[0] for row in after]
    assert all(row[1:3] == (1, 1) for row in before)
    reposted = [row for row in after if row[1] == 2]
    assert len(reposted) > 100
    for _, _, stories, ids, urls in reposted:
        original, repost = json.loads(ids)
        assert (stories, repost) == (1, original + _REPOST)
        assert json.loads(urls)[1].startswith("https://www.jiuyekuaixun.example/")


def test_dated_statistics_and_facts_carry_their_first_and_last_day(runs: dict[str, Path]) -> None:
    for table in ("statistics", "facts"):
        rows = _query(runs["reposted"], f"SELECT time, time_start, time_end FROM {table}")
        dated = [row for row in rows if row[0] is not None and not row[0].startswith("--")]
        assert len(dated) > 200, table
        for time, start, end in dated:
            assert start.startswith(time), (table, time)
            assert start[:4] == end[:4] == time[:4]
            assert start <= end
        assert all(len(start) == len(end) == 10 for _, start, end in dated)


def test_summing_facts_counts_a_reposted_figure_once(runs: dict[str, Path]) -> None:
    # What an analyst sums: the statistics table twice over for a reposted figure, its facts
    # once, and the same total as the batch without the reposts.
    total = "SELECT sum(value) FROM facts WHERE indicator = 'workers_transferred' AND unit = '人'"
    (facts,) = _query(runs["reposted"], total)
    assert facts == _query(runs["originals"], total)[0]
    assert facts[0] > 0
    people = "SELECT sum(value) FROM statistics WHERE unit = '人' AND repeat_of IS NULL"
    assert _query(runs["reposted"], people)[0][0] > _query(runs["originals"], people)[0][0]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert _CHROMIUM.exists(), "no /usr/bin/chromium: run make sysdeps"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_CHROMIUM, args=_ARGS)
        yield chromium
        chromium.close()


def test_the_report_draws_its_charts_offline_with_no_error(
    runs: dict[str, Path], browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(handled: Any) -> None:
        requests.append(handled.request.url)
        url = handled.request.url
        handled.continue_() if url == runs["report"].as_uri() else handled.abort()

    page.route("**/*", route)
    page.goto(runs["report"].as_uri())
    assert requests == [runs["report"].as_uri()]
    assert errors == []
    charts = page.locator("svg.marks")
    assert charts.count() >= 10
    assert page.locator("svg.marks path, svg.marks line").count() > 100
    assert page.locator("h2").all_inner_texts()[:2] == ["各指标按省份的时间序列", "按地区"]
    links = page.locator("table a[href^='https://www.jiuyekuaixun.example/']")
    assert links.count() > 100
    shot = ROOT / "tests" / "artefacts" / "report.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot), full_page=False)
    page.close()
