"""`laborlens extract`: one page in, its DocumentResult as JSON on stdout."""

import asyncio
import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from service.backends import build_backend
from service.cli.options import BackendOption, NoCache, Refresh, closing, err, fail
from service.errors import LaborlensError
from service.settings import load_settings


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
        result = asyncio.run(closing(chosen, work))
    except LaborlensError as exc:
        raise fail(exc) from exc
    indent = 1 if output == "json" else None
    typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=indent))
    if result.errors:
        err.print(f'[yellow]{len(result.errors)} chunk(s) failed; see "errors"[/yellow]')
