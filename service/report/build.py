"""OUT.jsonl -> report.html: the dataset's rows read once, summed, drawn and written whole."""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.errors import InputError
from service.export.dataset import Progress, dataset_rows
from service.report.charts import events_svg, series_svg
from service.report.page import Cited, Content, Overview, render_page
from service.report.tables import Fact, Total, events_by_month, regions, series

_EVENT_FIELDS = ("document_id", "type", "date", "location_code")


@dataclass(slots=True)
class _Read:
    """What the report keeps of the dataset: documents, events and facts, never the items."""

    stories: dict[str, str] = field(default_factory=dict)
    cited: dict[str, Cited] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    failed: int = 0
    statistics: int = 0
    repeats: int = 0

    def add(self, table: str, row: dict[str, Any]) -> None:
        if table == "documents":
            self.documents += 1
            self.failed += row["status"] != "ok"
            if row["story_id"] is not None:
                self.stories[row["document_id"]] = row["story_id"]
            self.cited[row["document_id"]] = Cited(row.get("url"), row.get("outlet"))
        elif table == "statistics":
            self.statistics += 1
            self.repeats += row["repeat_of"] is not None
        elif table == "events":
            self.events.append({f: row.get(f) for f in _EVENT_FIELDS})
        elif table == "facts":
            self.facts.append(row)


def write_report(
    source: Path, target: Path, *, force: bool = False, progress: Progress | None = None
) -> Path:
    """Read `source`, write the page to `target` (whole, or not at all); `target` back."""
    if target.exists() and not force:
        raise InputError(f"{target} exists; pass --force to replace it")
    if target.is_dir():
        raise InputError(f"{target} is a folder; the report is one file, e.g. report.html")
    read = _Read()
    for table, row in dataset_rows(source, progress):
        read.add(table, row)
    html = render_page(_content(read), title=f"laborlens 报告：{source.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(html, encoding="utf-8")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _content(read: _Read) -> Content:
    facts = [Fact.of(row) for row in read.facts]
    by_indicator: dict[str, list[Total]] = defaultdict(list)
    for total in series(facts):
        by_indicator[total.measure.indicator].append(total)
    events = events_by_month(read.events, read.stories)
    overview = Overview(
        documents=read.documents, failed=read.failed, stories=len(set(read.stories.values())),
        statistics=read.statistics, repeats=read.repeats, facts=len(read.facts),
    )  # fmt: skip
    return Content(
        overview=overview,
        series=[series_svg(totals) for _, totals in sorted(by_indicator.items())],
        events=events_svg(events) if events else None,
        regions=regions(facts),
        facts=read.facts,
        cited=read.cited,
    )
