"""Bytes of a page -> text: the charset from the BOM, the HTTP header or the page's meta tag, then
detection; GBK and GB2312 are read as GB18030, the superset their pages really use.

>>> decode_page("<meta charset=gbk><p>招聘会</p>".encode("gbk"), declared=None).text[-10:]
'<p>招聘会</p>'
"""

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from service.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Chinese pages labelled with a subset are written in its superset: a GB2312 page holds GBK
# characters (镕, 喆) and a GBK page GB18030 ones; the superset decodes all of them.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_GB = frozenset({"gb18030"})
# <meta charset=...> or <meta http-equiv=Content-Type content="...; charset=...">, within the
# first 4 KB as HTML5 asks (4 KB rather than 1: old government pages put scripts first).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    charset: str  # the codec that read it
    how: str  # "BOM", "HTTP header", "meta tag", "UTF-8" or "detected"


def header_charset(content_type: str | None) -> str | None:
    """`text/html; charset=GBK` -> "GBK"; None when the header names none."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m[1] if m else None


def decode_page(data: bytes, *, declared: str | None, source: str = "input") -> Decoded:
    """An HTML page's bytes -> text; `declared` is the HTTP header's charset, if any."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(bom_codec), bom_codec, "BOM")
    meta = _META_CHARSET.search(data[:_SNIFF_BYTES])
    named = meta[1].decode("ascii") if meta else None
    labels: list[tuple[str | None, str]] = [(declared, "HTTP header"), (named, "meta tag")]
    for label, how in labels:
        codec = _codec(label)
        if codec is None:
            continue
        if codec in _GB and _is_utf8(data):
            # A page saved by a browser is UTF-8 whatever its meta tag still says; GBK text
            # almost never happens to be valid UTF-8.
            return Decoded(data.decode("utf-8"), "utf-8", "UTF-8")
        try:
            return Decoded(data.decode(codec), codec, how)
        except UnicodeDecodeError:
            continue  # the label is wrong: detect instead
    return decode_detected(data, source=source)


def decode_detected(data: bytes, *, source: str) -> Decoded:
    """Bytes with no usable label -> text: UTF-8 when valid, else the detected charset, which
    must read as a language: a few bytes say nothing, and a wrong guess is worse than no text.
    """
    if b"\x00" in data:
        raise InputError(f"{source} contains NUL bytes; is it a binary file?")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", "UTF-8")
    except UnicodeDecodeError as exc:
        not_utf8 = f"{source} is not valid UTF-8 (byte {exc.start})"
    best = from_bytes(data).best()
    codec = _codec(best.encoding) if best is not None and best.coherence > 0 else None
    if codec is None:
        raise InputError(f"{not_utf8}, and its encoding cannot be told (GBK, Big5, ...)")
    return Decoded(data.decode(codec, errors="replace"), codec, "detected")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(label: str | None) -> str | None:
    """A charset label -> the Python codec that reads it; None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)
