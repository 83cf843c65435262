"""Several eval sets scored by one backend, side by side: the seeds, the real-text development
set and the made-up pages in one table, so a gain on one set is read beside the others."""

from rich.console import Console
from rich.table import Table

from service.evals.score import ItemScores, Scores

_KINDS = ("statistics", "events")
# Attribute accuracies worth a column: what time series and regional tables are built from.
_ATTRIBUTES = {"statistics": ("time", "location"), "events": ("date", "location")}


def comparison_rows(named: dict[str, Scores]) -> list[list[str]]:
    """One row per set and kind: P, R, F1, strict F1, time/date and location accuracy, sizes."""
    rows = []
    for name, scores in named.items():
        for kind in _KINDS:
            s: ItemScores = getattr(scores, kind)
            accuracies = [s.accuracy(a) for a in _ATTRIBUTES[kind]]
            rows.append(
                [
                    name,
                    kind,
                    *(f"{v:.3f}" for v in (s.matched.precision, s.matched.recall, s.matched.f1)),
                    f"{s.strict.f1:.3f}",
                    *("-" if a is None else f"{a:.3f}" for a in accuracies),
                    str(s.matched.gold),
                    str(s.matched.predicted),
                    str(len(scores.articles)),
                ]
            )
    return rows


_HEADER = ("set", "kind", "P", "R", "F1", "strict F1", "time", "location", "gold", "pred", "pages")


def print_comparison(named: dict[str, Scores], console: Console) -> None:
    table = Table(title="laborlens eval, side by side (time: time or date accuracy on matches)")
    for column in _HEADER:
        table.add_column(column, justify="left" if column in ("set", "kind") else "right")
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
