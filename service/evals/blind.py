"""Scores of a blind set -> aggregate figures and counts of misses by class, nothing more. Pure
but for `write_blind_reports`.

A blind set (the validation split of `evals/real`) measures whether rules written on the
development set hold on text nobody read while writing them (issue 28). Its report must not
become a list of articles to fit: it carries no evidence, no page names and no per-page
figures, only the overall figures and how many items of each class went wrong.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Any

from schemas.results import Event, Statistic
from service.evals.score import STRICT_METRIC_SIMILARITY, ItemScores, Scores, similarity

_KINDS = ("statistics", "events")


def miss_classes(kind: str, scores: ItemScores) -> dict[str, int]:
    """How many items went wrong, by class: gold not found ("missed"), predictions matching no
    gold ("spurious"), and matched pairs whose scored fields disagree. Events are counted per
    type, so a confusion shows as a miss of one type beside a spurious one of another."""
    counts: Counter[str] = Counter()
    if kind == "statistics":
        counts["missed"] = len(scores.misses)
        counts["spurious"] = len(scores.false_positives)
        for gold, predicted in scores.pairs:
            assert isinstance(gold, Statistic)
            assert isinstance(predicted, Statistic)
            counts["wrong_time"] += gold.time != predicted.time
            counts["wrong_qualifier"] += gold.qualifier != predicted.qualifier
            counts["wrong_kind"] += gold.kind != predicted.kind
            weak = similarity(gold.metric, predicted.metric) < STRICT_METRIC_SIMILARITY
            counts["weak_metric"] += weak
        return dict(sorted(counts.items()))
    for item in scores.misses:
        assert isinstance(item, Event)
        counts[f"missed:{item.type}"] += 1
    for item in scores.false_positives:
        assert isinstance(item, Event)
        counts[f"spurious:{item.type}"] += 1
    counts["wrong_date"] = sum(g.date != p.date for g, p in _event_pairs(scores))
    return dict(sorted(counts.items()))


def _event_pairs(scores: ItemScores) -> list[tuple[Event, Event]]:
    pairs = []
    for gold, predicted in scores.pairs:
        assert isinstance(gold, Event)
        assert isinstance(predicted, Event)
        pairs.append((gold, predicted))
    return pairs


def blind_summary(scores: Scores) -> dict[str, Any]:
    """The overall figures of each kind and its miss classes; no page, no evidence."""
    overall: dict[str, Any] = {}
    for kind in _KINDS:
        s: ItemScores = getattr(scores, kind)
        overall[kind] = {
            "precision": s.matched.precision,
            "recall": s.matched.recall,
            "f1": s.matched.f1,
            "strict_f1": s.strict.f1,
            "gold": s.matched.gold,
            "predicted": s.matched.predicted,
            "matched": s.matched.tp,
            "attributes": {k: s.accuracy(k) for k in sorted(s.attributes)},
            "miss_classes": miss_classes(kind, s),
        }
    overall["grounding_rate"] = scores.grounding_rate
    return {"blind": True, "pages": len(scores.articles), "overall": overall}


def blind_markdown(data: dict[str, Any]) -> str:
    lines = [
        "# laborlens eval (blind set: aggregate figures only)",
        "",
        f"{data['pages']} pages. No page is named and no evidence is shown: this set is never",
        "read while rules are written.",
        "",
        "| kind | P | R | F1 | strict F1 | gold | pred |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in _KINDS:
        s = data["overall"][kind]
        lines.append(
            f"| {kind} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
            f"| {s['strict_f1']:.3f} | {s['gold']} | {s['predicted']} |"
        )
    lines += ["", "## Misses by class", ""]
    for kind in _KINDS:
        for name, count in data["overall"][kind]["miss_classes"].items():
            lines.append(f"- {kind}.{name}: {count}")
    return "\n".join(lines) + "\n"


def write_blind_reports(scores: Scores, out_dir: Path) -> list[Path]:
    """report.json and report.md of a blind set; no report.html, which shows every page."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = blind_summary(scores)
    paths = [out_dir / "report.json", out_dir / "report.md"]
    paths[0].write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths[1].write_text(blind_markdown(data), encoding="utf-8")
    return paths
