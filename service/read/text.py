"""Bytes of a plain-text page (.txt, .md, standard input) -> its text; UTF-8, or GBK and the
other charsets Chinese text comes in, detected. Empty and binary input is refused."""

from service.errors import InputError
from service.read.charset import decode_detected


def decode_text(data: bytes, *, source: str = "input") -> str:
    """Plain-text bytes (a BOM is dropped) -> text; empty, binary or unreadable input is refused.

    >>> decode_text("本报讯 招聘会".encode("utf-8-sig"))
    '本报讯 招聘会'
    """
    text = decode_detected(data, source=source).text
    if not text.strip():
        raise InputError(f"{source} is empty or whitespace only")
    return text
