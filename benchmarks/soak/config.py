"""The client's and the server's settings, which the soak's budgets and checks are written
against: `laborlens batch` gets the first group through LABORLENS_*, the fake the second."""

from pathlib import Path

from service.fake.replies import FaultMode

ROOT = Path(__file__).resolve().parents[2]

# --- the client: `laborlens batch`, configured through LABORLENS_* -------------------------
MAX_RETRIES = 2  # transport retries per request, by the openai SDK
REASKS = 1  # re-asks after an invalid answer, by instructor; 1 so that budgets run out
CLIENT_TIMEOUT = 2.0  # seconds; well above the fake's latency even on a loaded machine
CONCURRENCY = 16
CHUNK_CHARS = 1500
OVERLAP = 150
# One ask: each instructor attempt is one SDK call with its own transport retries.
ASK_BUDGET = (1 + MAX_RETRIES) * (1 + REASKS)
# One chunk: an ask, and when its answer is cut off, one ask for each half (never quarters).
CHUNK_BUDGET = 3 * ASK_BUDGET

# --- the server ------------------------------------------------------------------------------
LATENCY = 0.05
# Longer than any back-off the SDK picks on its own for a first or second retry (<= 1.0 s), so
# a retry sooner than this after a 429/503 means the header was ignored.
RETRY_AFTER_MS = 1100
STALL = CLIENT_TIMEOUT + 1.0  # a `timeout` fault answers after the client has given up
FAULTS: dict[FaultMode, float] = {
    "p429": 0.04,
    "p500": 0.03,
    "p503": 0.03,
    "reset": 0.03,
    "timeout": 0.01,
    "truncated": 0.03,
    "invalid": 0.04,
    "empty": 0.02,
    "refusal": 0.01,
    "length": 0.02,
}
TRANSIENT = frozenset({"p429", "p500", "p503", "reset", "timeout"})  # retried by the SDK
MALFORMED = frozenset({"truncated", "invalid", "empty"})  # re-asked by instructor
USAGE_TOKENS = ("prompt_tokens", "completion_tokens", "total_tokens")  # an answer's `usage`
