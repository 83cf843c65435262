"""Scores -> a rich table on the terminal and report.json, report.md and a self-contained
report.html showing each page with gold and predicted spans side by side."""

import html
import itertools
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from schemas.results import Event, Statistic
from service.evals.evaluate import Case
from service.evals.score import ItemScores, Scores

_KINDS = ("statistics", "events")


def summary(scores: Scores) -> dict[str, Any]:
    """The numbers of a report as plain JSON-able data."""
    return {
        "overall": {k: _item_summary(getattr(scores, k)) for k in _KINDS}
        | {"grounding_rate": scores.grounding_rate},
        "articles": {
            a.name: {k: _item_summary(getattr(a, k)) for k in _KINDS}
            | {
                "grounding_rate": a.grounded.tp / a.grounded.predicted
                if a.grounded.predicted
                else 1.0
            }
            for a in scores.articles
        },
    }


def _item_summary(s: ItemScores) -> dict[str, Any]:
    return {
        "precision": s.matched.precision,
        "recall": s.matched.recall,
        "f1": s.matched.f1,
        "strict_f1": s.strict.f1,
        "gold": s.matched.gold,
        "predicted": s.matched.predicted,
        "matched": s.matched.tp,
        "attributes": {k: s.accuracy(k) for k in sorted(s.attributes)},
        "misses": [_brief(i) for i in s.misses],
        "false_positives": [_brief(i) for i in s.false_positives],
    }


def _brief(item: Statistic | Event) -> dict[str, Any]:
    if isinstance(item, Statistic):
        head = {"metric": item.metric, "value": item.value, "unit": item.unit}
    else:
        head = {"type": item.type, "summary": item.summary}
    return head | {"evidence": item.evidence, "span": list(item.span)}


def print_tables(scores: Scores, console: Console) -> None:
    table = Table(title="laborlens eval")
    for column in ("page", "kind", "P", "R", "F1", "strict F1", "gold", "pred"):
        table.add_column(column, justify="left" if column in ("page", "kind") else "right")
    rows = [(a.name, a) for a in scores.articles] + [("overall", scores)]
    for name, s in rows:
        for kind in _KINDS:
            i: ItemScores = getattr(s, kind)
            table.add_row(
                name, kind,
                *(f"{v:.3f}" for v in (i.matched.precision, i.matched.recall, i.matched.f1)),
                f"{i.strict.f1:.3f}",
                str(i.matched.gold), str(i.matched.predicted),
            )  # fmt: skip
    console.print(table)
    attrs = Table(title="attribute accuracy on matched pairs")
    attrs.add_column("kind")
    attrs.add_column("attribute")
    attrs.add_column("accuracy", justify="right")
    for kind in _KINDS:
        item: ItemScores = getattr(scores, kind)
        for name in sorted(item.attributes):
            attrs.add_row(kind, name, f"{item.accuracy(name) or 0:.3f}")
    console.print(attrs)
    console.print(f"grounding rate: {scores.grounding_rate:.3f}")


def write_reports(scores: Scores, cases: list[Case], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = summary(scores)
    paths = [out_dir / "report.json", out_dir / "report.md", out_dir / "report.html"]
    paths[0].write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths[1].write_text(_markdown(data), encoding="utf-8")
    paths[2].write_text(_html(scores, cases, data), encoding="utf-8")
    return paths


def _markdown(data: dict[str, Any]) -> str:
    lines = [
        "# laborlens eval",
        "",
        "| page | kind | P | R | F1 | strict F1 | gold | pred |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = [*data["articles"].items(), ("**overall**", data["overall"])]
    for name, d in rows:
        for kind in _KINDS:
            s = d[kind]
            lines.append(
                f"| {name} | {kind} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                f"| {s['strict_f1']:.3f} | {s['gold']} | {s['predicted']} |"
            )
    lines += [
        "",
        f"Grounding rate: {data['overall']['grounding_rate']:.3f}",
        "",
        "## Attribute accuracy",
        "",
    ]
    for kind in _KINDS:
        for name, acc in data["overall"][kind]["attributes"].items():
            lines.append(
                f"- {kind}.{name}: {acc:.3f}" if acc is not None else f"- {kind}.{name}: n/a"
            )
    lines += ["", "## Misses and false positives", ""]
    for page, d in data["articles"].items():
        for kind in _KINDS:
            for label, key in (("miss", "misses"), ("false positive", "false_positives")):
                for item in d[kind][key]:
                    lines.append(f"- {page} {kind} {label}: {json.dumps(item, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:sans-serif;margin:1em} .page{display:grid;grid-template-columns:1fr 1fr;gap:1em}
pre{white-space:pre-wrap;font-size:14px;line-height:1.5;border:1px solid #ccc;padding:.5em}
mark.hit{background:#c8f0c8} mark.miss{background:#f6c0c0;outline:1px solid #c00}
mark.fp{background:#ffe08a;outline:1px solid #c90} table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:2px 6px}
"""


def _html(scores: Scores, cases: list[Case], data: dict[str, Any]) -> str:
    parts = [
        f"<!doctype html><meta charset=utf-8><title>laborlens eval</title><style>{_CSS}</style>"
    ]
    parts.append(
        "<h1>laborlens eval</h1><p>green: matched · red: missed gold · amber: false positive</p>"
    )
    parts.append(
        "<pre>"
        + html.escape(json.dumps(data["overall"], ensure_ascii=False, indent=1)[:4000])
        + "</pre>"
    )
    by_name = {c.name: c for c in cases}
    for article in scores.articles:
        text = by_name[article.name].text
        gold_marks, pred_marks = [], []
        for kind in _KINDS:
            s: ItemScores = getattr(article, kind)
            gold_marks += [(g.span, "hit", _label(g)) for g, _ in s.pairs] + [
                (m.span, "miss", _label(m)) for m in s.misses
            ]
            pred_marks += [(p.span, "hit", _label(p)) for _, p in s.pairs] + [
                (f.span, "fp", _label(f)) for f in s.false_positives
            ]
        parts.append(f"<h2>{html.escape(article.name)}</h2><div class=page>")
        parts.append(f"<div><h3>gold</h3><pre>{_highlight(text, gold_marks)}</pre></div>")
        parts.append(
            f"<div><h3>predicted</h3><pre>{_highlight(text, pred_marks)}</pre></div></div>"
        )
    return "".join(parts) + "\n"


def _label(item: Statistic | Event) -> str:
    if isinstance(item, Statistic):
        return (
            f"{item.metric} = {item.value} {item.unit} ({item.qualifier}, {item.kind}, {item.time})"
        )
    return f"{item.type}: {item.summary} ({item.date})"


def _highlight(text: str, marks: list[tuple[tuple[int, int], str, str]]) -> str:
    """Text with every mark drawn; overlapping marks are cut at every boundary so no tag nests,
    and every slice is escaped."""
    cuts = sorted({0, len(text), *(b for span, _, _ in marks for b in span)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [(cls, label) for span, cls, label in marks if span[0] <= a and b <= span[1]]
        piece = html.escape(text[a:b])
        if covering:
            cls = next(
                (c for c in ("miss", "fp", "hit") if any(c == k for k, _ in covering)), "hit"
            )
            title = html.escape(" | ".join(label for _, label in covering), quote=True)
            piece = f'<mark class={cls} title="{title}">{piece}</mark>'
        out.append(piece)
    return "".join(out)
