"""`laborlens export`: batch output -> flat tables in DuckDB, Parquet and CSV, every item once."""

import csv
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from service.cli import app
from service.export.rows import TABLES
from tests.paths import ROOT

_SEEDS = ROOT / "seeds"
_WARNING = {"code": "evidence_not_found", "evidence": "不在文中", "chunk": 2, "detail": "x"}
_CHUNK_ERROR = {
    "stage": "model", "chunk": 1, "reason": "gave up", "attempts": 3,
    "usage": {"prompt_tokens": 7, "completion_tokens": 1, "total_tokens": 8, "requests": 3,
              "cached_chunks": 0},
}  # fmt: skip
_SOURCE = {
    "url": "https://example.org/x", "outlet": "某某日报", "title": "返岗",
    "published": "2022-02-21", "meta": {"section": "地方"},
}  # fmt: skip
_FAILED = {
    "id": "broken.txt", "status": "error",
    "error": {"code": "bad_input", "message": "broken.txt is empty", "reasons": ["a", "b"]},
    "source": _SOURCE,
}  # fmt: skip


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds through `laborlens batch` (rules), one line given a warning and a failed
    chunk, and one error line."""
    out = tmp_path_factory.mktemp("batch") / "out.jsonl"
    done = _invoke("batch", str(_SEEDS), "--out", str(out), "--backend", "rules")
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    lines[1]["result"]["warnings"] = [_WARNING]
    lines[1]["result"]["errors"] = [_CHUNK_ERROR]
    lines[2]["source"] = _SOURCE | {"url": "https://example.org/y"}
    lines.append(_FAILED)
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return out


def _expected_counts(out: Path) -> dict[str, int]:
    """Items counted from the JSONL itself, independently of the export's code."""
    counts = dict.fromkeys(TABLES, 0)
    facts = set()
    for raw in out.read_text(encoding="utf-8").splitlines():
        line = json.loads(raw)
        counts["documents"] += 1
        result = line.get("result") or {"articles": [], "warnings": [], "errors": []}
        counts["articles"] += len(result["articles"])
        counts["statistics"] += sum(len(a["statistics"]) for a in result["articles"])
        counts["events"] += sum(len(a["events"]) for a in result["articles"])
        counts["warnings"] += len(result["warnings"])
        counts["errors"] += len(result["errors"])
        facts |= {_fact(s) for a in result["articles"] for s in a["statistics"] if _first(s)}
    counts["facts"] = len(facts)
    # the lookup: the country and every code of the gazetteer's table but its placeholders
    with (ROOT / "service/values/places.tsv").open(encoding="utf-8", newline="") as f:
        codes = {row[0] for row in csv.reader(f, delimiter="\t") if "直辖行政区划" not in row[1]}
    counts["divisions"] = len(codes) + 1
    return counts


def _first(statistic: dict[str, Any]) -> bool:
    return statistic["repeat_of"] is None


def _fact(s: dict[str, Any]) -> tuple[Any, ...]:
    """What tells one fact from another: ANNOTATION.md's cell, and the hedge."""
    fields = ("indicator", "value", "value_max", "unit", "qualifier", "kind", "time")
    return (*(s[f] for f in fields), s["location_code"])


def test_duckdb_tables_hold_every_item_of_the_jsonl(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    done = _invoke("export", str(batch_out), "--to", str(db))
    assert done.exit_code == 0, done.output
    expected = _expected_counts(batch_out)
    assert expected["statistics"] > 100
    assert expected["events"] > 50
    with duckdb.connect(str(db), read_only=True) as con:
        for table, n in expected.items():
            assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone() == (n,), table
        failed = con.execute(
            "SELECT status, error_code, error_message, error_reasons FROM documents "
            "WHERE document_id = 'broken.txt'"
        ).fetchall()
        assert failed == [("error", "bad_input", "broken.txt is empty", "a\nb")]
        stats = con.execute(
            "SELECT document_id, evidence, span_start, span_end, backend FROM statistics"
        ).fetchall()
        warning = con.execute("SELECT code, evidence, chunk FROM warnings").fetchall()
        chunk = con.execute("SELECT stage, chunk, attempts, total_tokens FROM errors").fetchall()
    assert warning == [("evidence_not_found", "不在文中", 2)]
    assert chunk == [("model", 1, 3, 8)]
    for document_id, evidence, start, end, backend in stats:
        assert (_SEEDS / document_id).read_text(encoding="utf-8")[start:end] == evidence
        assert backend == "rules"


def test_documents_say_where_their_records_came_from(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    assert _invoke("export", str(batch_out), "--to", str(db)).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT document_id, status, url, outlet, title, meta, published FROM documents "
            "WHERE url IS NOT NULL ORDER BY url"
        ).fetchall()
        bare = con.execute("SELECT count(*) FROM documents WHERE meta IS NULL").fetchone()
    third = sorted(p.name for p in _SEEDS.glob("*.txt"))[2]
    meta = '{"section": "地方"}'
    assert rows == [
        ("broken.txt", "error", "https://example.org/x", "某某日报", "返岗", meta, "2022-02-21"),
        (third, "ok", "https://example.org/y", "某某日报", "返岗", meta, "2022-03-01"),
    ]  # an ok line's published is its result's (the dateline), an error line's its record's
    assert bare == (4,)


def test_a_repost_shares_its_story_and_adds_sources_not_facts(
    batch_out: Path, tmp_path: Path
) -> None:
    lines = batch_out.read_text(encoding="utf-8").splitlines(keepends=True)
    repost = json.loads(lines[0]) | {"id": "0-repost.txt"}  # sorts before the seeds' ids
    reposted = tmp_path / "reposted.jsonl"
    reposted.write_text("".join(lines) + json.dumps(repost, ensure_ascii=False) + "\n", "utf-8")
    counts = {}
    for name, source in (("before", batch_out), ("after", reposted)):
        db = tmp_path / f"{name}.duckdb"
        assert _invoke("export", str(source), "--to", str(db)).exit_code == 0
        with duckdb.connect(str(db), read_only=True) as con:
            stories = dict(con.execute("SELECT document_id, story_id FROM documents").fetchall())
            counts[name] = con.execute("SELECT count(*), max(documents) FROM facts").fetchone()
    original = json.loads(lines[0])["id"]
    assert stories[original] == stories["0-repost.txt"] == "0-repost.txt"
    ok_ids = [i for i in stories if i not in {"broken.txt", original, "0-repost.txt"}]
    assert all(stories[i] == i for i in ok_ids)
    assert stories["broken.txt"] is None  # an error line has no text to tell a story by
    assert counts["after"][0] == counts["before"][0]
    assert (counts["before"][1], counts["after"][1]) == (1, 2)


def test_a_damaged_fingerprint_is_refused(batch_out: Path, tmp_path: Path) -> None:
    lines = batch_out.read_text(encoding="utf-8").splitlines(keepends=True)
    second = json.loads(lines[1]) | {"fingerprint": "AAAA"}
    lines[1] = json.dumps(second, ensure_ascii=False) + "\n"
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text("".join(lines), encoding="utf-8")
    done = _invoke("export", str(damaged), "--to", str(tmp_path / "x.duckdb"))
    assert done.exit_code == 2
    assert "line 2: fingerprint: a fingerprint holds 512 bytes, not 3" in done.stderr


def test_items_carry_time_columns_indicators_and_codes_the_lookup_names(
    batch_out: Path, tmp_path: Path
) -> None:
    db = tmp_path / "out.duckdb"
    assert _invoke("export", str(batch_out), "--to", str(db)).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        unnamed = con.execute(
            "SELECT location_code FROM statistics WHERE location_code IS NOT NULL "
            "AND location_code NOT IN (SELECT code FROM divisions) UNION ALL "
            "SELECT origin_code FROM events WHERE origin_code IS NOT NULL "
            "AND origin_code NOT IN (SELECT code FROM divisions)"
        ).fetchall()
        coded = con.execute(
            "SELECT count(*) FROM statistics s JOIN divisions d ON s.location_code = d.code"
        ).fetchone()
        times = con.execute(
            "SELECT time, time_start, time_end, time_grain FROM statistics "
            "UNION ALL SELECT date, time_start, time_end, time_grain FROM events"
        ).fetchall()
        indicators = con.execute("SELECT DISTINCT indicator FROM statistics").fetchall()
        country = con.execute("SELECT name, level FROM divisions WHERE code = '100000'").fetchall()
    assert unnamed == []
    assert coded is not None
    assert coded[0] > 100
    assert {i for (i,) in indicators} >= {"jobs_offered", "other"}
    assert country == [("全国", "country")]
    grains = {"year": 4, "month": 7, "day": 10}
    for time, start, end, grain in times:
        if time is None:
            assert (start, end, grain) == (None, None, "none")
        elif time.startswith("--"):
            assert (start, end, grain) == (None, None, "unknown_year")
        else:
            assert len(time) == grains[grain]
            assert start.startswith(time)
            assert end.startswith(time)
            assert start <= end


def test_events_carry_actors_as_json_and_joined_names(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    assert _invoke("export", str(batch_out), "--to", str(db)).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT actors, actor_names FROM events").fetchall()
    with_actors = [(json.loads(a), names) for a, names in rows if json.loads(a)]
    assert with_actors
    for actors, names in with_actors:
        assert names == "、".join(a["name"] for a in actors)


def test_csv_files_open_with_a_bom_and_hold_the_same_rows(batch_out: Path, tmp_path: Path) -> None:
    done = _invoke("export", str(batch_out), "--to", str(tmp_path), "--format", "csv")
    assert done.exit_code == 0, done.output
    for table, n in _expected_counts(batch_out).items():
        raw = (tmp_path / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), table
        with (tmp_path / f"{table}.csv").open(encoding="utf-8-sig", newline="") as f:
            header, *rows = list(csv.reader(f))
        assert header == [name for name, _ in TABLES[table]]
        assert len(rows) == n, table
    with (tmp_path / "statistics.csv").open(encoding="utf-8-sig", newline="") as f:
        values = [row["value"] for row in csv.DictReader(f)]
    assert values
    assert all(v.isdigit() for v in values if float(v).is_integer())


def test_parquet_files_hold_the_same_rows_and_types(batch_out: Path, tmp_path: Path) -> None:
    done = _invoke("export", str(batch_out), "--to", str(tmp_path / "tables"))
    assert done.exit_code == 0, done.output
    for table, n in _expected_counts(batch_out).items():
        parquet = pq.read_table(tmp_path / "tables" / f"{table}.parquet")
        assert parquet.num_rows == n, table
        assert parquet.column_names == [name for name, _ in TABLES[table]]
    assert str(pq.read_schema(tmp_path / "tables" / "statistics.parquet").field("value").type) == (
        "double"
    )


def test_an_existing_target_is_kept_unless_forced(batch_out: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    db.write_bytes(b"precious")
    refused = _invoke("export", str(batch_out), "--to", str(db))
    assert refused.exit_code == 2
    assert "exists; pass --force" in refused.stderr
    assert db.read_bytes() == b"precious"
    forced = _invoke("export", str(batch_out), "--to", str(db), "--force")
    assert forced.exit_code == 0, forced.output
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (6,)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": "a", "status": "ok"}\n', "line 1: a 'ok' line needs its 'result' field"),
        (b'{"id": "a", "status": "done", "result": {}}\n', "line 1: not a laborlens batch line"),
        (b"not json\n", "line 1: not a laborlens batch line (line: Invalid JSON"),
        (b'\n{"id": "a", "status": "error", "error": {"code": "x", "message": "y"}}', "torn"),
        # what schemas/batch.py refuses, named by the path to the field
        (b'{"id": "a", "status": "error"}\n', "line 1: a 'error' line needs its 'error' field"),
        (
            b'{"id": "a", "result": {}}\n',
            "line 1: a batch line needs its 'status' field, 'ok' or 'error'",
        ),
        (
            b'{"id": "", "status": "error", "error": {"code": "internal", "message": "m"}}\n',
            "(id: String should have at least 1 character)",
        ),
        (
            b'{"id": "a", "status": "error", "error": {"code": "oops", "message": "m"}}\n',
            "(error.code: Input should be 'bad_input', 'chunks_failed' or 'internal')",
        ),
        (
            b'{"id": "a", "status": "error", "error": {"code": "internal"}}\n',
            "(error.message: Field required)",
        ),
        (
            b'{"id": "a", "status": "error", "error": {"code": "internal", "message": "m"}, '
            b'"note": 1}\n',
            "(note: Extra inputs are not permitted)",
        ),
        (
            b'{"id": "a", "status": "error", "error": {"code": "internal", "message": "m", '
            b'"usage": {"total_tokens": "many"}}}\n',
            "(error.usage.total_tokens: Input should be",
        ),
    ],
    ids=[
        "ok-without-result",
        "unknown-status",
        "not-json",
        "torn-last-line",
        "error-without-error",
        "no-status",
        "empty-id",
        "unknown-code",
        "no-message",
        "extra-key",
        "bad-usage",
    ],
)
def test_a_malformed_input_is_refused_and_leaves_no_files(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "out.jsonl"
    source.write_bytes(content)
    target = tmp_path / "tables"
    done = _invoke("export", str(source), "--to", str(target))
    assert done.exit_code == 2
    assert message in done.stderr
    assert list(target.iterdir()) == []


def test_a_missing_input_is_refused(tmp_path: Path) -> None:
    done = _invoke("export", str(tmp_path / "nope.jsonl"), "--to", str(tmp_path / "x.duckdb"))
    assert done.exit_code == 2
    assert "no such file" in done.stderr
    assert not (tmp_path / "x.duckdb").exists()


# --- CSV injection (F13) ------------------------------------------------------------------------

_FORMULAS = ["=1+2", "+SUM(A1)", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR", '=HYPERLINK("http://x")']


def test_csv_cells_that_open_like_a_formula_are_written_as_text(tmp_path: Path) -> None:
    lines = [
        {"id": f"doc-{n}", "status": "error",
         "error": {"code": "bad_input", "message": formula, "reasons": []}}
        for n, formula in enumerate(_FORMULAS)
    ]  # fmt: skip
    source = tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    done = _invoke("export", str(source), "--to", str(tmp_path / "csv"), "--format", "csv")
    assert done.exit_code == 0, done.output
    with (tmp_path / "csv" / "documents.csv").open(encoding="utf-8-sig", newline="") as f:
        messages = [row["error_message"] for row in csv.DictReader(f)]
    assert messages == [f"'{formula}" for formula in _FORMULAS]
    done = _invoke("export", str(source), "--to", str(tmp_path / "out.duckdb"))
    assert done.exit_code == 0, done.output
    with duckdb.connect(str(tmp_path / "out.duckdb")) as db:  # a database keeps the text as is
        kept = [m for (m,) in db.execute("select error_message from documents").fetchall()]
    assert kept == _FORMULAS


def test_a_page_done_again_is_exported_once_from_its_latest_line(tmp_path: Path) -> None:
    """A page changed since its line was written is done again and its new line appended
    (batch resumes by content): the export takes that line alone, in every table."""
    pages = tmp_path / "pages"
    pages.mkdir()
    page = pages / "a.txt"
    page.write_text("某县举办招聘会\n\n3月1日，某县举办招聘会，共有120家企业参会。\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert _invoke("batch", str(pages), "--out", str(out), "--backend", "rules").exit_code == 0
    page.write_text("某县举办招聘会\n\n3月1日，某县举办招聘会，共有80家企业参会。\n", "utf-8")
    assert _invoke("batch", str(pages), "--out", str(out), "--backend", "rules").exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2  # both lines kept in OUT
    db = tmp_path / "out.duckdb"
    assert _invoke("export", str(out), "--to", str(db)).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("SELECT document_id FROM documents").fetchall()
        values = con.execute("SELECT value FROM statistics").fetchall()
        facts = con.execute("SELECT value FROM facts").fetchall()
    assert documents == [("a.txt",)]
    assert values == [(80,)]
    assert facts == [(80,)]
