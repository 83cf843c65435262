"""What the fake OpenAI server answers besides its responder: scripted `Reply`s, served first
and in order, and a seeded `FaultPlan` that draws a fault per request after the script runs out.

Pure data and arithmetic; `service.fake.wire` turns a Reply into HTTP.
"""

import hashlib
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

FaultMode = Literal[
    "p429", "p500", "p503", "reset", "timeout", "truncated", "invalid", "empty", "refusal", "length"
]


@dataclass(frozen=True, slots=True)
class Reply:
    """One scripted answer. `status` >= 400 sends an OpenAI-style error body with `headers`.

    Otherwise the answer is `raw` (sent as the tool arguments or content, byte for byte, e.g.
    truncated JSON), else `payload` serialised as JSON, else whatever the responder says.
    `refusal` answers with a refusal and no content.
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    payload: Mapping[str, Any] | None = None
    raw: str | None = None
    finish_reason: str = "stop"
    refusal: str | None = None
    cut: bool = False  # send the first half of the answer (truncated JSON)
    reset: bool = False  # close the connection part-way through the response
    delay: float = 0.0  # seconds to wait first, on top of the server's latency

    def answer(self, responder: Callable[[], Mapping[str, Any]]) -> str:
        """The text the model answers: `raw`, else `payload` or the responder's as JSON."""
        if self.raw is not None:
            text = self.raw
        else:
            payload = self.payload if self.payload is not None else responder()
            text = json.dumps(payload, ensure_ascii=False)
        return text[: len(text) // 2] if self.cut else text


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """Seeded fault injection: each field named like a FaultMode is that mode's probability.

    `p429`/`p503` carry Retry-After (whole seconds) and retry-after-ms (`retry_after_ms`, which
    the openai SDK reads first); `timeout` stalls `timeout_seconds` before answering, so it
    should exceed the client's timeout; `length` is truncated JSON with finish_reason "length".
    """

    seed: int = 0
    p429: float = 0.0
    p500: float = 0.0
    p503: float = 0.0
    reset: float = 0.0
    timeout: float = 0.0
    truncated: float = 0.0
    invalid: float = 0.0
    empty: float = 0.0
    refusal: float = 0.0
    length: float = 0.0
    retry_after_ms: int = 10
    timeout_seconds: float = 2.0

    def __post_init__(self) -> None:
        chances = self.chances()
        if any(not 0.0 <= p <= 1.0 for p in chances.values()) or sum(chances.values()) > 1.0:
            raise ValueError("fault probabilities must be in [0, 1] and sum to at most 1")
        if self.retry_after_ms < 0 or self.timeout_seconds <= 0:
            raise ValueError("retry_after_ms must be >= 0 and timeout_seconds > 0")

    def chances(self) -> dict[FaultMode, float]:
        """Mode -> probability, in the fixed order draws are resolved in."""
        return {mode: getattr(self, mode) for mode in FAULT_MODES}

    def draw(self, key: str) -> FaultMode | None:
        """The fault for the request identified by `key`, or None; a pure function of both."""
        digest = hashlib.sha256(f"{self.seed}\x00{key}".encode()).digest()
        point = int.from_bytes(digest[:8], "big") / 2**64
        for mode, chance in self.chances().items():
            if point < chance:
                return mode
            point -= chance
        return None

    def reply(self, mode: FaultMode) -> Reply:
        """The Reply that serves `mode`."""
        wait = {
            "Retry-After": str(math.ceil(self.retry_after_ms / 1000)),
            "retry-after-ms": str(self.retry_after_ms),
        }
        replies: dict[FaultMode, Reply] = {
            "p429": Reply(status=429, headers=wait),
            "p500": Reply(status=500),
            "p503": Reply(status=503, headers=wait),
            "reset": Reply(reset=True),
            "timeout": Reply(delay=self.timeout_seconds),
            "truncated": Reply(cut=True),
            "invalid": Reply(payload={"statistics": [{"evidence": "无"}], "events": "none"}),
            "empty": Reply(raw=""),
            "refusal": Reply(refusal="I'm sorry, I can't help with that."),
            "length": Reply(cut=True, finish_reason="length"),
        }
        return replies[mode]


FAULT_MODES: tuple[FaultMode, ...] = (
    "p429", "p500", "p503", "reset", "timeout", "truncated", "invalid", "empty", "refusal", "length"
)  # fmt: skip
