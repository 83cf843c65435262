"""The soak's corpus: JSONL records cut from the seed pages, each sentence marked with its
document's own mark, so that no two documents share a chunk and a chunk names its document."""

import random
import re

from benchmarks.soak.config import CHUNK_CHARS, OVERLAP, ROOT
from service.pipeline import plan
from service.text.normalise import normalise

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DOC_CHARS = (300, 3000)  # a window of seed paragraphs at least this long: 1 to 3 chunks
BLANK_EVERY = 200  # every 200th document is whitespace only: a bad_input error line
_MARK_OPEN, _MARK_CLOSE = "\u3014", "\u3015"  # tortoise-shell brackets, rare in news text
_MARKED = re.compile(r"[。！？；：]+")
_ENDS_MARKED = re.compile(r"[。！？；：]+[”’」』）]*$")


def build_documents(count: int, seed: int) -> list[dict[str, str]]:
    """`count` JSONL records cut from the seed pages, each sentence tagged with its own mark."""
    rng = random.Random(seed)
    pages = [[p for p in normalise(s.read_text("utf-8")).text.split("\n") if p] for s in SEEDS]
    records = []
    for n in range(count):
        record = {"id": f"doc-{n:04d}", "text": " \n "}
        if n % BLANK_EVERY != BLANK_EVERY - 1:
            paragraphs = rng.choice(pages)
            first, size = rng.randrange(len(paragraphs)), rng.randint(*DOC_CHARS)
            window: list[str] = []
            for paragraph in paragraphs[first:] + paragraphs[:first]:
                window.append(_tag(paragraph, _mark(n)))
                if sum(map(len, window)) >= size:
                    break
            record["text"] = "\n".join(window)
        if n % 2:
            record["published"] = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        records.append(record)
    return records


def _mark(n: int) -> str:
    """A mark no other document's text holds: n in base 26 letters, between brackets."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
        if n == 0:
            return f"{_MARK_OPEN}{letters}{_MARK_CLOSE}"


def _tag(paragraph: str, mark: str) -> str:
    """The mark before every sentence end (so kickers still end in `：`), and at the end."""
    tagged = _MARKED.sub(lambda m: mark + m.group(), paragraph)
    return tagged if _ENDS_MARKED.search(paragraph) else tagged + mark


def planned_chunks(text: str) -> int:
    """How many requests pipeline.run asks the model for `text` (its `plan`)."""
    return len(plan(text, chunk_chars=CHUNK_CHARS, overlap=OVERLAP).requests)
