"""What every command shares: the stderr console, the common options, failing and closing."""

from collections.abc import Coroutine
from contextlib import aclosing
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from schemas.vocab import BackendName
from service.errors import LaborlensError
from service.extract.base import Backend

_T = TypeVar("_T")
err = Console(stderr=True, soft_wrap=True)  # messages stay on one line for grep

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


def fail(exc: LaborlensError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}")
    return typer.Exit(2)


async def closing(backend: Backend, work: Coroutine[Any, Any, _T]) -> _T:
    """Await `work`, then close `backend` (its HTTP client) however `work` ended."""
    async with aclosing(backend):
        return await work
