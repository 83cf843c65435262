"""One line of `laborlens batch` output -> flat rows, one per item, for the export's tables.

Seven tables, each a fixed list of typed columns (`TABLES`), so every writer gives every table
the same columns even when it has no rows:

    documents   one row per JSONL line, ok or error (an error line keeps its code and message),
                with where its record says it came from (url, outlet, title, meta as JSON) and
                its story: the smallest document id among its reposts (service/stories)
    articles    one row per article: title and span
    statistics  one row per statistic: every field, its span and evidence; `repeat_of` is set
                when it restates an earlier one of its article, so sums take the rows where
                it is null
    events      one row per event; actors as a JSON list and their names joined by "、"
    warnings    one row per dropped or changed item
    errors      one row per failed chunk of an ok document
    facts       one row per distinct fact the statistics state, with the ids, URLs and stories
                of the documents that state it (service/export/facts.py)
    divisions   the lookup of every division code: name, level, province, city

Statistics and events carry their time as columns (`time_start`, `time_end`, `time_grain`, from
a statistic's `time` or an event's `date`; values/periods.py), their indicator and their
division codes, which the divisions table names; so do facts.

Every item row carries the document id, the article's 0-based index and title, the item's
0-based index within its article, and the backend's name, model and prompt version. Spans are
Python str indices (code points) into the submitted text, `span_end` exclusive.
"""

import json
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from schemas.batch import BATCH_LINE, BatchLine, ErrorLine, Source
from schemas.results import ArticleResult, DocumentResult, Event, Statistic, Usage
from schemas.vocab import NATIONWIDE
from service.errors import InputError, describe_problems, problems
from service.values.divisions import DIVISIONS, division
from service.values.periods import time_columns

ColumnType = Literal["str", "int", "float"]
Row = dict[str, Any]
TableName = Literal[
    "documents", "articles", "statistics", "events", "warnings", "errors", "facts", "divisions"
]

_BACKEND: tuple[tuple[str, ColumnType], ...] = (
    ("backend", "str"),
    ("model", "str"),
    ("prompt_version", "str"),
)
_ITEM: tuple[tuple[str, ColumnType], ...] = (
    ("document_id", "str"),
    ("article", "int"),
    ("article_title", "str"),
    ("item", "int"),
    ("evidence", "str"),
    ("span_start", "int"),
    ("span_end", "int"),
)
_USAGE: tuple[tuple[str, ColumnType], ...] = tuple((name, "int") for name in Usage.model_fields)
_TIME: tuple[tuple[str, ColumnType], ...] = (
    ("time_start", "str"),
    ("time_end", "str"),
    ("time_grain", "str"),
)

# Column names and types of every table, in order; the writers map the types.
TABLES: dict[TableName, tuple[tuple[str, ColumnType], ...]] = {
    "documents": (
        ("document_id", "str"), ("line", "int"), ("status", "str"), ("sha256", "str"),
        ("chars", "int"), ("published", "str"), *_BACKEND,
        ("articles", "int"), ("statistics", "int"), ("events", "int"), ("warnings", "int"),
        ("errors", "int"), *_USAGE,
        ("error_code", "str"), ("error_message", "str"), ("error_reasons", "str"),
        ("url", "str"), ("outlet", "str"), ("title", "str"), ("meta", "str"), ("story_id", "str"),
    ),
    "articles": (
        ("document_id", "str"), ("article", "int"), ("title", "str"),
        ("span_start", "int"), ("span_end", "int"), ("statistics", "int"), ("events", "int"),
        *_BACKEND,
    ),
    "statistics": (
        *_ITEM, ("metric", "str"), ("indicator", "str"), ("value", "float"),
        ("value_max", "float"), ("unit", "str"), ("qualifier", "str"), ("kind", "str"),
        ("time", "str"), *_TIME, ("location", "str"), ("location_code", "str"),
        ("subject", "str"), ("repeat_of", "int"), *_BACKEND,
    ),
    "events": (
        *_ITEM, ("type", "str"), ("summary", "str"), ("date", "str"), *_TIME,
        ("location", "str"), ("location_code", "str"), ("origin", "str"), ("origin_code", "str"),
        ("destination", "str"), ("destination_code", "str"), ("actors", "str"),
        ("actor_names", "str"), *_BACKEND,
    ),
    "warnings": (
        ("document_id", "str"), ("warning", "int"), ("code", "str"), ("evidence", "str"),
        ("chunk", "int"), ("detail", "str"), *_BACKEND,
    ),
    "errors": (
        ("document_id", "str"), ("stage", "str"), ("chunk", "int"), ("reason", "str"),
        ("attempts", "int"), *_USAGE, *_BACKEND,
    ),
    "facts": (
        ("fact_id", "str"), ("indicator", "str"), ("metric", "str"), ("value", "float"),
        ("value_max", "float"), ("unit", "str"), ("qualifier", "str"), ("kind", "str"),
        ("time", "str"), *_TIME, ("location", "str"), ("location_code", "str"),
        ("documents", "int"), ("stories", "int"), ("statements", "int"),
        ("first_published", "str"), ("document_ids", "str"), ("urls", "str"), ("story_ids", "str"),
    ),
    "divisions": (
        ("code", "str"), ("name", "str"), ("level", "str"), ("province", "str"), ("city", "str"),
    ),
}  # fmt: skip
# Tables of the items of each line; the rest are lookups written once.
LINE_TABLES: tuple[TableName, ...] = (
    "documents", "articles", "statistics", "events", "warnings", "errors",
)  # fmt: skip


def division_rows() -> Iterator[Row]:
    """The divisions table: the country (code 100000), then every division of the table."""
    yield {"code": NATIONWIDE, "name": "全国", "level": "country", "province": None, "city": None}
    for d in DIVISIONS:
        if d.is_placeholder or division(d.code) is not d:
            continue  # "市直辖行政区划"; a municipality's city row repeats its province's code
        names = {"name": d.full, "province": d.province, "city": d.city or None}
        yield {"code": d.code, "level": d.level} | names


def parse_line(raw: bytes, number: int) -> BatchLine:
    """One JSONL line -> a line checked against schemas.batch; anything else is an InputError
    naming the line and its first problems."""
    try:
        return BATCH_LINE.validate_json(raw)
    except ValidationError as exc:
        details = exc.errors(include_input=False)
        missing = _missing_field(details[0])
        if missing is not None:
            raise InputError(f"line {number}: {missing}") from None
        # The first step of a location is the status that chose the model ("ok", "error"); the
        # field path after it is what a reader of OUT can find in the line.
        said = describe_problems(problems(details), root="line", limit=3, skip=1)
        raise InputError(f"line {number}: not a laborlens batch line ({said})") from None


def _missing_field(detail: ErrorDetails) -> str | None:
    """`("ok", "result")` missing -> "a 'ok' line needs its 'result' field"; else None."""
    loc = detail["loc"]
    if detail["type"] == "union_tag_not_found":
        return "a batch line needs its 'status' field, 'ok' or 'error'"
    if detail["type"] != "missing" or len(loc) != 2:
        return None
    return f"a {loc[0]!r} line needs its {loc[1]!r} field"


def line_rows(
    line: BatchLine, number: int, *, story_id: str | None = None
) -> Iterator[tuple[TableName, Row]]:
    """A checked batch line -> (table, row) pairs: its document row, then its items."""
    source = _source(line.source) | {"story_id": story_id}
    if isinstance(line, ErrorLine):
        published = line.source.published if line.source else None  # no result to read it from
        yield "documents", _failed_document(line, number) | source | {"published": published}
        return
    result = line.result
    backend = {
        "backend": result.backend.name,
        "model": result.backend.model,
        "prompt_version": result.backend.prompt_version,
    }
    yield "documents", _document(line.id, number, result) | backend | source
    for index, article in enumerate(result.articles):
        yield "articles", _article(line.id, index, article) | backend
        for i, statistic in enumerate(article.statistics):
            yield "statistics", _item(line.id, index, article, i, statistic) | backend
        for i, event in enumerate(article.events):
            yield "events", _item(line.id, index, article, i, event) | backend
    for i, warning in enumerate(result.warnings):
        fields = warning.model_dump(mode="json")
        yield "warnings", {"document_id": line.id, "warning": i} | fields | backend
    for error in result.errors:
        fields = error.model_dump(mode="json", exclude={"usage"}) | error.usage.model_dump()
        yield "errors", {"document_id": line.id} | fields | backend


def _source(source: Source | None) -> Row:
    """Where the record says the document came from (its `published` is the result's)."""
    if source is None:
        return {}
    meta = json.dumps(source.meta, ensure_ascii=False) if source.meta else None
    return {"url": source.url, "outlet": source.outlet, "title": source.title, "meta": meta}


def _document(document_id: str, number: int, result: DocumentResult) -> Row:
    return {
        "document_id": document_id, "line": number, "status": "ok",
        "sha256": result.document.sha256, "chars": result.document.chars,
        "published": result.document.published, "articles": len(result.articles),
        "statistics": sum(len(a.statistics) for a in result.articles),
        "events": sum(len(a.events) for a in result.articles),
        "warnings": len(result.warnings), "errors": len(result.errors),
        **result.usage.model_dump(),
    }  # fmt: skip


def _failed_document(line: ErrorLine, number: int) -> Row:
    error = line.error
    usage = error.usage or Usage()  # no model asked: nothing spent
    return {
        "document_id": line.id, "line": number, "status": "error", **usage.model_dump(),
        "error_code": error.code, "error_message": error.message,
        "error_reasons": "\n".join(error.reasons),
    }  # fmt: skip


def _article(document_id: str, index: int, article: ArticleResult) -> Row:
    return {
        "document_id": document_id, "article": index, "title": article.title,
        "span_start": article.span[0], "span_end": article.span[1],
        "statistics": len(article.statistics), "events": len(article.events),
    }  # fmt: skip


def _item(
    document_id: str, index: int, article: ArticleResult, item: int, found: Statistic | Event
) -> Row:
    fields = found.model_dump(mode="json", exclude={"span", "actors"})
    columns = time_columns(found.time if isinstance(found, Statistic) else found.date)
    fields |= {"time_start": columns.start, "time_end": columns.end, "time_grain": columns.grain}
    if isinstance(found, Event):
        actors = [a.model_dump(mode="json") for a in found.actors]
        fields["actors"] = json.dumps(actors, ensure_ascii=False)
        fields["actor_names"] = "、".join(a.name for a in found.actors)
    return {
        "document_id": document_id,
        "article": index,
        "article_title": article.title,
        "item": item,
        "span_start": found.span[0],
        "span_end": found.span[1],
    } | fields
