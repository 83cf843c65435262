"""schemathesis against `/openapi.json`: no 5xx, and every answer's status, Content-Type, headers
and body is one the document declares. Two servers: an open one, and one that requires a bearer
token; schemathesis sends it none or a made-up one, so each guarded answer is the documented 401.
"""

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import settings
from schemathesis.specs.openapi.schemas import OpenApiSchema

from service.http.app import create_app
from service.settings import Settings

_MAX_BODY_BYTES = 400  # the documented examples fit; many generated bodies do not: 413s too

# Every built-in check, with two adjustments:
_CONFIG = schemathesis.Config.from_dict({
    "checks": {
        # A schema-valid request may still be refused, by design and with a documented status:
        # blank text (422), a body over the limit (413), query parameters beside a JSON body
        # (422; OpenAPI cannot tie parameters to one media type). status_code_conformance and
        # response_schema_conformance hold those answers to the document instead.
        "positive_data_acceptance": {"enabled": False},
        # A schema-violating body that is also too large is refused for its size, before parsing.
        "negative_data_rejection": {
            "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429],
        },
    },
})  # fmt: skip


def _schema(**fields: Any) -> OpenApiSchema:
    """The document of the app for `fields` alone: this runs at import, before `clean_environ`."""
    with pytest.MonkeyPatch.context() as env:
        for name in list(os.environ):
            if name.startswith(("LABORLENS_", "OPENAI_")):
                env.delenv(name)
        # No model: the rules backend answers, and the LLM backend's cache is never opened.
        cache = Path(tempfile.gettempdir()) / "laborlens-schema-tests"
        # schemathesis addresses the app as Starlette's test client does: http://testserver.
        app = create_app(
            Settings(
                cache_dir=cache,
                max_body_bytes=_MAX_BODY_BYTES,
                allowed_hosts=("testserver",),
                **fields,
            )
        )
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=_CONFIG)


@schemathesis.pytest.parametrize(open=_schema(), guarded=_schema(api_token="s3cret-for-tests"))
@settings(max_examples=100)
def test_answers_match_the_openapi_document(case: schemathesis.Case) -> None:
    case.call_and_validate()
