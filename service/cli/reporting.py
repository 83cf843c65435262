"""`laborlens report`: batch output drawn as one self-contained HTML page."""

from pathlib import Path
from typing import Annotated

import typer

from service.cli.options import err, fail
from service.errors import LaborlensError


def report(
    source: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="What batch wrote.")],
    to: Annotated[Path, typer.Option("--to", help="The HTML file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Draw batch output as an analyst first draws it, in one HTML page that works offline:
    each indicator by province and month, a regional table, events by type and month, and the
    facts, each linked to its sources. Reposts and figures an article repeats count once.

    Examples:

        laborlens report out.jsonl --to report.html

        laborlens batch pages.jsonl --out out.jsonl && laborlens report out.jsonl --to r.html
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from service.report.build import write_report

    columns = (TextColumn("report"), BarColumn(), DownloadColumn())
    try:
        with Progress(*columns, console=err, transient=True) as progress:
            size = 2 * source.stat().st_size if source.is_file() else 0  # read twice
            task = progress.add_task("report", total=size)
            written = write_report(
                source, to, force=force, progress=lambda n: progress.advance(task, n)
            )
    except LaborlensError as exc:
        raise fail(exc) from exc
    err.print(f"wrote {written}")
