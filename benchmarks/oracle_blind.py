"""Where the oracle loses items on a blind set, as counts by cause only: which stage lost each
missed gold item, and how matched-span disagreements differ. Nothing textual is printed, no
value, no unit, no page name; only class names and counts, so the set stays unread.

    .venv/bin/python -m benchmarks.oracle_blind                 # the validation set, every mode
    .venv/bin/python -m benchmarks.oracle_blind --set real --mode tools

Causes: `segmentation:*` the gold span lies outside every article (`warned` when a
text_outside_articles warning holds it); `chunking` inside an article but in no passage asked;
`warning:<code>` the pipeline dropped the oracle's answer with that warning; `differs:*` a
prediction overlaps the gold span with another value, value_max or unit (`unit:*` by how the
unit differs, `value:x10^k` by the power of ten); `dropped` answered, no warning, nothing
there (merge); `type_differs` an event of another type there. `code:<field>:<kind>` counts
matched items whose division code, read in code from the place the oracle writes, differs
(kinds as `confusion.code_error` names them): the cells the code stage loses. `<kind>` of
`confusion.time_error` counts those whose time (a statistic's) or date (an event's) differs, and
`indicator:differs` those whose indicator does: the rest of what cell F1 counts.
"""

import argparse
import asyncio
import math
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.oracle import MODES, oracle_responder, quantity_text
from schemas.results import DocumentResult, Event, Statistic
from schemas.vocab import UNITS, Mode
from service.evals.confusion import code_errors, time_errors
from service.evals.evaluate import Case, load_cases, predict
from service.evals.score import score_article
from service.evals.sets import EVAL_SETS
from service.extract.llm import LLMBackend
from service.fake.config import fake_llm_config
from service.fake.server import serve_fake
from service.items.ground import canonical
from service.settings import Settings

_ROOT = Path(__file__).resolve().parent.parent
_Asked = set[tuple[str, str]]  # (kind, evidence) the oracle answered


def _recording(cases: list[Case], asked: _Asked) -> Callable[[dict[str, Any]], dict[str, Any]]:
    respond = oracle_responder(cases)

    def record(body: dict[str, Any]) -> dict[str, Any]:
        answer = respond(body)
        for kind, drafts in answer.items():
            asked.update((kind, d["evidence"]) for d in drafts)
        return answer

    return record


def loss_causes(cases: list[Case], mode: Mode) -> Counter[str]:
    """Counts of lost gold items by cause, and of spurious predictions, in `mode`."""
    asked: _Asked = set()
    with serve_fake(_recording(cases, asked)) as fake:
        config = fake_llm_config(fake.base_url, model="oracle", mode=mode, max_retries=0)
        predictions = asyncio.run(
            predict(cases, LLMBackend(config), overlap=Settings().chunk_overlap)
        )
    counts: Counter[str] = Counter()
    for case in cases:
        counts += _case_causes(case, predictions[case.name], asked)
    return counts


def _case_causes(case: Case, result: DocumentResult, asked: _Asked) -> Counter[str]:
    stats = [s for a in result.articles for s in a.statistics]
    events = [e for a in result.articles for e in a.events]
    gold = (case.gold.statistics, case.gold.events)
    scored = score_article(case.name, case.text, gold, (stats, events))
    counts: Counter[str] = Counter()
    counts["gold:statistics"] += len(case.gold.statistics)
    counts["gold:events"] += len(case.gold.events)
    for kind, s in (("statistics", scored.statistics), ("events", scored.events)):
        predicted = stats if kind == "statistics" else events
        for g in s.misses:
            assert isinstance(g, Statistic | Event)
            counts[f"{kind}:{_cause(kind, g, result, predicted, asked)}"] += 1
            if isinstance(g, Statistic):
                counts[f"{kind}:quote:{_quote_class(g)}"] += 1
        counts[f"{kind}:spurious"] += len(s.false_positives)
        counts += _code_errors(kind, s.pairs) + _cell_errors(kind, s.pairs)
    for w in result.warnings:
        counts[f"warning_seen:{w.code}"] += 1
    return counts


def _code_errors(kind: str, pairs: list[tuple[Any, Any]]) -> Counter[str]:
    """Matched pairs whose division codes differ, by field and kind of error (a cell lost to
    the code stage: the oracle writes gold places, codes are read from them)."""
    fields = ("location_code",) if kind == "statistics" else _EVENT_CODES
    return sum(
        (
            code_errors(((getattr(g, f), getattr(p, f)) for g, p in pairs), f"{kind}:code:{f}")
            for f in fields
        ),
        Counter(),
    )


_EVENT_CODES = ("location_code", "origin_code", "destination_code")


def _cell_errors(kind: str, pairs: list[tuple[Any, Any]]) -> Counter[str]:
    """Matched pairs that leave their cell by their time (a statistic's `time`, an event's
    `date`) or a statistic's indicator, by kind of error: what cell F1 loses besides codes."""
    field = "time" if kind == "statistics" else "date"
    counts = time_errors(((getattr(g, field), getattr(p, field)) for g, p in pairs), kind)
    if kind == "statistics":
        wrong = sum(g.indicator != p.indicator for g, p in pairs)
        counts[f"{kind}:indicator:differs"] += wrong
    return counts


def _cause(
    kind: str,
    g: Statistic | Event,
    result: DocumentResult,
    predicted: list[Statistic] | list[Event],
    asked: _Asked,
) -> str:
    evidence = canonical(g.evidence)
    if (kind, evidence) not in asked:
        inside = any(a.span[0] <= g.span[0] and g.span[1] <= a.span[1] for a in result.articles)
        if inside:
            return "chunking"
        outside = [w for w in result.warnings if w.code == "text_outside_articles"]
        warned = any(evidence in canonical(w.evidence) for w in outside)
        return "segmentation:warned" if warned else "segmentation:silent"
    there = [p for p in predicted if min(p.span[1], g.span[1]) > max(p.span[0], g.span[0])]
    if not there:
        codes = sorted({w.code for w in result.warnings if canonical(w.evidence) == evidence})
        return "warning:" + "+".join(codes) if codes else "dropped"
    if isinstance(g, Event):
        return "type_differs"
    return "differs:" + _difference(g, [p for p in there if isinstance(p, Statistic)])


def _difference(g: Statistic, there: list[Statistic]) -> str:
    """How the nearest overlapping prediction differs: unit first, then value, then value_max."""
    p = min(there, key=lambda p: abs(p.value - g.value))
    if p.unit != g.unit:
        return _unit_difference(p.unit)
    if not math.isclose(p.value, g.value, rel_tol=1e-6):
        ratio = p.value / g.value if g.value else math.inf
        k = round(math.log10(ratio)) if ratio > 0 and math.isfinite(ratio) else None
        if k is not None and math.isclose(ratio, 10.0**k, rel_tol=1e-6):
            return f"value:x10^{k}"
        return "value:other"
    if g.value_max is not None and p.value_max is None:
        return "value_max:missing"
    if g.value_max is None and p.value_max is not None:
        return "value_max:extra"
    return "value_max:differs"


def _unit_difference(predicted: str) -> str:
    if not predicted:
        return "unit:empty"
    return "unit:as_written" if predicted not in UNITS else "unit:other_known"


def _quote_class(g: Statistic) -> str:
    """Whether the oracle found the quantity as written, or fell back to the bare number."""
    quote = quantity_text(g.value, g.value_max, g.unit, canonical(g.evidence))
    if quote == f"{g.value:g}" and quote not in canonical(g.evidence):
        return "fallback_bare_number"
    return "written" if g.unit and quote.endswith(g.unit) else "written_other_unit"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="validation", choices=sorted(EVAL_SETS))
    parser.add_argument("--mode", choices=[*MODES, "all"], default="all")
    args = parser.parse_args(argv)
    found = EVAL_SETS[args.set].under(_ROOT)
    try:
        cases = load_cases(found.fixtures, found.texts)
        for mode in MODES if args.mode == "all" else (args.mode,):
            counts = loss_causes(cases, mode)
            print(f"{args.set} {mode}:")
            for name, n in sorted(counts.items()):
                if n:
                    print(f"  {name}: {n}")
    except Exception as e:  # a blind set's text must not reach a traceback
        print(f"failed: {type(e).__name__}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
