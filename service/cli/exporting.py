"""`laborlens export`: batch output flattened into Parquet, CSV or DuckDB tables."""

from pathlib import Path
from typing import Annotated, Literal

import typer

from service.cli.options import err, fail
from service.errors import LaborlensError


def export(
    source: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="What batch wrote.")],
    to: Annotated[Path, typer.Option("--to", help="A folder, or a .duckdb file.")],
    fmt: Annotated[
        Literal["parquet", "csv", "duckdb"] | None,
        typer.Option("--format", help="Default: duckdb for a .duckdb/.db PATH, else parquet."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
) -> None:
    """Flatten batch output into tables: documents (with their stories), articles, statistics,
    events, warnings, errors and facts (one row per distinct fact, with its sources), as Parquet
    or CSV files (UTF-8 with BOM) or one DuckDB file.

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
        with Progress(*columns, console=err, transient=True) as progress:
            size = 2 * source.stat().st_size if source.is_file() else 0  # read twice
            task = progress.add_task("export", total=size)
            summary = export_tables(
                source, to, fmt=chosen, force=force,
                progress=lambda n: progress.advance(task, n),
            )  # fmt: skip
    except LaborlensError as exc:
        raise fail(exc) from exc
    err.print(f"rows: {summary.describe()}")
    for path in summary.paths:
        err.print(f"wrote {path}")
