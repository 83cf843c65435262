"""OUT.jsonl of `laborlens batch` -> the tables of `rows.TABLES` as Parquet files, CSV files or
one DuckDB database, streamed: rows go out in batches, so memory stays flat however long OUT is.

    parquet   PATH is a folder: documents.parquet, articles.parquet, statistics.parquet, ...
    csv       PATH is a folder: one .csv per table, UTF-8 with a BOM (Excel then reads Chinese)
    duckdb    PATH is one database file with one table per name

Every export also holds the `divisions` lookup, so the items' codes can be joined to names.

Nothing half-written is left under a final name: each file is written beside its target as
`.NAME.partial` and renamed into place only when the whole input has been read, and removed
when anything fails. Existing targets are refused unless `force` is set.
"""

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Protocol

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from service.errors import InputError
from service.export.dataset import dataset_rows
from service.export.rows import TABLES, ColumnType, Row, TableName, division_rows

ExportFormat = Literal["parquet", "csv", "duckdb"]
FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "duckdb")
_DATABASE_SUFFIXES = frozenset({".duckdb", ".db"})
_BATCH_ROWS = 5000  # rows of one table held before they are written
# Excel, LibreOffice and Sheets run a cell that opens so as a formula (CSV injection).
_FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")

_ARROW: dict[ColumnType, Any] = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
_SQL: dict[ColumnType, str] = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE"}
_SCHEMAS = {t: pa.schema([(n, _ARROW[k]) for n, k in cols]) for t, cols in TABLES.items()}


@dataclass(slots=True)
class ExportSummary:
    """What an export wrote: rows per table, and the files."""

    rows: dict[TableName, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    paths: list[Path] = field(default_factory=list)

    def describe(self) -> str:
        return ", ".join(f"{table} {n}" for table, n in self.rows.items())


def choose_format(target: Path, given: ExportFormat | None) -> ExportFormat:
    """`--format` when given; else a .duckdb/.db PATH is a database and any other a folder of
    Parquet files."""
    if given is not None:
        return given
    return "duckdb" if target.suffix.lower() in _DATABASE_SUFFIXES else "parquet"


def export_tables(
    source: Path,
    target: Path,
    *,
    fmt: ExportFormat,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ExportSummary:
    """Every line of `source` -> rows in the tables at `target`; `progress` gets bytes read."""
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    finals = _targets(target, fmt)
    existing = [p for p in finals.values() if p.exists()]
    if existing and not force:
        raise InputError(f"{existing[0]} exists; pass --force to replace it")
    staged = {t: p.with_name(f".{p.name}.partial") for t, p in finals.items()}
    summary = ExportSummary(paths=sorted(set(finals.values())))
    try:
        writer = _WRITERS[fmt](staged)
        try:
            _stream(source, writer, summary, progress)
        finally:
            writer.close()
        # One move per file: a database is one file for all the tables.
        for partial, final in {staged[t]: finals[t] for t in TABLES}.items():
            partial.replace(final)
    finally:
        for path in staged.values():
            path.unlink(missing_ok=True)
    return summary


def _targets(target: Path, fmt: ExportFormat) -> dict[TableName, Path]:
    if fmt == "duckdb":
        if target.is_dir():
            raise InputError(f"{target} is a folder; a DuckDB export is one file, e.g. out.duckdb")
        target.parent.mkdir(parents=True, exist_ok=True)
        return dict.fromkeys(TABLES, target)
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} is a file; a {fmt} export is a folder of one file per table")
    target.mkdir(parents=True, exist_ok=True)
    return {table: target / f"{table}.{fmt}" for table in TABLES}


def _stream(
    source: Path,
    writer: "_Writer",
    summary: ExportSummary,
    progress: Callable[[int], None] | None,
) -> None:
    pending: dict[TableName, list[Row]] = {t: [] for t in TABLES}
    for table, row in dataset_rows(source, progress):
        pending[table].append(row)
        summary.rows[table] += 1
        if len(pending[table]) >= _BATCH_ROWS:
            writer.append(table, pending[table])
            pending[table] = []
    pending["divisions"] = list(division_rows())
    summary.rows["divisions"] = len(pending["divisions"])
    for table, rows in pending.items():
        if rows:
            writer.append(table, rows)


class _Writer(Protocol):
    def append(self, table: TableName, rows: list[Row]) -> None: ...
    def close(self) -> None: ...


class _Parquet:
    def __init__(self, paths: dict[TableName, Path]) -> None:
        # Opened up front, so a table without rows is still a file with its columns.
        self._files = {t: pq.ParquetWriter(p, _SCHEMAS[t]) for t, p in paths.items()}

    def append(self, table: TableName, rows: list[Row]) -> None:
        self._files[table].write_table(pa.Table.from_pylist(rows, schema=_SCHEMAS[table]))

    def close(self) -> None:
        for file in self._files.values():
            file.close()


class _Csv:
    def __init__(self, paths: dict[TableName, Path]) -> None:
        # utf-8-sig writes the BOM by which Excel knows the file is UTF-8.
        self._files: dict[TableName, IO[str]] = {
            t: p.open("w", encoding="utf-8-sig", newline="") for t, p in paths.items()
        }
        self._writers = {t: csv.writer(f) for t, f in self._files.items()}
        for table, writer in self._writers.items():
            writer.writerow([name for name, _ in TABLES[table]])

    def append(self, table: TableName, rows: list[Row]) -> None:
        names = [name for name, _ in TABLES[table]]
        cells = ([spreadsheet_safe(row.get(n)) for n in names] for row in rows)
        self._writers[table].writerows(cells)

    def close(self) -> None:
        for file in self._files.values():
            file.close()


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: text that opens like a formula (= + - @, tab,
    carriage return) gets a leading apostrophe, as OWASP advises; numbers stay numbers.

    >>> spreadsheet_safe("=1+2"), spreadsheet_safe("@SUM(A1)"), spreadsheet_safe(-5)
    ("'=1+2", "'@SUM(A1)", -5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_OPENERS):
        return "'" + value
    return value


class _DuckDB:
    def __init__(self, paths: dict[TableName, Path]) -> None:
        (path,) = set(paths.values())
        path.unlink(missing_ok=True)  # a stale .partial from a killed export
        self._db = duckdb.connect(str(path))
        for table, columns in TABLES.items():
            body = ", ".join(f'"{name}" {_SQL[kind]}' for name, kind in columns)
            self._db.execute(f'CREATE TABLE "{table}" ({body})')

    def append(self, table: TableName, rows: list[Row]) -> None:
        self._db.register("batch_rows", pa.Table.from_pylist(rows, schema=_SCHEMAS[table]))
        self._db.execute(f'INSERT INTO "{table}" SELECT * FROM batch_rows')
        self._db.unregister("batch_rows")

    def close(self) -> None:
        self._db.close()


_WRITERS: dict[ExportFormat, Callable[[dict[TableName, Path]], _Writer]] = {
    "parquet": _Parquet,
    "csv": _Csv,
    "duckdb": _DuckDB,
}
