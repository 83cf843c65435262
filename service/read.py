"""Bytes from a file or a request -> article text, with a clear InputError for what is not."""

import html
import re
from pathlib import Path
from typing import BinaryIO

from service.errors import InputError

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|tr|br)\s*>|<br\s*/?>", re.I)


def decode_text(data: bytes, *, source: str = "input") -> str:
    """UTF-8 bytes (a BOM is dropped) -> text; empty, binary or undecodable input is refused."""
    if b"\x00" in data:
        raise InputError(f"{source} contains NUL bytes; is it a binary file?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source} is not valid UTF-8 (byte {exc.start})") from exc
    if not text.strip():
        raise InputError(f"{source} is empty or whitespace only")
    return text


def read_text(source: Path | BinaryIO) -> str:
    """A file path or a binary stream -> text; `.html`/`.htm` files are reduced to their text,
    and spans then index that text."""
    if isinstance(source, Path):
        if not source.is_file():
            raise InputError(f"{source}: no such file")
        text = decode_text(source.read_bytes(), source=str(source))
        return html_to_text(text) if source.suffix.lower() in {".html", ".htm"} else text
    return decode_text(source.read(), source="standard input")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block per line."""
    return html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", markup)))
