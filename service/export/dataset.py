"""OUT.jsonl -> every row of every table, streamed: what the export writes and the report draws.

Two passes over OUT. The first reads each ok line's fingerprint and groups the documents into
stories (service/stories), and notes each document's latest line; the second checks each line
against schemas.batch, yields the rows of each document's latest line with its story, and
collects its statistics into the facts, whose rows come last. Only the
stories and the facts are held in memory; every other row goes out as it is read.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

from schemas.batch import OkLine
from schemas.results import Statistic
from service.errors import InputError
from service.export.facts import Facts, Source
from service.export.rows import Row, TableName, line_rows, parse_line
from service.export.stories import read_stories

Progress = Callable[[int], None]


def dataset_rows(source: Path, progress: Progress | None = None) -> Iterator[tuple[TableName, Row]]:
    """Every (table, row) of `source`, facts last; `progress` gets bytes read, twice over."""
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    first = read_stories(source, progress)
    facts = Facts()
    with source.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if progress is not None:
                progress(len(raw))
            if not raw.strip():
                continue
            if not raw.endswith(b"\n"):
                message = f"{source} line {number} is torn (the batch was stopped mid-write)"
                raise InputError(message + "; run the same batch command again to finish it")
            try:
                line = parse_line(raw, number)
            except InputError as exc:
                raise InputError(f"{source} {exc}") from None
            if first.latest.get(line.id, number) != number:
                continue  # superseded: the document's later line stands for it
            story = first.stories.get(line.id)
            yield from line_rows(line, number, story_id=story)
            if isinstance(line, OkLine) and story is not None:
                facts.add(_cited(line, story), _statistics(line))
    for row in facts.rows():
        yield "facts", row


def _cited(line: OkLine, story: str) -> Source:
    url = line.source.url if line.source else None
    return Source(line.id, story, line.result.document.published, url)


def _statistics(line: OkLine) -> list[Statistic]:
    return [s for article in line.result.articles for s in article.statistics]
