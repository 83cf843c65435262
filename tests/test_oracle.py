"""Oracle check: the gold items, fed back through the real LLM path (the fake server answers
each chunk with the gold items whose evidence lies in it), must come out again. Whatever is
lost is pipeline loss: segmentation, chunking, grounding, number reading, dedupe."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from schemas.drafts import StatisticDraft
from schemas.results import Event, Statistic
from service.evals.evaluate import Case, load_cases, predict, score_cases
from service.extract.llm import LLMBackend, LLMConfig
from service.fake.server import serve_fake
from service.items.ground import canonical
from service.items.resolve import resolve_statistic
from service.prompts import passages_from_messages
from service.values.quantities import find_quantities, to_number

_ROOT = Path(__file__).resolve().parent.parent
ORACLE_FLOOR = 0.99


def _quantity_text(item: Statistic) -> str:
    """The quantity as written in the evidence, the way a model is asked to quote it."""
    evidence = canonical(item.evidence)
    for q in find_quantities(evidence):
        same_max = (q.value_max is None) == (item.value_max is None) and (
            q.value_max is None or to_number(q.value_max) == item.value_max
        )
        if to_number(q.value) == item.value and same_max:
            return evidence[q.start : q.end]
    return str(item.value)  # unreadable: the pipeline will drop it, and the score shows it


def _statistic_draft(s: Statistic) -> dict[str, Any]:
    return {
        "evidence": canonical(s.evidence), "quantity": _quantity_text(s), "metric": s.metric,
        "kind": s.kind, "time": s.time, "location": s.location, "subject": s.subject,
    }  # fmt: skip


def _event_draft(e: Event) -> dict[str, Any]:
    return e.model_dump(mode="json", exclude={"span"}) | {"evidence": canonical(e.evidence)}


def _oracle(cases: list[Case]) -> Any:
    pages = [
        (
            canonical(c.text),
            [(canonical(s.evidence), _statistic_draft(s)) for s in c.gold.statistics],
            [(canonical(e.evidence), _event_draft(e)) for e in c.gold.events],
        )
        for c in cases
    ]

    def respond(body: dict[str, Any]) -> dict[str, Any]:
        passages = [(n, t.replace("\n", "")) for n, t in passages_from_messages(body["messages"])]
        page = next(p for p in pages if all(text in p[0] for _, text in passages))
        return {
            "statistics": [
                d | {"article": n} for n, text in passages for e, d in page[1] if e in text
            ],
            "events": [d | {"article": n} for n, text in passages for e, d in page[2] if e in text],
        }

    return respond


def test_gold_survives_the_llm_path(capsys: pytest.CaptureFixture[str]) -> None:
    cases = load_cases(_ROOT / "evals/fixtures", _ROOT / "seeds")
    with serve_fake(_oracle(cases)) as fake:
        config = LLMConfig(
            model="oracle", base_url=fake.base_url, api_key=SecretStr("test"), max_retries=0
        )
        backend = LLMBackend(config)
        scores = score_cases(cases, asyncio.run(predict(cases, backend)))
        sent = [fake.tokens[kind] / len(cases) for kind in ("prompt_tokens", "completion_tokens")]
    with capsys.disabled():
        print(
            f"\noracle ({backend.info.prompt_version}, {backend.chunk_chars} chars/chunk): "
            f"statistics F1 {scores.statistics.matched.f1:.4f}, events F1 "
            f"{scores.events.matched.f1:.4f}, grounding {scores.grounding_rate:.3f}; "
            f"{len(fake.bodies)} requests, {sent[0]:.0f} + {sent[1]:.0f} tokens/page"
        )
    lost = [m.evidence for m in scores.statistics.misses + scores.events.misses]
    assert scores.statistics.matched.f1 > ORACLE_FLOOR, lost
    assert scores.events.matched.f1 > ORACLE_FLOOR, lost
    assert scores.grounding_rate == 1.0


def test_a_quoted_number_without_a_unit_is_dropped_with_a_warning() -> None:
    draft = StatisticDraft(evidence="新增技能人才1.37万", quantity="1.37万", metric="技能人才")
    item = resolve_statistic(draft, "新增技能人才1.37万", (0, 11), published=None, chunk=0)
    assert getattr(item, "code", None) == "unparsable_quantity"
