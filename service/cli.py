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

if TYPE_CHECKING:  # the batch modules are imported by the command that uses them
    from service.batch.sink import Summary
    from service.batch.source import BatchInput

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


# The eval sets `make eval` scores side by side: gold folder and the folder of texts it indexes.
EVAL_SETS: dict[str, tuple[Path, Path]] = {
    "seeds": (Path("evals/fixtures"), Path("seeds")),
    "real": (Path("evals/real/fixtures"), Path("evals/real/texts")),
    "made-up": (Path("evals/holdout/fixtures"), Path("evals/holdout/texts")),
}


def _known_sets(names: list[str] | None) -> list[str] | None:
    for name in names or []:
        if name not in EVAL_SETS:
            raise typer.BadParameter(f"{name!r} is not one of {', '.join(EVAL_SETS)}")
    return names


@app.command("eval")
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
        {"custom": (fixtures, seeds)} if fixtures else {n: EVAL_SETS[n] for n in sets or ["seeds"]}
    )
    try:
        named = {name: load_cases(gold, texts) for name, (gold, texts) in folders.items()}
        label = "saved"
        if predictions is not None:
            predicted = {name: load_predictions(predictions) for name in named}
        else:
            chosen = build_backend(load_settings(), name=backend, cache=not no_cache)
            _err.print(f"extracting {sum(map(len, named.values()))} pages with {chosen.info.name}")
            predicted = asyncio.run(predict_sets(named, chosen))
            label = chosen.info.name
    except LaborlensError as exc:
        raise _fail(exc) from exc
    scores = {name: score_cases(cases, predicted[name]) for name, cases in named.items()}
    for name, cases in named.items():
        if len(named) == 1:
            print_tables(scores[name], Console())
        if report is not None:
            where = report / name if len(named) > 1 else report
            for written in write_reports(scores[name], cases, where):
                _err.print(f"wrote {written}")
    if len(named) > 1:
        print_comparison(scores, Console(width=None if sys.stdout.isatty() else 120))
        if report is not None:
            (report / "summary.md").write_text(comparison_markdown(scores, backend=label), "utf-8")
            _err.print(f"wrote {report / 'summary.md'}")


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

    from service.http.app import SHUTDOWN_GRACE_SECONDS, create_app

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
    app = create_app(settings)
    grace = SHUTDOWN_GRACE_SECONDS
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=grace)


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="Folder of pages, or .jsonl.")],
    out: Annotated[Path, typer.Option("--out", help="Output JSONL, appended to and resumed.")],
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, help="Documents and model calls in flight (per worker with --ray)."),
    ] = None,
    backend: BackendOption = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Rewrite OUT from scratch; the cache still serves.")
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="Do again the documents OUT has error lines for."),
    ] = False,
    no_cache: NoCache = False,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="ADDRESS",
            help="Run on the Ray cluster at ADDRESS (host:port of its head), or 'local' to "
            "start one here; this process still writes OUT.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="With --ray: worker processes; default two per CPU of the cluster."
        ),
    ] = None,
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

        laborlens batch pages.jsonl --out out.jsonl --retry-failed

        laborlens batch seeds --out seeds.jsonl --dry-run

        laborlens batch pages.jsonl --out out.jsonl --ray 10.0.0.5:6379 --concurrency 16
    """
    from service.batch.source import open_input

    try:
        pages = open_input(source)
        settings = load_settings()
        if dry_run:
            _dry_run(pages, settings)
            return
        if concurrency is not None:
            settings = settings.model_copy(update={"concurrency": concurrency})
        rewrite = (refresh, retry_failed)
        if ray_address is None:
            summary = _batch_here(pages, out, settings, (backend, not no_cache, *rewrite))
        else:
            from service.batch.cluster import ClusterOptions, run_cluster_batch
            from service.batch.worker import WorkerSpec

            spec = WorkerSpec(settings, backend, cache=not no_cache)
            options = ClusterOptions(
                ray_address, workers, refresh=refresh, retry_failed=retry_failed
            )
            summary = run_cluster_batch(pages, out, spec=spec, options=options, console=_err)
    except LaborlensError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        _err.print("interrupted; run the same command again to finish")
        raise typer.Exit(130) from None
    _err.print(summary.describe())
    raise typer.Exit(1 if summary.failed or summary.failed_before else 0)


def _batch_here(
    pages: "BatchInput",
    out: Path,
    settings: Settings,
    choice: tuple[BackendName | None, bool, bool, bool],
) -> "Summary":
    """The in-process engine; `choice` is (backend, use the cache, refresh OUT, retry failed)."""
    from service.batch.local import BatchOptions, run_batch

    name, cache, refresh, retry = choice
    chosen = build_backend(settings, name=name, cache=cache)
    options = BatchOptions(settings.concurrency, refresh, settings.chunk_overlap, retry)
    work = run_batch(pages, out, backend=chosen, options=options, console=_err)
    return asyncio.run(_closing(chosen, work))


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


@app.command()
def export(
    source: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="What batch wrote.")],
    to: Annotated[Path, typer.Option("--to", help="A folder, or a .duckdb file.")],
    fmt: Annotated[
        Literal["parquet", "csv", "duckdb"] | None,
        typer.Option("--format", help="Default: duckdb for a .duckdb/.db PATH, else parquet."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
) -> None:
    """Flatten batch output into tables: documents, articles, statistics, events, warnings and
    errors, one row per item, as Parquet or CSV files (UTF-8 with BOM) or one DuckDB file.

    Examples:

        laborlens export out.jsonl --to tables/

        laborlens export out.jsonl --to tables/ --format csv

        laborlens export out.jsonl --to out.duckdb && duckdb out.duckdb "from statistics"
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from service.export.write import choose_format, export_tables

    chosen = choose_format(to, fmt)
    columns = (TextColumn("export"), BarColumn(), DownloadColumn())
    try:
        with Progress(*columns, console=_err, transient=True) as progress:
            size = source.stat().st_size if source.is_file() else 0
            task = progress.add_task("export", total=size)
            summary = export_tables(
                source, to, fmt=chosen, force=force,
                progress=lambda n: progress.advance(task, n),
            )  # fmt: skip
    except LaborlensError as exc:
        raise _fail(exc) from exc
    _err.print(f"rows: {summary.describe()}")
    for path in summary.paths:
        _err.print(f"wrote {path}")


async def _closing(backend: Backend, work: Coroutine[Any, Any, _T]) -> _T:
    """Await `work`, then close `backend` (its HTTP client) however `work` ended."""
    async with aclosing(backend):
        return await work


if __name__ == "__main__":
    app()
