"""A document's article text -> its MinHash signature, the fingerprint its reposts share. Pure.

What is signed is what a repost keeps: the sentences of the document's articles. Segmentation
has already dropped most of the page's furniture (navigation, share buttons, footers), which a
repost on another site replaces with its own; of what is left only sentences count, the pieces
of a line that end in 。！？!?, since menus, datelines, bylines, headlines, editor and copyright
lines rarely end so (an article with almost no sentences, a list, is signed whole). Of those
only letters and digits count, so other punctuation and spacing change nothing. The set signed
is their 5-character shingles: a small edit changes the few that overlap it. Its MinHash is
datasketch's (scheme affine32, 128 permutations, seed 1), so the same text gives the same 128
uint32 on every machine; the batch line carries them as base64 of their little-endian bytes.

>>> page = "首页 > 新闻\\n平昌县一季度转移输出农村劳动力4.93万人。\\n分享到：微信"
>>> repost = "某网 | 要闻\\n平昌县一季度，转移输出农村劳动力4.93万人。\\n责任编辑：李明"
>>> a, b = fingerprint(page, [(0, len(page))]), fingerprint(repost, [(0, len(repost))])
>>> a == b, len(a or "")
(True, 684)
"""

import base64
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

SHINGLE = 5  # characters: long enough that unrelated Chinese articles share few
PERMUTATIONS = 128
SCHEME = "affine32"  # datasketch 2.0's default: a bijective permutation of 32-bit hashes
SEED = 1

Signature = npt.NDArray[np.uint32]

_KEPT = re.compile(r"[^\W_]+")  # letters (CJK included) and digits
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]")
# Fewer letters and digits than this in an article's sentences, and its whole text is signed.
_FEW = 20
_BASE = np.uint64(1_000_003)  # the shingle hash is a polynomial in this, modulo 2^64
_POWERS = _BASE ** np.arange(SHINGLE - 1, -1, -1, dtype=np.uint64)
# Drawn once: datasketch draws them from seed on every MinHash it makes otherwise.
_PERMUTATIONS = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


def fingerprint(text: str, spans: Sequence[tuple[int, int]]) -> str | None:
    """The signature of the sentences inside `spans` (the document's articles, end exclusive)
    as base64; None when they hold fewer than SHINGLE letters and digits, too little to tell a
    story by (each such document is a story of its own)."""
    articles = "\n".join(text[start:end] for start, end in spans)
    kept = "".join(_KEPT.findall("".join(_SENTENCE.findall(articles))))
    if len(kept) < _FEW:
        kept = "".join(_KEPT.findall(articles))
    if len(kept) < SHINGLE:
        return None
    minhash = MinHash(seed=SEED, hashfunc=_same, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch(_shingle_hashes(kept).tolist())  # ints: iterated faster than numpy's
    values: Signature = minhash.hashvalues.astype("<u4")
    return base64.b64encode(values.tobytes()).decode("ascii")


def decode(fingerprint: str) -> Signature:
    """Base64 from a batch line -> the 128 values of its signature."""
    raw = base64.b64decode(fingerprint, validate=True)
    if len(raw) != 4 * PERMUTATIONS:
        raise ValueError(f"a fingerprint holds {4 * PERMUTATIONS} bytes, not {len(raw)}")
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def _shingle_hashes(kept: str) -> npt.NDArray[np.uint32]:
    # Vectorised, where datasketch's default would SHA-1 each shingle in Python: one
    # polynomial hash per window of code points, folded to 32 bits; datasketch then mixes
    # each with the MurmurHash3 finaliser before permuting, so a plain hash is enough.
    points = np.frombuffer(kept.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(points, SHINGLE)
    hashed: npt.NDArray[np.uint64] = windows @ _POWERS  # wraps modulo 2^64, as intended
    return ((hashed ^ (hashed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _same(value: int) -> int:
    return value
