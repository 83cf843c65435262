"""`laborlens batch --dry-run`: what a batch would send, counted without asking any model.

Each document is planned as `pipeline.run` plans it (normalise, segment, pack), and each request
is built as the LLM backend builds it in tools mode (system prompt, the draft schema as a tool,
the user message of passages); its prompt tokens are the fake server's estimate
(`service.tokens`: one token per two characters of compact JSON). Needs no model, no key and
no server; a document that cannot be read or is blank counts as skipped.
"""

from dataclasses import dataclass
from typing import Any

from service.batch.source import BatchInput
from service.errors import InputError
from service.extract.llm import build_messages, draft_tool
from service.pipeline import plan
from service.prompts import load_prompt
from service.tokens import prompt_tokens


@dataclass(slots=True)
class Estimate:
    documents: int = 0
    skipped: int = 0  # unreadable or blank
    articles: int = 0
    chunks: int = 0  # passages: whole short articles and chunks of long ones
    requests: int = 0
    prompt_tokens: int = 0

    def describe(self) -> str:
        return (
            f"documents {self.documents} (skipped {self.skipped}), articles {self.articles}, "
            f"chunks {self.chunks}, requests {self.requests}, estimated prompt tokens "
            f"{self.prompt_tokens} (chars/2 of each request's messages and tool schema as "
            "compact JSON, tools mode, as the fake server counts; re-asks not included)"
        )


def estimate_batch(
    pages: BatchInput, *, chunk_chars: int, overlap: int, prompt_version: int
) -> Estimate:
    """Documents, articles, chunks, requests and estimated prompt tokens of a batch."""
    prompt = load_prompt("extract", prompt_version)
    tools = [draft_tool()]
    total = Estimate()
    for document in pages.documents():
        total.documents += 1
        try:
            page = document.read()
            published = document.published or page.published
            planned = plan(page.text, chunk_chars=chunk_chars, overlap=overlap, published=published)
        except InputError:
            total.skipped += 1
            continue
        total.articles += len(planned.articles)
        total.chunks += sum(len(r.passages) for r in planned.requests)
        total.requests += len(planned.requests)
        for request in planned.requests:
            body: dict[str, Any] = {"messages": build_messages(prompt, request), "tools": tools}
            total.prompt_tokens += prompt_tokens(body)
    return total
