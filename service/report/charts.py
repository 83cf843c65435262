"""Totals -> charts as SVG markup: Vega-Lite specs rendered by vl-convert in this process, so the
page holds drawings, not a script that draws them, and loads nothing. Only this module imports
vl_convert (a Rust build of Vega with its own JavaScript engine: about 2 s to start, then
about 0.1 s a chart)."""

from collections.abc import Sequence
from typing import Any

import vl_convert

from service.report.tables import Total

VEGA_LITE = "5.21"  # the version the specs are written for, pinned with vl-convert-python
_CONFIG = {
    "font": "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 12},
    "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 160},
    "title": {"fontSize": 14, "anchor": "start"},
}
_MONTH = {
    "field": "month", "type": "temporal", "timeUnit": "utcyearmonth", "title": "月份",
    "axis": {"format": "%Y-%m", "labelAngle": -40},
}  # fmt: skip


def series_svg(totals: Sequence[Total]) -> str:
    """One indicator's totals by month and province -> a line per province."""
    measure = totals[0].measure
    values = [
        {"month": f"{t.group[0]}-01", "province": t.group[1], "value": t.value, "facts": t.facts}
        for t in totals
    ]
    how = "平均" if measure.how == "mean" else "合计"
    spec = {
        "title": f"{measure.indicator}（{measure.unit or '无单位'}，{how}，按省份）",
        "data": {"values": values},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": _MONTH,
            "y": {"field": "value", "type": "quantitative", "title": measure.unit or how},
            "color": {"field": "province", "type": "nominal", "title": "省份",
                      "scale": {"scheme": "tableau20"}},
        },
    }  # fmt: skip
    return render(spec)


def events_svg(totals: Sequence[Total]) -> str:
    """(month, event type) counts -> stacked bars per month."""
    values = [{"month": f"{t.group[0]}-01", "type": t.group[1], "events": t.facts} for t in totals]
    spec = {
        "title": "事件：按类型、按月（每个报道只计一次）",
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "x": _MONTH,
            "y": {"field": "events", "type": "quantitative", "title": "事件数"},
            "color": {"field": "type", "type": "nominal", "title": "类型",
                      "scale": {"scheme": "tableau20"}},
        },
    }  # fmt: skip
    return render(spec)


def render(spec: dict[str, Any]) -> str:
    """A Vega-Lite spec (data inline) -> SVG markup."""
    sized = {"width": 560, "height": 220, "config": _CONFIG} | spec
    svg: str = vl_convert.vegalite_to_svg(sized, vl_version=VEGA_LITE)
    return svg
