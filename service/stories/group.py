"""The fingerprints of a batch output -> a story id for every document. Pure.

Two documents are one story when their signatures agree on at least THRESHOLD of their values
(an estimate of the Jaccard similarity of their shingle sets); a story is a connected component
of that relation, so a repost of a repost joins too. MinHash LSH (datasketch) proposes the
candidate pairs, documents sharing a whole band of their signature, so the work grows with the
documents and their near-duplicates, never with all pairs; each candidate is then checked on the
whole signature. A story's id is the smallest document id in it: the same documents give the
same ids whatever order they were processed or written in, here or on a Ray cluster.

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

from collections.abc import Mapping

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from service.stories.fingerprint import PERMUTATIONS, SCHEME, SEED, Signature, decode

THRESHOLD = 0.5
# 32 bands of 4 values, fixed rather than left to datasketch's optimiser so a new version cannot
# change the stories: a pair agreeing on 0.5 is proposed with probability 0.87, at 0.6 0.99, at
# 0.75 1.0; two unrelated articles of one beat (0.03) with probability 3e-5.
_BANDS = (32, 4)


def assign_stories(fingerprints: Mapping[str, str | None]) -> dict[str, str]:
    """Document id -> fingerprint (None: too short to tell) ... -> document id -> story id,
    every id given, in id order."""
    ids = sorted(fingerprints)
    signed = [i for i, name in enumerate(ids) if fingerprints[name] is not None]
    signatures = np.zeros((len(ids), PERMUTATIONS), dtype=np.uint32)
    for i in signed:
        signatures[i] = decode(fingerprints[ids[i]] or "")
    parent = list(range(len(ids)))
    lsh = MinHashLSH(num_perm=PERMUTATIONS, params=_BANDS)
    with lsh.insertion_session() as session:
        for i in signed:
            session.insert(i, _lean(signatures[i]), check_duplication=False)
    for i in signed:
        for j in lsh.query(_lean(signatures[i])):
            if _root(parent, i) != _root(parent, j) and _agree(signatures[i], signatures[j]):
                _join(parent, i, j)
    return {name: ids[_root(parent, i)] for i, name in enumerate(ids)}


def _lean(values: Signature) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


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
