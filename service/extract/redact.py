"""Credentials out of text that leaves the process: an upstream's error body goes into
`errors[].reason`, and a proxy that echoes the request's headers would put the API key into the
answer. Pure.

    >>> redact('401 {"echo": {"Authorization": "Bearer sk-proj-Abc123xyz789"}}')
    '401 {"echo": {"Authorization": "Bearer [redacted]"}}'
    >>> redact("api_key=c2VjcmV0LXZhbHVl&model=m")
    'api_key=[redacted]&model=m'
"""

import re

REDACTED = "[redacted]"
# A value runs to the next quote, space, comma, semicolon, ampersand or closing brace.
_VALUE = r"[^\s\"',;&}\]]+"
_NAMED = (
    r"authorization|proxy-authorization|api[-_ ]?key|x-api-key|access[-_]?token|"
    r"refresh[-_]?token|client[-_]?secret|secret|password|passwd|token"
)
_SECRETS = re.compile(
    # "Authorization: Bearer x", "api_key=x", '"x-api-key": "x"': keep the name, drop the value
    rf"(?P<keep>(?:{_NAMED})[\"']?\s*[:=]\s*[\"']?(?:(?:bearer|basic|token)\s+)?){_VALUE}"
    # "Bearer x" anywhere
    rf"|(?P<scheme>\b(?:bearer|basic)\s+){_VALUE}"
    # key shapes of OpenAI-compatible providers: sk-..., sk-proj-...
    r"|\bsk-[A-Za-z0-9_\-]{8,}",
    re.IGNORECASE,
)
_MIN_FRAGMENT = 6  # a secret's tail this long, cut off at the end of a text, is still hidden


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with credentials replaced by REDACTED: values after credential names, bearer and
    basic tokens, sk- keys, and each of `secrets` wherever it stands, even cut off at the end."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
            text = _without_cut_off(text, secret)
    return _SECRETS.sub(_keep_the_name, text)


def _keep_the_name(match: re.Match[str]) -> str:
    return (match["keep"] or match["scheme"] or "") + REDACTED


def _without_cut_off(text: str, secret: str) -> str:
    """`text` without a beginning of `secret` that ends it (a reason cut at its length limit)."""
    for size in range(min(len(secret), len(text)) - 1, _MIN_FRAGMENT - 1, -1):
        if text.endswith(secret[:size]):
            return text[: len(text) - size] + REDACTED
    return text
