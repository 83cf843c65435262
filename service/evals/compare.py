"""Several eval sets scored by one backend, side by side: the seeds, the real-text development
set and the made-up pages in one table, so a gain on one set is read beside the others."""

from typing import Literal

from rich.console import Console
from rich.table import Table

from service.evals.score import ItemScores, Scores

_KINDS = ("statistics", "events")
# Attribute accuracies worth a column: what time series and regional tables are built from.
_ATTRIBUTES = {
    "statistics": ("time", "location", "indicator", "location_code"),
    "events": ("date", "location", None, "location_code"),
}


def comparison_rows(named: dict[str, Scores]) -> list[list[str]]:
    """One row per set and kind: P, R, F1, strict F1, cell F1, the accuracies of time or date,
    location, indicator and location code, and sizes."""
    rows = []
    for name, scores in named.items():
        for kind in _KINDS:
            s: ItemScores = getattr(scores, kind)
            accuracies = [s.accuracy(a) if a else None for a in _ATTRIBUTES[kind]]
            rows.append(
                [
                    name,
                    kind,
                    *(f"{v:.3f}" for v in (s.matched.precision, s.matched.recall, s.matched.f1)),
                    f"{s.strict.f1:.3f}",
                    f"{s.cell.f1:.3f}",
                    *("-" if a is None else f"{a:.3f}" for a in accuracies),
                    str(s.matched.gold),
                    str(s.matched.predicted),
                    str(len(scores.articles)),
                ]
            )
    return rows


_HEADER = (
    "set", "kind", "P", "R", "F1", "strict F1", "cell F1", "time", "location", "indicator", "code",
    "gold", "pred", "pages",
)  # fmt: skip


def print_comparison(named: dict[str, Scores], console: Console) -> None:
    table = Table(
        title="laborlens eval, side by side (accuracies on matches; time: time or date; "
        "code: location_code)"
    )
    for column in _HEADER:
        named_column = column in ("set", "kind")  # names are never cut: figures may wrap
        justify: Literal["left", "right"] = "left" if named_column else "right"
        table.add_column(
            column, justify=justify, no_wrap=named_column, min_width=10 if named_column else None
        )
    for row in comparison_rows(named):
        table.add_row(*row)
    console.print(table)


def comparison_markdown(named: dict[str, Scores], *, backend: str) -> str:
    lines = [
        f"# laborlens eval, side by side ({backend} backend)",
        "",
        "| " + " | ".join(_HEADER) + " |",
        "|" + "---|" * len(_HEADER),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in comparison_rows(named)]
    return "\n".join(lines) + "\n"
