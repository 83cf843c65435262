"""`laborlens extract`: one page in, its DocumentResult as JSON on stdout."""

import asyncio
import json
from typing import Annotated, Literal

import typer

from service.backends import build_backend
from service.cli.options import BackendOption, NoCache, Refresh, closing, err, fail
from service.errors import LaborlensError
from service.settings import load_settings


def extract(
    path: Annotated[
        str, typer.Argument(help="A page (.txt .md .html .shtml .pdf ...), a URL, or - for stdin.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
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

        laborlens extract https://www.example.gov.cn/art/2024/3/1/art_1.shtml

        cat article.txt | laborlens extract - --backend rules --output jsonl | jq .articles
    """
    from service.read.document import checked_published, extract_page, model_failure
    from service.read.open import read_location

    try:
        checked_published(published)
        page = read_location(path)
        settings = load_settings()
        chosen = build_backend(settings, name=backend, cache=not no_cache, refresh=refresh)
        work = extract_page(
            page, backend=chosen, published=published, overlap=settings.chunk_overlap
        )
        result = asyncio.run(closing(chosen, work))
    except LaborlensError as exc:
        raise fail(exc) from exc
    indent = 1 if output == "json" else None
    typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=indent))
    for warning in page.warnings:
        err.print(f"[yellow]warning:[/yellow] {path}: {warning}")
    failed = model_failure(result, base_url=settings.base_url)
    if failed is not None:
        err.print(f"[red]error:[/red] {failed}", markup=True, highlight=False)
        raise typer.Exit(1)
    if result.errors:
        err.print(f'[yellow]{len(result.errors)} chunk(s) failed; see "errors"[/yellow]')
