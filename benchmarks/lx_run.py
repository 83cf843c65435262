"""LangExtract's side of the benchmark; runs in .venv-bench and imports nothing of laborlens.

    python benchmarks/lx_run.py MODE DOCS.json CHUNK_CHARS [BASE_URL] [--task FILE]
        ->  one JSON line

MODE `sequential`: each document alone, timed (per-document overhead against a zero-latency
fake), after one warm-up document. MODE `inproc`: the same, but with an in-process model
answering as the fake does, so no HTTP at all; its answers are worked out on a warm-up pass
over every document (model time) and replayed in the timed pass. MODE `batch`: every document
in one `lx.extract` call, 32 workers (throughput), after a warm-up call on a short document;
the requests it sent are read from the fake's counters (`GET /_fake/stats`).
CHUNK_CHARS is laborlens's chunk size, so both send requests of the same size.

The task is `PROMPT` below (statistics with quantity and metric only) unless `--task FILE` is
given: a task file written by `benchmarks/lx_task.py`, laborlens's whole task (statistics and
events with every field) in laborlens's own words and example.
"""

import argparse
import json
import re
import statistics
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import langextract as lx
from langextract.core import base_model, types
from langextract.core.tokenizer import UnicodeTokenizer

WORKERS = 32
PROMPT = (
    "从中文劳动就业新闻中逐字摘录统计数字：每条给出陈述该数字的最短分句，"
    "以及数字连同修饰词和单位（quantity）与被计量的对象（metric）。"
)
EXAMPLE_TEXT = (
    "3月5日，临川区人社局在城南广场举办春风行动专场招聘会，56家企业提供岗位2000余个，"
    "约800名求职者进场，当场达成就业意向320人。"
)
EXAMPLES = [
    lx.data.ExampleData(
        text=EXAMPLE_TEXT,
        extractions=[
            lx.data.Extraction(
                extraction_class="statistic",
                extraction_text="56家企业提供岗位2000余个",
                attributes={"quantity": "2000余个", "metric": "提供岗位"},
            ),
            lx.data.Extraction(
                extraction_class="statistic",
                extraction_text="约800名求职者进场",
                attributes={"quantity": "约800名", "metric": "进场求职者"},
            ),
        ],
    )
]
# The fake server's numbers responder, repeated here because this venv lacks laborlens.
_QUANTITY = re.compile(
    r"(?:约|近|超过|逾)?\d+(?:\.\d+)?\s?[万亿]?[余多]?\s?(?:名|人次|人|元|家|个|%)"
)
_CLAUSE_END = re.compile(r"[，。；！？\n]")


# Prompt -> the in-process model's answer, filled on the warm-up pass.
_ANSWERS: dict[str, str] = {}


class _InProcess(base_model.BaseLanguageModel):  # type: ignore[misc]
    """Answers like the fake server, without HTTP; each prompt's answer is worked out once."""

    def infer(
        self,
        batch_prompts: Sequence[str],
        **kwargs: Any,  # noqa: ARG002
    ) -> Iterator[Sequence[types.ScoredOutput]]:
        for prompt in batch_prompts:
            if prompt not in _ANSWERS:
                _ANSWERS[prompt] = _answer(prompt)
            yield [types.ScoredOutput(score=1.0, output=_ANSWERS[prompt])]


def _answer(prompt: str) -> str:
    chunk = prompt[prompt.rfind("Q: ") + 3 :].removesuffix("\nA: ")
    found = [
        {"statistic": c, "statistic_attributes": {"quantity": m.group(), "metric": c}}
        for c in _CLAUSE_END.split(chunk)
        for m in _QUANTITY.finditer(c)
    ]
    return json.dumps({"extractions": found}, ensure_ascii=False)


def load_task(path: Path) -> tuple[str, list[Any]]:
    """A task written by `benchmarks/lx_task.py`: LangExtract's description and examples."""
    task = json.loads(path.read_text(encoding="utf-8"))
    examples = [
        lx.data.ExampleData(
            text=example["text"],
            extractions=[
                lx.data.Extraction(
                    extraction_class=e["class"],
                    extraction_text=e["text"],
                    attributes=e["attributes"],
                )
                for e in example["extractions"]
            ],
        )
        for example in task["examples"]
    ]
    return task["description"], examples


def _extract(
    documents: Any, base_url: str | None, chunk_chars: int, task: tuple[str, list[Any]]
) -> Any:
    description, examples = task
    options: dict[str, Any] = {
        "prompt_description": description,
        "examples": examples,
        "tokenizer": UnicodeTokenizer(),
        "max_char_buffer": chunk_chars,
        "batch_length": 4 * WORKERS,
        "max_workers": WORKERS,
        "show_progress": False,
        "fence_output": False,
        "use_schema_constraints": False,
        "prompt_validation_level": lx.prompt_validation.PromptValidationLevel.OFF,
    }
    if base_url is None:
        return lx.extract(documents, model=_InProcess(), **options)
    config = lx.factory.ModelConfig(
        model_id="fake-model",
        provider="OpenAILanguageModel",
        provider_kwargs={"base_url": base_url, "api_key": "unused", "max_workers": WORKERS},
    )
    return lx.extract(documents, config=config, **options)


def _count(annotated: Any) -> tuple[int, int]:
    extractions = [e for doc in annotated for e in (doc.extractions or [])]
    aligned = sum(1 for e in extractions if e.char_interval is not None)
    return len(extractions), aligned


def _requests(base_url: str) -> int:
    """Requests the fake server has received so far."""
    url = base_url.removesuffix("/v1") + "/_fake/stats"
    with urllib.request.urlopen(url, timeout=10) as answer:
        return int(json.load(answer)["requests"])


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["sequential", "inproc", "batch"])
    parser.add_argument("docs", type=Path)
    parser.add_argument("chunk_chars", type=int)
    parser.add_argument("base_url", nargs="?")
    parser.add_argument("--task", type=Path, help="a task file written by benchmarks/lx_task.py")
    args = parser.parse_args(argv)
    mode, chunk_chars, base_url = args.mode, args.chunk_chars, args.base_url
    task = load_task(args.task) if args.task else (PROMPT, EXAMPLES)  # read once, not per call
    texts: list[str] = json.loads(args.docs.read_text(encoding="utf-8"))
    out: dict[str, Any] = {"mode": mode, "documents": len(texts)}
    if mode == "batch" and base_url is not None:
        _extract(texts[0][: chunk_chars // 2], base_url, chunk_chars, task)  # warm-up
        before = _requests(base_url)
        documents = [lx.data.Document(text=t, document_id=f"d{i}") for i, t in enumerate(texts)]
        started = time.perf_counter()
        annotated = list(_extract(documents, base_url, chunk_chars, task))
        out["seconds"] = time.perf_counter() - started
        out["requests"] = _requests(base_url) - before
    else:
        url = None if mode == "inproc" else base_url
        for text in texts if mode == "inproc" else texts[:1]:  # warm-up
            _extract(text, url, chunk_chars, task)
        annotated, seconds = [], []
        for text in texts:
            started = time.perf_counter()
            annotated.append(_extract(text, url, chunk_chars, task))
            seconds.append(time.perf_counter() - started)
        out["median_ms"] = 1000 * statistics.median(seconds)
        out["seconds"] = sum(seconds)
    out["extractions"], out["aligned"] = _count(annotated)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
