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
from service.evals.confusion import code_errors, indicator_confusions, time_errors
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
        counts.update(_statistic_confusions(scores))
        return dict(sorted(counts.items()))
    for item in scores.misses:
        assert isinstance(item, Event)
        counts[f"missed:{item.type}"] += 1
    for item in scores.false_positives:
        assert isinstance(item, Event)
        counts[f"spurious:{item.type}"] += 1
    counts.update(_event_classes(scores))
    counts["wrong_date"] = sum(g.date != p.date for g, p in _event_pairs(scores))
    for field in ("location_code", "origin_code", "destination_code"):
        pairs = [(getattr(g, field), getattr(p, field)) for g, p in _event_pairs(scores)]
        counts.update(code_errors(pairs, field))
    return dict(sorted(counts.items()))


def _event_classes(scores: ItemScores) -> Counter[str]:
    """Spurious events by their anchor: "anchor:day" for a dated day, "anchor:count" for a
    number in the evidence, else "anchor:none". Classes only."""
    spurious = [e for e in scores.false_positives if isinstance(e, Event)]
    return Counter(f"spurious_{_anchor(e)}" for e in spurious)


def type_confusions(article_events: list[ItemScores]) -> dict[str, int]:
    """Per article, a missed event whose span overlaps a spurious one of another type, counted
    as the pair of types ("confused:policy->worker_transfer"). Classes only."""
    counts: Counter[str] = Counter()
    for scores in article_events:
        spurious = [e for e in scores.false_positives if isinstance(e, Event)]
        for gold in scores.misses:
            assert isinstance(gold, Event)
            other = next((p for p in spurious if _overlap(gold, p) and p.type != gold.type), None)
            if other is not None:
                counts[f"confused:{gold.type}->{other.type}"] += 1
    return dict(sorted(counts.items()))


def _anchor(event: Event) -> str:
    if event.date is not None and len(event.date) == len("2022-02-09"):
        return "anchor:day"
    return "anchor:count" if any(c.isdigit() for c in event.evidence) else "anchor:none"


def _overlap(a: Event, b: Event) -> bool:
    return a.span[0] < b.span[1] and b.span[0] < a.span[1]


def _statistic_confusions(scores: ItemScores) -> Counter[str]:
    """Indicator, kind and time confusions and location-code errors (`confusion`): classes only."""
    pairs = [
        (g, p) for g, p in scores.pairs if isinstance(g, Statistic) and isinstance(p, Statistic)
    ]
    indicators = [(g.indicator, p.indicator) for g, p in pairs]
    codes = [(g.location_code, p.location_code) for g, p in pairs]
    times = [(g.time, p.time) for g, p in pairs]
    kinds = Counter(f"kind:{g.kind}->{p.kind}" for g, p in pairs if g.kind != p.kind)
    return (
        indicator_confusions(indicators)
        + code_errors(codes, "location_code")
        + time_errors(times, "time")
        + kinds
    )


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
    confusions = type_confusions([a.events for a in scores.articles])
    overall["events"]["miss_classes"].update(confusions)
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
