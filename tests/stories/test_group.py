"""Stories: reposts share the smallest id among them; different stories never share one, and
the answer does not depend on the order the documents come in."""

import random

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHashLSH

from service.stories.fingerprint import PERMUTATIONS, SCHEME, SEED, decode, fingerprint
from service.stories.group import BANDS, ROWS, THRESHOLD, assign_stories, candidate_buckets
from tests.paths import ROOT

_REAL = sorted((ROOT / "evals" / "real" / "texts").glob("*.txt"))
_HEAD = "首页 > 新闻中心 > 地方新闻\n来源：某某网 2023-02-18 10:32\n【字体：大 中 小】 打印本页\n"
_FOOT = (
    "\n（完）\n责任编辑：王小明\n声明：本文转自其他媒体，转载目的在于传递更多信息，并不代表本网"
    "赞同其观点。\n相关阅读：\n我县举办春风行动招聘会\n版权所有 某某网 未经授权禁止转载\n"
)


def _signed(text: str) -> str | None:
    return fingerprint(text, [(0, len(text))])


def _repost(text: str) -> str:
    """The same text on another site: its furniture around it, some punctuation changed."""
    return _HEAD + text.replace("，", ",", 5).replace("。", "。\n", 3) + _FOOT


def _agreement(a: str, b: str) -> float:
    first, second = decode(_signed(a) or ""), decode(_signed(b) or "")
    return float((first == second).mean())


def test_on_real_articles_reposts_agree_far_above_the_threshold_and_others_far_below() -> None:
    texts = [p.read_text(encoding="utf-8") for p in _REAL]
    reposts = [_agreement(t, _repost(t)) for t in texts]
    others = [_agreement(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :]]
    assert min(reposts) >= THRESHOLD + 0.15, min(reposts)
    assert max(others) <= 0.1, max(others)


def test_reposts_share_the_smallest_id_and_other_stories_keep_their_own() -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in _REAL[:20]}
    signed = {name: _signed(text) for name, text in texts.items()}
    signed |= {f"{name}~repost": _signed(_repost(text)) for name, text in texts.items()}
    signed["a-first-copy"] = _signed(texts["r05_shapingba_spring_fair"])
    stories = assign_stories(signed)
    assert stories["r05_shapingba_spring_fair~repost"] == "a-first-copy"
    assert stories["r05_shapingba_spring_fair"] == "a-first-copy"
    others = [name for name in texts if name != "r05_shapingba_spring_fair"]
    assert all(stories[n] == n and stories[f"{n}~repost"] == n for n in others)
    assert len(set(stories.values())) == len(texts)


def _parts(count: int, chars: int) -> list[str]:
    """`count` runs of whole sentences from the real articles, about `chars` long each."""
    sentences = [s + "。" for p in _REAL[:10] for s in p.read_text("utf-8").split("。")[:-1]]
    parts, part = [], ""
    for sentence in sentences:
        part += sentence.strip()
        if len(part) >= chars:
            parts.append(part)
            part = ""
    return parts[:count]


def test_a_repost_of_a_repost_joins_its_story_through_it() -> None:
    # a, b and c are parts 1-4, 2-5 and 3-6: a and c share a third, but each shares three
    # fifths with b, so all three are one story.
    parts = _parts(6, 200)
    a, b, c = ("\n".join(parts[i : i + 4]) for i in range(3))
    assert _agreement(a, c) < THRESHOLD <= min(_agreement(a, b), _agreement(b, c))
    assert assign_stories({"c": _signed(c), "a": _signed(a), "b": _signed(b)}) == dict.fromkeys(
        "abc", "a"
    )


def test_a_document_without_a_fingerprint_is_a_story_of_its_own() -> None:
    assert assign_stories({"x": None, "y": None}) == {"x": "x", "y": "y"}
    assert assign_stories({}) == {}


@pytest.mark.parametrize("seed", range(5))
def test_the_order_documents_come_in_changes_nothing(seed: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in _REAL[:12]]
    signed = {f"d{i:02d}": _signed(t) for i, t in enumerate(texts)}
    signed |= {f"r{i:02d}": _signed(_repost(t)) for i, t in enumerate(texts[:6])}
    expected = assign_stories(signed)
    names = list(signed)
    random.Random(seed).shuffle(names)
    assert assign_stories({n: signed[n] for n in names}) == expected
    assert sum(1 for n, s in expected.items() if n != s) == 6


def test_the_candidates_are_the_pairs_datasketchs_minhash_lsh_proposes() -> None:
    texts = [p.read_text(encoding="utf-8") for p in _REAL]
    texts += [_repost(t) for t in texts[::3]] + [t[: len(t) // 2] for t in texts[1::4]]
    signatures = np.array([decode(_signed(t) or "") for t in texts])
    everyone = np.arange(len(texts))
    ours = {
        (int(a), int(b))
        for bucket in candidate_buckets(signatures, everyone)
        for n, a in enumerate(bucket)
        for b in bucket[n + 1 :]
    }
    lsh = MinHashLSH(num_perm=PERMUTATIONS, params=(BANDS, ROWS))
    lean = [LeanMinHash(seed=SEED, hashvalues=s, scheme=SCHEME) for s in signatures]
    for i, minhash in enumerate(lean):
        lsh.insert(i, minhash)
    theirs = {(i, j) for i, minhash in enumerate(lean) for j in lsh.query(minhash) if i < j}
    assert ours == theirs
    assert len(ours) > 25  # the reposts, most halves, and a few chance pairs
