"""`laborlens batch`: every page of a folder or JSONL file into OUT, here or on a Ray cluster."""

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from schemas.vocab import BackendName
from service.backends import build_backend
from service.cli.options import BackendOption, NoCache, closing, err, fail
from service.errors import LaborlensError
from service.settings import Settings, load_settings

if TYPE_CHECKING:  # the batch modules are imported by the command that uses them
    from service.batch.sink import Summary
    from service.batch.source import BatchInput


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
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Read the folder's subfolders too.")
    ] = False,
) -> None:
    """Extract from every page in INPUT into OUT, one JSON line each; run again to resume.

    INPUT is a folder of pages (.txt .md .html .htm .shtml .xhtml .pdf), a .jsonl file of
    {"id", "text" or "url", "published"?} records, or a .txt file of URLs, one per line. A page
    changed since its line was written is done again.

    Exit code 0 when every document is ok, 1 when any failed, 2 for bad INPUT or settings.

    Examples:

        laborlens batch seeds --out seeds.jsonl --backend rules

        laborlens batch archive/ --recursive --out archive.jsonl

        laborlens batch pages.jsonl --out out.jsonl --concurrency 4 && jq -c .status out.jsonl

        laborlens batch pages.jsonl --out out.jsonl --retry-failed

        laborlens batch seeds --out seeds.jsonl --dry-run

        laborlens batch pages.jsonl --out out.jsonl --ray 10.0.0.5:6379 --concurrency 16
    """
    from service.batch.source import open_input

    try:
        pages = open_input(source, recursive=recursive)
        for name, why in pages.skipped:
            err.print(f"not read: {name}: {why}", markup=False, highlight=False)
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
            summary = run_cluster_batch(pages, out, spec=spec, options=options, console=err)
    except LaborlensError as exc:
        raise fail(exc) from exc
    except KeyboardInterrupt:
        err.print("interrupted; run the same command again to finish")
        raise typer.Exit(130) from None
    err.print(summary.describe())
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
    options = BatchOptions(
        concurrency=settings.concurrency,
        refresh=refresh,
        overlap=settings.chunk_overlap,
        retry_failed=retry,
    )
    work = run_batch(pages, out, backend=chosen, options=options, console=err)
    return asyncio.run(closing(chosen, work))


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
