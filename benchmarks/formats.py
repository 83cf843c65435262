"""One fake model for both systems: the fake server's numbers responder, answered in
LangExtract's format ({"extractions": [{"statistic": quote, "statistic_attributes": {...}}]})
when the request is LangExtract's, so both do the same parsing and alignment work."""

from typing import Any

from service.fake.server import numbers_responder
from service.prompts import build_user_message

_LX_SYSTEM = "You are a helpful assistant that responds in JSON format."
_LX_QUESTION = "Q: "
_LX_ANSWER = "\nA: "


def both_formats(body: dict[str, Any]) -> dict[str, Any]:
    """A ChunkDraft for laborlens requests, LangExtract extractions for LangExtract's."""
    messages = body.get("messages", [])
    if not (messages and messages[0].get("content") == _LX_SYSTEM):
        return numbers_responder(body)
    prompt = str(messages[-1].get("content", ""))
    chunk = prompt[prompt.rfind(_LX_QUESTION) + len(_LX_QUESTION) :]
    chunk = chunk.removesuffix(_LX_ANSWER)
    asked = [{"role": "user", "content": build_user_message([(1, chunk, None)])}]
    ours = numbers_responder({"messages": asked})
    extractions = [
        {
            "statistic": s["evidence"],
            "statistic_attributes": {"quantity": s["quantity"], "metric": s["metric"]},
        }
        for s in ours["statistics"]
    ]
    return {"extractions": extractions}
