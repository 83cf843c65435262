"""A perfect model, fed back through the real LLM path: the fake server answers each chunk with
the gold items whose span lies in it, quantities quoted as the text writes them. Whatever is
lost is pipeline loss (segmentation, chunking, grounding, number reading, dedupe).

    .venv/bin/python -m benchmarks.oracle                      # seeds, every mode
    .venv/bin/python -m benchmarks.oracle --fixtures /tmp/real/fixtures --texts /tmp/real/texts \
        --mode tools --misses

The quote is written from the gold item and its evidence alone, never by the quantity grammar
under test: the number as written (Arabic or Chinese, 万/亿 included), its hedges and the unit
as the text writes it (名 for a gold 人, 个小时 for 小时, 成 for %).
"""

import argparse
import asyncio
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import cn2an

from schemas.results import DocumentResult, Event, Statistic
from schemas.vocab import Mode
from service.evals.evaluate import Case, load_cases, predict, score_cases
from service.evals.score import Scores
from service.evals.sets import EVAL_SETS
from service.extract.llm import LLMBackend
from service.fake.config import fake_llm_config
from service.fake.server import serve_fake
from service.items.ground import canonical
from service.prompts import passages_from_messages
from service.settings import Settings
from service.text.normalise import normalise

MODES: tuple[Mode, ...] = ("tools", "json_schema", "md_json")
_ROOT = Path(__file__).resolve().parent.parent

# --- how a text writes a quantity, for the quote a careful model copies ------------------------
_HEDGE_BEFORE = (
    "不超过|不高于|不少于|不低于|将近|不到|不足|至少|超过了|超过|突破|约为|约有|大约|最多|直逼|逼近"
    "|近|逾|超|约|上(?=[百千万])"
)
_HEDGE_AFTER = "以上|以下|以内|左右|上下"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = "[零〇一二两三四五六七八九十百千万亿点半]+"
_NUMBER = f"(?:{_ARABIC}|{_CHINESE})"
_MULTIPLIER = "(?:万亿|千万|百万|亿|万|千|百)"
_SCALES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 1000}
_SCALES["百"] = 100
# Half of a whole, a 50 % share: "一半", "过半", "近一半", "超过半数", "一半以上".
_HALF_SHARE = re.compile(
    f"(?:{_HEDGE_BEFORE}|过)?(?:一半|半数|(?<=[过近超逾])半)(?:{_HEDGE_AFTER})?"
)
# Written forms of a gold unit besides the unit itself (ANNOTATION.md folds them).
_WRITTEN = {
    "人": ("个人", "名", "位"),
    "元": ("块钱",),
    "小时": ("个小时",),
    "%": ("％", "成"),
    "人次": ("人(次)",),
}


def quantity_text(value: float, value_max: float | None, unit: str, evidence: str) -> str:
    """The quantity of `evidence` holding `value` (and `value_max`) in `unit`, as written;
    the number alone when the text writes no such quantity."""
    if unit == "%" and value == 50 and value_max is None:
        half = _HALF_SHARE.search(evidence)
        if half is not None:
            return half.group()
    # A large round number may leave its unit to a noun nearby ("50多万外来务工人员"): tried last.
    for bare in (False, True):
        found = _find_written(value, value_max, evidence, unit, bare=bare)
        if found is not None:
            return found
    return f"{value:g}"


def _find_written(
    value: float, value_max: float | None, evidence: str, unit: str, *, bare: bool
) -> str | None:
    forms = sorted({unit, *_WRITTEN.get(unit, ())} - {""}, key=len, reverse=True)
    written = "|".join(re.escape(w) for w in forms) or "(?!)"
    unit_part = "(?P<unit>)" if bare else f"(?P<unit>{written})"
    percent = unit == "%"
    # A percentage may be written out in words before its number: 百分之八十.
    pattern = re.compile(
        f"(?:{_HEDGE_BEFORE})?(?P<pct>百分之)?(?P<num>{_NUMBER})[余多]?(?P<m1>{_MULTIPLIER})?"
        f"(?:(?:{written})?[-~\u2014\u2013至到](?P<num2>{_NUMBER}))?[余多]?(?P<mult>{_MULTIPLIER})?"
        f"[余多]?{unit_part}(?:{_HEDGE_AFTER}|余|多)?"
    )
    for m in pattern.finditer(evidence):
        share = Decimal(10) if m["unit"] == "成" else Decimal(1)
        scale = _scale(m["mult"]) * share
        low = _value(m["num"])
        top = _value(m["num2"]) if m["num2"] else None
        if low is None and not m["num2"] and (pair := _pair(m["num"])) is not None:
            low, top = pair  # "一两天", "三五天": one range
        if low is None or (m["num2"] and top is None) or (m["pct"] and not percent):
            continue
        low *= _scale(m["m1"]) if m["m1"] else scale
        same_max = (value_max is None) == (top is None)
        same_max = same_max and (top is None or _eq(top * scale, value_max))
        if _eq(low, value) and same_max:
            return m.group()
    return None


def _scale(word: str | None) -> Decimal:
    return Decimal(_SCALES[word]) if word else Decimal(1)


def _value(s: str) -> Decimal | None:
    try:
        if s[0].isdigit():
            return Decimal(s.replace(",", ""))
        if s == "半":
            return Decimal("0.5")
        cn = s.replace("两", "二")
        half = Decimal("0.5") if cn.endswith("半") and len(cn) > 1 else Decimal(0)
        cn = cn.removesuffix("半") if half else cn
        cn = "一" + cn if cn[0] in "十百千万亿" else cn
        return Decimal(str(cn2an.cn2an(cn, "strict"))) + half
    except (ValueError, InvalidOperation, KeyError):
        return None


def _pair(s: str) -> tuple[Decimal, Decimal] | None:
    """Two rising neighbouring digits with no place ("一两", "三五") -> (low, high)."""
    digits = "一二三四五六七八九"
    cn = s.replace("两", "二")
    if len(cn) != 2 or cn[0] not in digits or cn[1] not in digits:
        return None
    low, high = digits.index(cn[0]) + 1, digits.index(cn[1]) + 1
    return (Decimal(low), Decimal(high)) if low < high else None


def _eq(a: Decimal, b: float | None) -> bool:
    return b is not None and abs(float(a) - b) <= 1e-6 * max(abs(b), 1.0)


# --- the oracle responder ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Page:
    text: str  # normalised, line breaks kept, as chunks are cut from it
    items: list[tuple[int, int, str, dict[str, Any]]]  # normalised start, end, kind, draft


def _statistic_draft(s: Statistic) -> dict[str, Any]:
    evidence = canonical(s.evidence)
    quantity = quantity_text(s.value, s.value_max, s.unit, evidence)
    return {
        "evidence": evidence, "quantity": quantity, "metric": s.metric, "indicator": s.indicator,
        "kind": s.kind, "time": s.time, "location": s.location, "subject": s.subject,
    }  # fmt: skip


# Codes are never asked of the model: the oracle writes places, and code reads their codes.
_CODES = {"location_code", "origin_code", "destination_code"}


def _event_draft(e: Event) -> dict[str, Any]:
    draft = e.model_dump(mode="json", exclude={"span", *_CODES})
    return draft | {"evidence": canonical(e.evidence)}


def _page(case: Case) -> _Page:
    doc = normalise(case.text)
    items = [
        (*_normalised(doc, s.span), "statistics", _statistic_draft(s)) for s in case.gold.statistics
    ]
    items += [(*_normalised(doc, e.span), "events", _event_draft(e)) for e in case.gold.events]
    return _Page(doc.text, sorted(items, key=lambda i: (i[0], i[1])))


def _normalised(doc: Any, span: tuple[int, int]) -> tuple[int, int]:
    return doc.offsets.to_normalised(span[0]), doc.offsets.to_normalised(span[1])


def oracle_responder(cases: list[Case]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Request body -> the gold drafts of every item whose span lies inside a passage asked,
    each naming its passage's marker, in reading order, as a perfect model would list them."""
    pages = [_page(c) for c in cases]

    def respond(body: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, list[dict[str, Any]]] = {"statistics": [], "events": []}
        for number, passage in passages_from_messages(body["messages"]):
            for kind, draft in _gold_inside(pages, passage):
                answer[kind].append(draft | {"article": number})
        return answer

    return respond


def _gold_inside(pages: list[_Page], passage: str) -> list[tuple[str, dict[str, Any]]]:
    """The gold drafts inside `passage`, from the first page holding it."""
    for page in pages:
        found = []
        at = page.text.find(passage) if passage else -1
        while at >= 0:
            found += [
                (kind, draft)
                for start, end, kind, draft in page.items
                if at <= start and end <= at + len(passage)
            ]
            at = page.text.find(passage, at + 1)
        if found:
            return found
    return []


@dataclass(frozen=True, slots=True)
class OracleRun:
    scores: Scores
    predictions: dict[str, DocumentResult]
    requests: int


def run_oracle(cases: list[Case], mode: Mode) -> OracleRun:
    """What comes back when the oracle answers every chunk of `cases` in `mode`, scored."""
    with serve_fake(oracle_responder(cases)) as fake:
        config = fake_llm_config(fake.base_url, model="oracle", mode=mode, max_retries=0)
        backend = LLMBackend(config)
        predictions = asyncio.run(predict(cases, backend, overlap=Settings().chunk_overlap))
        requests = len(fake.bodies)
    return OracleRun(score_cases(cases, predictions), predictions, requests)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    seeds = EVAL_SETS["seeds"].under(_ROOT)
    parser.add_argument("--fixtures", type=Path, default=seeds.fixtures)
    parser.add_argument("--texts", type=Path, default=seeds.texts)
    parser.add_argument("--mode", choices=[*MODES, "all"], default="all")
    parser.add_argument("--misses", action="store_true", help="list lost and extra items")
    args = parser.parse_args(argv)
    cases = load_cases(args.fixtures, args.texts)
    for mode in MODES if args.mode == "all" else (args.mode,):
        s = run_oracle(cases, mode).scores
        print(
            f"{mode:12} statistics F1 {s.statistics.matched.f1:.4f} strict "
            f"{s.statistics.strict.f1:.4f} cell {s.statistics.cell.f1:.4f} | events F1 "
            f"{s.events.matched.f1:.4f} strict {s.events.strict.f1:.4f} cell "
            f"{s.events.cell.f1:.4f} | grounding {s.grounding_rate:.3f}"
        )
        if args.misses:
            lost = s.statistics.misses + s.events.misses
            extra = s.statistics.false_positives + s.events.false_positives
            for tag, items in (("lost", lost), ("extra", extra)):
                for item in items:
                    print(f"  {tag}: {_describe(item)}", file=sys.stderr)
    return 0


def _describe(item: Statistic | Event) -> str:
    if isinstance(item, Statistic):
        return f"{item.value:g} {item.unit} {item.qualifier} {item.span} {canonical(item.evidence)}"
    return f"{item.type} {item.span} {canonical(item.evidence)}"


if __name__ == "__main__":
    sys.exit(main())
