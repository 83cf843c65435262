"""Stories at scale: N generated articles, a share of them reposts, through the same two steps
as a batch and its export: `fingerprint` each document as it is processed, then
`assign_stories` over all the fingerprints at once.

.venv/bin/python -m benchmarks.stories [N] [--seed S]  ->  a markdown table on stdout

Articles are 6-14 sentences, each of 2-4 clauses drawn from the real texts in the repository
(evals/real, the seeds, the made-up pages), every run of digits redrawn, so unrelated articles
share the phrasing of one beat (人力资源和社会保障局, 招聘会, 返岗) as real ones do, clause by
clause, but not whole sentences. Two in five documents are reposts
of an earlier article (some articles are reposted several times): another outlet's header and
footer around it, a disclaimer sentence among them, one sentence dropped or one added, a few
commas half-width, paragraphs reformatted. Each document is fingerprinted whole (no
segmentation to take the furniture away first), which is harder than a batch has it.
"""

import argparse
import random
import re
import time
from pathlib import Path

from service.stories.fingerprint import fingerprint
from service.stories.group import assign_stories

_ROOT = Path(__file__).resolve().parent.parent
_TEXTS = [
    _ROOT / "evals" / "real" / "texts",
    _ROOT / "seeds",
    _ROOT / "evals" / "holdout" / "texts",
]
_CLAUSE = re.compile(r"[^。！？，；\n]{6,}(?=[。！？，；])")
_DIGITS = re.compile(r"\d+")
_OUTLETS = ("就业快讯网", "劳务资讯", "人社在线", "民生频道", "今日头条号", "新闻客户端")
REPOST_SHARE = 0.4


def _pool() -> list[str]:
    clauses = {
        c.replace(" ", "")
        for folder in _TEXTS
        for path in folder.glob("*.txt")
        for c in _CLAUSE.findall(path.read_text(encoding="utf-8"))
    }
    return sorted(clauses)


def _sentence(pool: list[str], rng: random.Random) -> str:
    text = "，".join(rng.sample(pool, rng.randint(2, 4))) + "。"
    return _DIGITS.sub(lambda m: str(rng.randint(1, 10 ** len(m[0]))), text)


def _article(pool: list[str], rng: random.Random) -> list[str]:
    return [_sentence(pool, rng) for _ in range(rng.randint(6, 14))]


def _repost(sentences: list[str], pool: list[str], rng: random.Random) -> str:
    edited = list(sentences)
    if rng.random() < 0.5:
        del edited[rng.randrange(len(edited))]
    else:
        edited.insert(rng.randrange(len(edited) + 1), _sentence(pool, rng))
    body = "\n\n".join("\u3000\u3000" + s for s in edited).replace("，", ",", 3)
    outlet = rng.choice(_OUTLETS)
    head = f"{outlet}\n首页 > 新闻中心 > 就业创业\n2023-02-18 10:32:15 来源：{outlet}\n"
    foot = (
        "\n责任编辑：王明\n声明：本文转自其他媒体，转载目的在于传递更多信息，并不代表本网观点。\n"
        f"相关阅读：\n春风送岗进乡村 就业服务暖人心\n版权所有 {outlet}\n"
    )
    return head + body + foot


def _peak_mb() -> tuple[float, float]:
    """(current RSS, high-water RSS) of this process, MB, from the kernel."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return int(found["VmRSS"]) / 1024, int(found["VmHWM"]) / 1024


def run(count: int, seed: int) -> dict[str, float]:
    rng, pool = random.Random(seed), _pool()
    truth: dict[str, int] = {}
    signed: dict[str, str | None] = {}
    originals: list[list[str]] = []
    chars, signing, signing_cpu = 0, 0.0, 0.0
    for n in range(count):
        name = f"d{n:06d}"
        if originals and rng.random() < REPOST_SHARE:
            story = rng.randrange(len(originals))
            text = _repost(originals[story], pool, rng)
        else:
            story = len(originals)
            originals.append(_article(pool, rng))
            text = "\n".join(originals[story])
        truth[name] = story
        chars += len(text)
        started, cpu = time.perf_counter(), time.process_time()
        signed[name] = fingerprint(text, [(0, len(text))])
        signing += time.perf_counter() - started
        signing_cpu += time.process_time() - cpu
    before = _peak_mb()[0]
    started, cpu = time.perf_counter(), time.process_time()
    stories = assign_stories(signed)
    grouping, grouping_cpu = time.perf_counter() - started, time.process_time() - cpu
    return _score(truth, stories) | {
        "documents": count, "originals": len(originals), "pool": len(pool),
        "chars": chars / count, "signing": signing, "grouping": grouping,
        "signing_cpu": signing_cpu, "grouping_cpu": grouping_cpu,
        "rss_before": before, "peak": _peak_mb()[1],
    }  # fmt: skip


def _score(truth: dict[str, int], stories: dict[str, str]) -> dict[str, float]:
    """Reposts found (in their original's story), stories merged (one id for two true stories)."""
    first: dict[int, str] = {}
    for name in sorted(truth):
        first.setdefault(truth[name], name)
    reposts = [n for n in truth if first[truth[n]] != n]
    found = sum(1 for n in reposts if stories[n] == stories[first[truth[n]]])
    true_of: dict[str, set[int]] = {}
    for name, story in stories.items():
        true_of.setdefault(story, set()).add(truth[name])
    merged = sum(len(s) - 1 for s in true_of.values())
    return {"reposts": len(reposts), "found": found, "merged": merged, "stories": len(true_of)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()
    r = run(args.count, args.seed)
    print(f"| documents | {r['documents']:,.0f} ({r['originals']:,.0f} articles, "
          f"{r['reposts']:,.0f} reposts; {r['chars']:,.0f} characters each on average; "
          f"{r['pool']:,.0f} clauses to draw from) |")  # fmt: skip
    print(f"| reposts in their original's story | {r['found']:,.0f} of {r['reposts']:,.0f} |")
    print(f"| true stories merged into another | {r['merged']:,.0f} |")
    print(f"| stories found | {r['stories']:,.0f} (true: {r['originals']:,.0f}) |")
    print(f"| fingerprinting (batch side, one document at a time) | {r['signing']:.1f} s wall, "
          f"{r['signing_cpu']:.1f} s CPU |")  # fmt: skip
    print(f"| grouping into stories (export side, all at once) | {r['grouping']:.1f} s wall, "
          f"{r['grouping_cpu']:.1f} s CPU |")  # fmt: skip
    print(f"| RSS before grouping / peak | {r['rss_before']:.0f} MB / {r['peak']:.0f} MB |")


if __name__ == "__main__":
    main()
