"""Scores -> a rich table on the terminal and report.json, report.md and report.html (the page
itself is drawn by `page`: summary tables first, then each page's gold | predicted spans)."""

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from schemas.results import Event, Statistic
from service.evals.evaluate import Case
from service.evals.page import render_html
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
        "cell_f1": s.cell.f1,
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
    for column in ("page", "kind", "P", "R", "F1", "strict F1", "cell F1", "gold", "pred"):
        table.add_column(column, justify="left" if column in ("page", "kind") else "right")
    rows = [(a.name, a) for a in scores.articles] + [("overall", scores)]
    for name, s in rows:
        for kind in _KINDS:
            i: ItemScores = getattr(s, kind)
            table.add_row(
                name, kind,
                *(f"{v:.3f}" for v in (i.matched.precision, i.matched.recall, i.matched.f1)),
                f"{i.strict.f1:.3f}", f"{i.cell.f1:.3f}",
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
    paths[2].write_text(render_html(scores, cases, data), encoding="utf-8")
    return paths


def _markdown(data: dict[str, Any]) -> str:
    lines = [
        "# laborlens eval",
        "",
        "| page | kind | P | R | F1 | strict F1 | cell F1 | gold | pred |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [*data["articles"].items(), ("**overall**", data["overall"])]
    for name, d in rows:
        for kind in _KINDS:
            s = d[kind]
            lines.append(
                f"| {name} | {kind} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                f"| {s['strict_f1']:.3f} | {s['cell_f1']:.3f} | {s['gold']} | {s['predicted']} |"
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
