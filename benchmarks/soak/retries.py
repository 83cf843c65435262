"""The retry-sequence model: what the openai SDK's transport retries and instructor's re-asks
should send for one chunk, and the checks that replay every chunk's requests against it."""

import itertools
from collections import Counter
from typing import Literal

from benchmarks.soak.checks import Soak, percentile
from benchmarks.soak.config import (
    CLIENT_TIMEOUT,
    FAULTS,
    MALFORMED,
    MAX_RETRIES,
    REASKS,
    RETRY_AFTER_MS,
    TRANSIENT,
)
from benchmarks.soak.server_log import Request, sequences

Kind = Literal["transport", "malformed", "final"]
Sequences = dict[tuple[str, str], list[Request]]


def kind_of(request: Request) -> Kind:
    """What the client saw: a transport failure, an answer to re-ask, or the end."""
    slow = request.answered - request.arrived >= CLIENT_TIMEOUT
    if request.status != 200 or request.mode in {"reset", "timeout"} or slow:
        return "transport"
    return "malformed" if request.mode in MALFORMED else "final"


def judge(kinds: list[Kind]) -> Literal["ok", "storm", "dropped"]:
    """Whether one chunk's requests are what the two retry layers should send.

    A transport failure is retried until 1 + MAX_RETRIES requests of one attempt failed; a
    malformed answer is re-asked (a new attempt, fresh transport retries) until 1 + REASKS
    attempts failed; anything else ends the ask. "storm": a request after the end;
    "dropped": the sequence stops where a retry or re-ask was due.
    """
    failed_requests = failed_attempts = 0
    for position, kind in enumerate(kinds):
        if kind == "transport":
            failed_requests += 1
            more = failed_requests <= MAX_RETRIES
        elif kind == "malformed":
            failed_attempts, failed_requests = failed_attempts + 1, 0
            more = failed_attempts <= REASKS
        else:
            more = False
        last = position == len(kinds) - 1
        if not more and not last:
            return "storm"
        if more and last:
            return "dropped"
    return "ok"


def check_retries(soak: Soak) -> None:
    """Transient faults retried, malformed answers re-asked, nothing more, Retry-After kept."""
    grouped = sequences(soak.requests)
    verdicts: Counter[str] = Counter()
    cut = 0
    for (run, _chunk), asked in grouped.items():
        verdict = judge([kind_of(r) for r in asked])
        if verdict == "dropped" and soak.cut_by_kill(run, asked[0].doc):  # not the client
            cut += 1
            continue
        verdicts[verdict] += 1
    figure = f"{verdicts.total()} judged, {cut} cut short by the kill"
    soak.add("chunk sequences (run, chunk text)", figure, "", passed=True)
    soak.expect_none("sequences with a request after the end", verdicts["storm"])
    soak.expect_none("sequences stopping where a retry was due", verdicts["dropped"])
    _tally(soak, grouped, "transient faults: served / retried", TRANSIENT)
    _tally(soak, grouped, "malformed answers: served / re-asked", MALFORMED)
    served = Counter(r.mode for r in soak.requests if r.mode)
    missing = [mode for mode in FAULTS if not served[mode]]
    figure = ", ".join(f"{mode} {served[mode]}" for mode in FAULTS)
    soak.add("faults served", figure, "every mode at least once", passed=not missing)
    _retry_after(soak, grouped)


def _tally(soak: Soak, grouped: Sequences, name: str, modes: frozenset[str]) -> None:
    """How many of `modes` were served and how many were followed by another request."""
    served = followed = 0
    for asked in grouped.values():
        for position, request in enumerate(asked):
            if request.mode in modes:
                served += 1
                followed += position + 1 < len(asked)
    soak.add(name, f"{served} / {followed}", "rest: budget spent or killed", passed=served > 0)


def _retry_after(soak: Soak, grouped: Sequences) -> None:
    """Gap from a 429/503 answer to the next request for its chunk vs the Retry-After sent."""
    gaps: list[float] = []
    early = 0
    for asked in grouped.values():
        for request, retry in itertools.pairwise(asked):
            if request.status in {429, 503} and request.retry_after_ms:
                gap = retry.arrived - request.answered
                gaps.append(gap)
                early += gap < request.retry_after_ms / 1000
    gaps.sort()
    served = Counter(r.status for r in soak.requests if r.status in {429, 503})
    figure = (
        f"{served[429]} x 429 + {served[503]} x 503 served, {len(gaps)} retried: gap min "
        f"{percentile(gaps, 0):.3f} s, p50 {percentile(gaps, 50):.3f} s, "
        f"max {percentile(gaps, 100):.3f} s; early {early}"
    )
    expected = f">= retry-after-ms {RETRY_AFTER_MS / 1000:.1f} s (SDK back-off alone <= 1.0 s)"
    soak.add("429/503 retry gap", figure, expected, passed=bool(gaps) and early == 0)
