"""The `laborlens` command: JSON to stdout, progress and messages to stderr."""

import asyncio
import json
import sys
from collections.abc import Coroutine
from contextlib import aclosing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from rich.console import Console

from schemas.vocab import BackendName
from service.backends import build_backend
from service.errors import LaborlensError
from service.extract.base import Backend
from service.settings import Settings, load_settings

if TYPE_CHECKING:
    from service.batch import BatchInput

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
_T = TypeVar("_T")
_err = Console(stderr=True, soft_wrap=True)  # messages stay on one line for grep

BackendOption = Annotated[
    BackendName | None,
    typer.Option(
        "--backend", help="rules (offline) or llm; default: llm when a model is configured"
    ),
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]
Refresh = Annotated[
    bool, typer.Option("--refresh", help="Ask the model again; still write the cache.")
]


def _fail(exc: LaborlensError) -> typer.Exit:
    _err.print(f"[red]error:[/red] {exc}")
    return typer.Exit(2)


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    backend: BackendOption = None,
    output: Annotated[
        Literal["json", "jsonl"], typer.Option(help="Pretty JSON or one line.")
    ] = "json",
    no_cache: NoCache = False,
    refresh: Refresh = False,
) -> None:
    """Extract grounded statistics and events from one article page.

    Examples:

        laborlens extract seeds/000_0c4ce29092f07e54.txt --published 2022-02-20

        cat article.txt | laborlens extract - --backend rules --output jsonl | jq .articles
    """
    from service.pipeline import run
    from service.read import read_text

    try:
        text = read_text(sys.stdin.buffer if path == "-" else Path(path))
        settings = load_settings()
        chosen = build_backend(settings, name=backend, cache=not no_cache, refresh=refresh)
        work = run(text, backend=chosen, published=published, overlap=settings.chunk_overlap)
        result = asyncio.run(_closing(chosen, work))
    except LaborlensError as exc:
        raise _fail(exc) from exc
    indent = 1 if output == "json" else None
    typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=indent))
    if result.errors:
        _err.print(f'[yellow]{len(result.errors)} chunk(s) failed; see "errors"[/yellow]')


@app.command("eval")
def eval_(
    backend: BackendOption = None,
    fixtures: Annotated[Path, typer.Option(help="Gold fixture folder.")] = Path("evals/fixtures"),
    seeds: Annotated[Path, typer.Option(help="Folder of the seed texts.")] = Path("seeds"),
    predictions: Annotated[
        Path | None, typer.Option(help="Score saved predictions instead.")
    ] = None,
    report: Annotated[Path | None, typer.Option(help="Write report.json/.md/.html here.")] = None,
    no_cache: NoCache = False,
) -> None:
    """Score the extractor against the hand-labelled fixtures.

    Examples:

        laborlens eval --backend rules --report evals/reports

        laborlens eval --predictions out/ --report evals/reports
    """
    from service.evals.evaluate import load_cases, load_predictions, predict, score_cases
    from service.evals.report import print_tables, write_reports

    try:
        cases = load_cases(fixtures, seeds)
        if predictions is not None:
            predicted = load_predictions(predictions)
        else:
            chosen = build_backend(load_settings(), name=backend, cache=not no_cache)
            _err.print(f"extracting {len(cases)} pages with the {chosen.info.name} backend")
            predicted = asyncio.run(predict(cases, chosen))
    except LaborlensError as exc:
        raise _fail(exc) from exc
    scores = score_cases(cases, predicted)
    print_tables(scores, Console())
    if report is not None:
        for written in write_reports(scores, cases, report):
            _err.print(f"wrote {written}")


_DEMO_SEED = "seeds/000_0c4ce29092f07e54.txt"


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to bind.", min=0, max=65535)] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="First print a curl command that posts a seed page.")
    ] = False,
) -> None:
    """Serve POST /v1/extract, /healthz, /metrics and /docs over HTTP until interrupted.

    Examples:

        laborlens serve --port 8000

        LABORLENS_API_TOKEN=s3cret laborlens serve --host 0.0.0.0 --demo
    """
    import logging

    import uvicorn

    from service.http.app import create_app

    try:
        settings = load_settings()
    except LaborlensError as exc:
        raise _fail(exc) from exc
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if demo:
        auth = ' -H "Authorization: Bearer $LABORLENS_API_TOKEN"' if settings.api_token else ""
        target = "127.0.0.1" if host in {"0.0.0.0", "::"} else host  # curl the loopback
        _err.print(
            f"try: curl -s --data-binary @{_DEMO_SEED} -H 'Content-Type: text/plain'{auth} "
            f"'http://{target}:{port}/v1/extract?published=2022-02-20' | jq .articles[0]",
            markup=False,
            highlight=False,
        )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="Folder of pages, or .jsonl.")],
    out: Annotated[Path, typer.Option("--out", help="Output JSONL, appended to and resumed.")],
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="Documents and model calls in flight.")
    ] = None,
    backend: BackendOption = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Rewrite OUT from scratch; the cache still serves.")
    ] = False,
    no_cache: NoCache = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Count documents, chunks, requests and estimated prompt tokens; ask no model.",
        ),
    ] = False,
) -> None:
    """Extract from every page in INPUT into OUT, one JSON line each; run again to resume.

    Exit code 0 when every document is ok, 1 when any failed, 2 for bad INPUT or settings.

    Examples:

        laborlens batch seeds --out seeds.jsonl --backend rules

        laborlens batch pages.jsonl --out out.jsonl --concurrency 4 && jq -c .status out.jsonl

        laborlens batch seeds --out seeds.jsonl --dry-run
    """
    from service.batch import BatchOptions, open_input, run_batch

    try:
        pages = open_input(source)
        settings = load_settings()
        if dry_run:
            _dry_run(pages, settings)
            return
        if concurrency is not None:
            settings = settings.model_copy(update={"concurrency": concurrency})
        chosen = build_backend(settings, name=backend, cache=not no_cache)
        options = BatchOptions(settings.concurrency, refresh, settings.chunk_overlap)
        work = run_batch(pages, out, backend=chosen, options=options, console=_err)
        summary = asyncio.run(_closing(chosen, work))
    except LaborlensError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        _err.print("interrupted; run the same command again to finish")
        raise typer.Exit(130) from None
    _err.print(summary.describe())
    raise typer.Exit(1 if summary.failed or summary.failed_before else 0)


def _dry_run(pages: "BatchInput", settings: "Settings") -> None:
    """What the batch would send, on stdout; OUT is not touched."""
    from service.estimate import estimate_batch

    estimate = estimate_batch(
        pages,
        chunk_chars=settings.chunk_chars,
        overlap=settings.chunk_overlap,
        prompt_version=settings.prompt_version,
    )
    typer.echo(estimate.describe())


async def _closing(backend: Backend, work: Coroutine[Any, Any, _T]) -> _T:
    """Await `work`, then close `backend` (its HTTP client) however `work` ended."""
    async with aclosing(backend):
        return await work


if __name__ == "__main__":
    app()
