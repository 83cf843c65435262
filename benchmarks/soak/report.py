"""The soak's table: one row per check, its figure, what was expected, and ok or FAIL."""

from rich.table import Table

from benchmarks.soak.checks import Check


def soak_table(checks: list[Check], title: str) -> Table:
    """`checks` as a rich table under `title`."""
    table = Table(title=title, title_justify="left")
    for header in ("check", "figure", "expected", ""):
        table.add_column(header, overflow="fold")
    for check in checks:
        mark = "[green]ok[/green]" if check.passed else "[red]FAIL[/red]"
        table.add_row(check.name, check.figure, check.expected, mark)
    return table
