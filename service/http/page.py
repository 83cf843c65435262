"""The review page at `GET /`: static HTML, CSS and JS from `static/`, nothing from elsewhere.

The page holds no data (it calls `POST /v1/extract` with the token the user types in), so it
stays open when the server sets a token. Its one server-side part is a small JSON block saying
which backends this server can run, so `llm` is disabled and explained when it has no model.
A Content-Security-Policy keeps the page to this server: it cannot load a CDN script by mistake.
"""

import json
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from service.settings import Settings

STATIC = Path(__file__).parent / "static"
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def page_config(settings: Settings) -> dict[str, object]:
    """What the page is told about the server: no secrets, no model name."""
    return {
        "llm": settings.llm_configured,
        "default_backend": "llm" if settings.llm_configured else "rules",
        "guarded": settings.api_token is not None,
    }


def add_page(app: FastAPI, settings: Settings) -> None:
    """`GET /` (left out of the OpenAPI document: it is not part of the API) and `/static/`."""
    # "<" is escaped so no value can close the script element early.
    block = json.dumps(page_config(settings)).replace("<", "\\u003c")
    html = (
        (STATIC / "index.html")
        .read_text(encoding="utf-8")
        .replace("<!--CONFIG-->", f'<script id="config" type="application/json">{block}</script>')
    )
    headers = {"Content-Security-Policy": _CSP, "Cache-Control": "no-cache"}

    @app.get("/", include_in_schema=False)
    async def review_page() -> HTMLResponse:
        return HTMLResponse(html, headers=headers)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
