"""`laborlens eval`: score the extractor against hand-labelled fixtures."""

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from service.backends import build_backend
from service.cli.options import BackendOption, NoCache, err, fail
from service.errors import LaborlensError
from service.evals.sets import EVAL_SETS, EvalSet
from service.settings import load_settings

if TYPE_CHECKING:  # the eval modules are imported on use: other commands start faster
    from service.evals.evaluate import Case
    from service.evals.score import Scores


def _known_sets(names: list[str] | None) -> list[str] | None:
    for name in names or []:
        if name not in EVAL_SETS:
            raise typer.BadParameter(f"{name!r} is not one of {', '.join(EVAL_SETS)}")
    return names


def eval_(
    backend: BackendOption = None,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            callback=_known_sets,
            help=f"An eval set ({', '.join(EVAL_SETS)}); repeat to score several side by side.",
        ),
    ] = None,
    fixtures: Annotated[
        Path | None, typer.Option(help="Gold fixture folder (instead of --set).")
    ] = None,
    seeds: Annotated[Path, typer.Option(help="Folder of the texts --fixtures index.")] = Path(
        "seeds"
    ),
    predictions: Annotated[
        Path | None, typer.Option(help="Score saved predictions instead (one set).")
    ] = None,
    report: Annotated[
        Path | None, typer.Option(help="Write report.json/.md/.html here (a folder per set).")
    ] = None,
    no_cache: NoCache = False,
) -> None:
    """Score the extractor against hand-labelled fixtures: one set, or several side by side.

    Examples:

        laborlens eval --backend rules --set seeds --set real --set made-up --report evals/reports

        laborlens eval --fixtures evals/fixtures --seeds seeds --predictions out/
    """
    from service.evals.compare import print_comparison
    from service.evals.evaluate import load_cases, load_predictions, predict_sets, score_cases
    from service.evals.report import print_tables

    folders = (
        {"custom": EvalSet(fixtures, seeds)}
        if fixtures
        else {n: EVAL_SETS[n] for n in sets or ["seeds"]}
    )
    for name in [n for n, s in folders.items() if s.blind and not s.fixtures.is_dir()]:
        err.print(f"{name}: no set at {folders.pop(name).fixtures} yet, skipped")
    try:
        named = {name: load_cases(s.fixtures, s.texts) for name, s in folders.items()}
        label = "saved"
        if predictions is not None:
            predicted = {name: load_predictions(predictions) for name in named}
        else:
            settings = load_settings()
            chosen = build_backend(settings, name=backend, cache=not no_cache)
            err.print(f"extracting {sum(map(len, named.values()))} pages with {chosen.info.name}")
            work = predict_sets(named, chosen, overlap=settings.chunk_overlap)
            predicted = asyncio.run(work)
            label = chosen.info.name
    except LaborlensError as exc:
        raise fail(exc) from exc
    scores = {name: score_cases(cases, predicted[name]) for name, cases in named.items()}
    blind = {name for name, s in folders.items() if s.blind}
    if len(named) == 1 and not set(named) & blind:
        print_tables(next(iter(scores.values())), Console())
    else:  # several sets, or a blind one: its overall figures only
        print_comparison(scores, Console(width=None if sys.stdout.isatty() else 120))
    if report is not None:
        _write_reports(report, named, scores, label=label, blind=blind)


def _write_reports(report: Path, named: dict[str, list["Case"]], scores: dict[str, "Scores"],
                   *, label: str, blind: set[str]) -> None:  # fmt: skip
    """A folder per set (the report folder itself for one set) and, for several, summary.md."""
    from service.evals.blind import write_blind_reports
    from service.evals.compare import comparison_markdown
    from service.evals.report import write_reports

    for name, cases in named.items():
        where = report / name if len(named) > 1 else report
        if name in blind:
            written = write_blind_reports(scores[name], where)
        else:
            written = write_reports(scores[name], cases, where)
        for path in written:
            err.print(f"wrote {path}")
    if len(named) > 1:
        (report / "summary.md").write_text(comparison_markdown(scores, backend=label), "utf-8")
        err.print(f"wrote {report / 'summary.md'}")
