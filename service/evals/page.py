"""Scores -> report.html, one self-contained page: the summary first (P/R/F1/strict per kind,
overall and per page; cell F1; attribute accuracies), then each page's text twice, gold | predicted,
with hits, misses and false positives marked and listed."""

import html
import itertools
from typing import Any

from schemas.results import Event, Statistic
from service.evals.evaluate import Case
from service.evals.score import ArticleScores, ItemScores, Scores

_KINDS = ("statistics", "events")
_Mark = tuple[tuple[int, int], str, str]  # span, class (hit, miss, fp), label

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:1em 1.5em;
color:#1d2126} h1{margin:.2em 0} h2{margin:1.4em 0 .4em} .meta,.legend{color:#68707a}
table{border-collapse:collapse;font-size:14px} td,th{border:1px solid #d0d4da;padding:3px 8px}
th{background:#f0f2f5;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.overall td{font-weight:bold;background:#f7f9fc} td.good{background:#dcf3dc}
td.fair{background:#fff3cf} td.poor{background:#fbdcdc} td.na{color:#9aa1a9}
.page{display:grid;grid-template-columns:1fr 1fr;gap:1em}
pre{white-space:pre-wrap;font-size:14px;line-height:1.6;border:1px solid #d0d4da;padding:.5em;
margin:0;max-height:36em;overflow:auto} mark{color:inherit}
mark.hit{background:#c8f0c8} mark.miss{background:#f6c0c0;outline:1px solid #c00}
mark.fp{background:#ffe08a;outline:1px solid #c90} section{margin-bottom:2em}
"""
_LEGEND = (
    "<p class=legend><mark class=hit>matched</mark> · <mark class=miss>missed gold</mark> · "
    "<mark class=fp>false positive</mark>; hover a mark for its fields</p>"
)


def render_html(scores: Scores, cases: list[Case], data: dict[str, Any]) -> str:
    """The whole report page; `data` is `report.summary(scores)`."""
    pages = [a.name for a in scores.articles]
    parts = [
        "<!doctype html><html lang=zh-Hans><meta charset=utf-8><title>laborlens eval</title>",
        f"<style>{_CSS}</style><h1>laborlens eval</h1>",
        f"<p class=meta>{len(pages)} pages · grounding rate "
        f"{data['overall']['grounding_rate']:.3f}</p>",
        "<h2>Scores</h2>",
        _score_table(data),
        "<h2>Attribute accuracy on matched pairs</h2>",
        _attribute_table(data, pages),
        "<h2>Pages</h2>",
        _LEGEND,
    ]
    texts = {c.name: c.text for c in cases}
    for number, article in enumerate(scores.articles, start=1):
        parts.append(_page_section(number, article.name, texts[article.name], article))
    return "".join(parts) + "\n"


def _score_table(data: dict[str, Any]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("page", "kind", "P", "R", "F1", "strict F1", "cell F1", "gold", "pred",
                  "matched", "missed", "false +")
    )  # fmt: skip
    rows = [("overall", "", data["overall"])]
    rows += [(name, f"#page-{i}", d) for i, (name, d) in enumerate(data["articles"].items(), 1)]
    body = []
    for name, anchor, d in rows:
        for kind in _KINDS:
            s = d[kind]
            page = f"<a href='{anchor}'>{html.escape(name)}</a>" if anchor else name
            cells = [page, kind, *(_score_cell(s[k]) for k in ("precision", "recall", "f1"))]
            cells += [_score_cell(s["strict_f1"]), _score_cell(s["cell_f1"])]
            cells += [f"<td class=n>{s[k]}</td>" for k in ("gold", "predicted", "matched")]
            cells += [f"<td class=n>{len(s[k])}</td>" for k in ("misses", "false_positives")]
            row_class = " class=overall" if not anchor else ""
            body.append(f"<tr{row_class}>" + "".join(_td(c) for c in cells) + "</tr>")
    return _table("scores", head, "".join(body))


def _table(name: str, head: str, body: str) -> str:
    return f"<table class={name}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(cell: str) -> str:
    return cell if cell.startswith("<td") else f"<td>{cell}</td>"


def _score_cell(value: float | None) -> str:
    if value is None:
        return "<td class='n na'>n/a</td>"
    grade = "good" if value >= 0.8 else "fair" if value >= 0.5 else "poor"
    return f"<td class='n {grade}'>{value:.3f}</td>"


def _attribute_table(data: dict[str, Any], pages: list[str]) -> str:
    head = "<th>kind</th><th>attribute</th><th>overall</th>" + "".join(
        f"<th>{html.escape(p)}</th>" for p in pages
    )
    body = []
    for kind in _KINDS:
        for name, overall in data["overall"][kind]["attributes"].items():
            per_page = [data["articles"][p][kind]["attributes"].get(name) for p in pages]
            cells = "".join(_score_cell(v) for v in [overall, *per_page])
            body.append(f"<tr><td>{kind}</td><td>{html.escape(name)}</td>{cells}</tr>")
    return _table("attributes", head, "".join(body))


def _page_section(number: int, name: str, text: str, article: ArticleScores) -> str:
    gold: list[_Mark] = []
    predicted: list[_Mark] = []
    listed = []
    for kind in _KINDS:
        s: ItemScores = getattr(article, kind)
        gold += [(g.span, "hit", _label(g)) for g, _ in s.pairs]
        gold += [(m.span, "miss", _label(m)) for m in s.misses]
        predicted += [(p.span, "hit", _label(p)) for _, p in s.pairs]
        predicted += [(f.span, "fp", _label(f)) for f in s.false_positives]
        listed += [("miss", kind, m) for m in s.misses]
        listed += [("fp", kind, f) for f in s.false_positives]
    rows = "".join(
        f"<tr><td><mark class={cls}>{'missed' if cls == 'miss' else 'false +'}</mark></td>"
        f"<td>{kind}</td><td>{html.escape(_label(item))}</td>"
        f"<td>{html.escape(item.evidence)}</td>"
        f"<td class=n>[{item.span[0]}, {item.span[1]})</td></tr>"
        for cls, kind, item in listed
    )
    head = "<th></th><th>kind</th><th>item</th><th>evidence</th><th>span</th>"
    table = (
        _table("problems", head, rows)
        if rows
        else "<p class=meta>no misses and no false positives</p>"
    )
    return (
        f"<section id=page-{number}><h3>{html.escape(name)}</h3><div class=page>"
        f"<div><h4>gold</h4><pre>{_highlight(text, gold)}</pre></div>"
        f"<div><h4>predicted</h4><pre>{_highlight(text, predicted)}</pre></div></div>"
        f"<h4>misses and false positives</h4>{table}</section>"
    )


def _label(item: Statistic | Event) -> str:
    if isinstance(item, Statistic):
        return (
            f"{item.metric} = {item.value} {item.unit} ({item.qualifier}, {item.kind}, {item.time})"
            f" {item.indicator} @ {item.location_code}"
        )
    return f"{item.type}: {item.summary} ({item.date}) @ {item.location_code}"


def _highlight(text: str, marks: list[_Mark]) -> str:
    """Text with every mark drawn; overlapping marks are cut at every boundary so no tag nests,
    and every slice is escaped. A piece under several marks takes the worst class."""
    cuts = sorted({0, len(text), *(b for span, _, _ in marks for b in span)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [(cls, label) for span, cls, label in marks if span[0] <= a and b <= span[1]]
        piece = html.escape(text[a:b])
        if covering:
            cls = next(c for c in ("miss", "fp", "hit") if any(c == k for k, _ in covering))
            title = html.escape(" | ".join(label for _, label in covering), quote=True)
            piece = f'<mark class={cls} title="{title}">{piece}</mark>'
        out.append(piece)
    return "".join(out)
