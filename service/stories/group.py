"""The fingerprints of a batch output -> a story id for every document. Pure.

Two documents are one story when their signatures agree on at least THRESHOLD of their values
(an estimate of the Jaccard similarity of their shingle sets); a story is a connected component
of that relation, so a repost of a repost joins too. Locality-sensitive hashing proposes the
candidate pairs: the signature is cut into 32 bands of 4 values, and documents that agree on a
whole band are candidates, so the work grows with the documents and their near-duplicates,
never with all pairs; each candidate is then checked on the whole signature. A story's id is
the smallest document id in it: the same documents give the same ids whatever order they were
processed or written in, here or on a Ray cluster.

The banding is datasketch's MinHashLSH with params=(32, 4), done over one numpy array instead
of its Python dicts of band keys: the same candidate pairs (tests/stories/test_group.py checks
them against MinHashLSH); at 100,000 documents 8 s and 63 MB above the signatures where
MinHashLSH took 77 s and about 930 MB (benchmarks/README.md, "Stories at scale").

Reposts land far above the threshold and unrelated articles far below it: on the 60 articles of
evals/real, a repost under other furniture (a disclaimer sentence among it) with small edits
agrees on 0.70-1.0 (0.70 for a caption of 154 characters), two different articles on at most
0.05 (tests/stories/test_group.py).

>>> from service.stories.fingerprint import fingerprint
>>> text = "平昌县一季度转移输出农村劳动力4.93万人，实现劳务收入12亿元。"
>>> stories = assign_stories({
...     "b": fingerprint(text, [(0, len(text))]),
...     "a": fingerprint("转载：" + text, [(0, len(text) + 3)]),
...     "c": fingerprint("永康市举办招聘会，29家企业提供岗位1500个。", [(0, 23)]),
...     "d": None,
... })
>>> stories
{'a': 'a', 'b': 'a', 'c': 'c', 'd': 'd'}
"""

from collections.abc import Iterator, Mapping

import numpy as np
import numpy.typing as npt

from service.stories.fingerprint import PERMUTATIONS, Signature, decode

THRESHOLD = 0.5
# 32 bands of 4 values: a pair agreeing on 0.5 is proposed with probability 0.87, at 0.6 0.99,
# at 0.75 1.0; two unrelated articles of one beat (0.03) with probability 3e-5.
BANDS, ROWS = 32, 4
assert BANDS * ROWS == PERMUTATIONS

Indices = npt.NDArray[np.intp]


def assign_stories(fingerprints: Mapping[str, str | None]) -> dict[str, str]:
    """Document id -> fingerprint (None: too short to tell) ... -> document id -> story id,
    every id given, in id order."""
    ids = sorted(fingerprints)
    signed = np.array([i for i, n in enumerate(ids) if fingerprints[n] is not None], dtype=np.intp)
    signatures = np.zeros((len(ids), PERMUTATIONS), dtype=np.uint32)
    for i in signed:
        signatures[i] = decode(fingerprints[ids[i]] or "")
    parent = list(range(len(ids)))
    for bucket in candidate_buckets(signatures, signed):
        for n, i in enumerate(bucket):
            for j in bucket[n + 1 :]:
                if _root(parent, i) != _root(parent, j) and _agree(signatures[i], signatures[j]):
                    _join(parent, int(i), int(j))
    return {name: ids[_root(parent, i)] for i, name in enumerate(ids)}


def candidate_buckets(signatures: npt.NDArray[np.uint32], signed: Indices) -> Iterator[Indices]:
    """Per band, each set of two or more documents (rows of `signatures`, among `signed`) that
    agree on the whole band, in ascending order: every pair in one is a candidate."""
    if signed.size < 2:
        return
    for band in range(BANDS):
        keys = signatures[signed, band * ROWS : (band + 1) * ROWS]
        order = np.lexsort(keys.T[::-1])
        ordered = keys[order]
        same = np.all(ordered[1:] == ordered[:-1], axis=1)
        # runs of equal keys: a run starts where a row differs from the one before it
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        ends = np.append(starts[1:], len(order))
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
            yield np.sort(signed[order[start:end]])


def _agree(a: Signature, b: Signature) -> bool:
    return float(np.count_nonzero(a == b)) >= THRESHOLD * PERMUTATIONS


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]  # path halving keeps the trees shallow
        i = parent[i]
    return i


def _join(parent: list[int], i: int, j: int) -> None:
    """The smaller root becomes the root, so a component's root is its smallest index, which
    is its smallest id (ids are sorted)."""
    a, b = _root(parent, i), _root(parent, j)
    parent[max(a, b)] = min(a, b)
