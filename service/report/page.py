"""What the report shows -> one HTML page that needs nothing but itself. Pure.

Charts arrive as SVG markup (service/report/charts.py) and go in as they are; every other
piece of text is escaped here, and only http(s) URLs become links. The page holds no script:
its Content-Security-Policy allows inline styles and nothing else, so it loads nothing.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from service.report.tables import Measure, Total

FACTS_SHOWN = 1000  # the table lists the facts most stories state; export holds all of them
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
_STYLE = """
body { font: 14px/1.5 "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; margin: 2em; }
h1 { font-size: 1.5em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
table { border-collapse: collapse; font-size: 13px; } .scroll { overflow-x: auto; }
th, td { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f4f4f4; } td.n { text-align: right; white-space: nowrap; }
.note { color: #555; font-size: 13px; }
"""


@dataclass(frozen=True, slots=True)
class Overview:
    """The counts at the head of the page."""

    documents: int
    failed: int
    stories: int
    statistics: int
    repeats: int
    facts: int


@dataclass(frozen=True, slots=True)
class Cited:
    """A document as the facts table links it."""

    url: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class Content:
    overview: Overview
    series: Sequence[str]  # SVG, one per indicator
    events: str | None  # SVG
    regions: Sequence[Total]
    facts: Sequence[Mapping[str, Any]]  # rows of the facts table
    cited: Mapping[str, Cited]


def render_page(content: Content, *, title: str) -> str:
    """The whole page as one string."""
    parts = [
        "<!doctype html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>", _overview(content.overview),
        "<h2>各指标按省份的时间序列</h2>", _note_sums(),
        '<div class="charts">', *content.series, "</div>",
        "<h2>按地区</h2>", _note_sums(), _regions(content.regions),
        "<h2>事件</h2>", content.events or "<p>没有注明月份的事件。</p>",
        "<h2>事实</h2>", _facts(content.facts, content.cited),
        "</body></html>",
    ]  # fmt: skip
    return "\n".join(parts)


def _overview(o: Overview) -> str:
    cells = [
        ("文档", o.documents), ("失败", o.failed), ("报道（转载合并）", o.stories),
        ("统计数", o.statistics), ("文内重复", o.repeats), ("事实", o.facts),
    ]  # fmt: skip
    body = "".join(f"<tr><th>{escape(k)}</th><td class=n>{v:,}</td></tr>" for k, v in cells)
    return f"<table>{body}</table>"


def _note_sums() -> str:
    return (
        '<p class="note">每个事实只计一次（转载与文内重复不重复计算）；只计实际数（不含目标），'
        "每个指标按其多数事实的单位合计，区间与“以上”按所述数字；比率（%）取平均。</p>"
    )


def _regions(totals: Sequence[Total]) -> str:
    measures = sorted({t.measure for t in totals}, key=lambda m: m.indicator)
    provinces = sorted({t.group[0] for t in totals})
    cell = {(t.group[0], t.measure): t for t in totals}
    head = "".join(f"<th>{escape(_label(m))}</th>" for m in measures)
    rows = []
    for province in provinces:
        cells = "".join(_cell(cell.get((province, m))) for m in measures)
        rows.append(f"<tr><th>{escape(province)}</th>{cells}</tr>")
    return f'<div class="scroll"><table><tr><th>省份</th>{head}</tr>{"".join(rows)}</table></div>'


def _label(measure: Measure) -> str:
    return f"{measure.indicator}（{measure.unit or '无单位'}）"


def _cell(total: Total | None) -> str:
    if total is None:
        return "<td></td>"
    return f'<td class=n>{_number(total.value)} <span class="note">({total.facts})</span></td>'


def _number(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() or abs(value) >= 100 else f"{value:,.2f}"


def _facts(facts: Sequence[Mapping[str, Any]], cited: Mapping[str, Cited]) -> str:
    shown = sorted(facts, key=lambda f: (-f["stories"], -f["documents"]))[:FACTS_SHOWN]
    note = (
        f"共 {len(facts):,} 个事实；列出报道数最多的 {len(shown):,} 个，"
        "全部见 laborlens export 的 facts 表。"
    )
    columns = (
        "指标", "指标词", "数值", "单位", "限定", "类别", "时间", "地点", "文档", "报道",
        "最早发布", "来源",
    )  # fmt: skip
    head = "".join(f"<th>{c}</th>" for c in columns)
    rows = "".join(_fact_row(f, cited) for f in shown)
    table = f'<div class="scroll"><table><tr>{head}</tr>{rows}</table></div>'
    return f'<p class="note">{escape(note)}</p>{table}'


def _fact_row(fact: Mapping[str, Any], cited: Mapping[str, Cited]) -> str:
    value = _number(float(fact["value"]))
    if fact["value_max"] is not None:
        value += f"~{_number(float(fact['value_max']))}"
    place = " ".join(str(x) for x in (fact["location"], fact["location_code"]) if x)
    texts = [fact["indicator"], fact["metric"], value, fact["unit"], fact["qualifier"],
             fact["kind"], fact["time"] or "", place]  # fmt: skip
    cells = "".join(f"<td>{escape(str(t))}</td>" for t in texts)
    counts = f"<td class=n>{fact['documents']}</td><td class=n>{fact['stories']}</td>"
    sources = "、".join(_source(d, cited.get(d)) for d in json.loads(fact["document_ids"]))
    published = escape(fact["first_published"] or "")
    return f"<tr>{cells}{counts}<td>{published}</td><td>{sources}</td></tr>"


def _source(document_id: str, cited: Cited | None) -> str:
    name = escape((cited.outlet if cited else None) or document_id)
    url = cited.url if cited else None
    if url is None or not url.startswith(("https://", "http://")):
        return name
    link = f'href="{escape(url)}" title="{escape(document_id)}" rel="noopener noreferrer"'
    return f"<a {link}>{name}</a>"
