"""`laborlens eval`: score the extractor against hand-labelled fixtures."""

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from service.backends import build_backend
from service.cli.options import BackendOption, NoCache, err, fail
from service.errors import LaborlensError
from service.evals.sets import EVAL_SETS, EvalSet
from service.settings import load_settings


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
    from service.evals.compare import comparison_markdown, print_comparison
    from service.evals.evaluate import load_cases, load_predictions, predict_sets, score_cases
    from service.evals.report import print_tables, write_reports

    folders = (
        {"custom": EvalSet(fixtures, seeds)}
        if fixtures
        else {n: EVAL_SETS[n] for n in sets or ["seeds"]}
    )
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
    for name, cases in named.items():
        if len(named) == 1:
            print_tables(scores[name], Console())
        if report is not None:
            where = report / name if len(named) > 1 else report
            for written in write_reports(scores[name], cases, where):
                err.print(f"wrote {written}")
    if len(named) > 1:
        print_comparison(scores, Console(width=None if sys.stdout.isatty() else 120))
        if report is not None:
            (report / "summary.md").write_text(comparison_markdown(scores, backend=label), "utf-8")
            err.print(f"wrote {report / 'summary.md'}")
