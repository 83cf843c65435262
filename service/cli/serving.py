"""`laborlens serve`: the HTTP service until interrupted."""

from typing import Annotated

import typer

from service.cli.options import err, fail
from service.errors import LaborlensError
from service.settings import load_settings

_DEMO_SEED = "seeds/000_0c4ce29092f07e54.txt"


def serve(
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to bind.", min=0, max=65535)] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="First print a curl command that posts a seed page.")
    ] = False,
) -> None:
    """Serve POST /v1/extract, /healthz, /metrics and /docs over HTTP until interrupted.

    Examples:

        laborlens serve --port 8000

        LABORLENS_API_TOKEN=s3cret laborlens serve --host 0.0.0.0 --demo
    """
    import logging

    import uvicorn

    from service.http.app import SHUTDOWN_GRACE_SECONDS, create_app

    try:
        settings = load_settings()
    except LaborlensError as exc:
        raise fail(exc) from exc
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    target = "127.0.0.1" if host in {"0.0.0.0", "::"} else host  # the loopback answers too
    err.print(
        f"review page: http://{target}:{port}/  (API docs: http://{target}:{port}/docs)",
        markup=False,
        highlight=False,
    )
    if demo:
        auth = ' -H "Authorization: Bearer $LABORLENS_API_TOKEN"' if settings.api_token else ""
        err.print(
            f"try: curl -s --data-binary @{_DEMO_SEED} -H 'Content-Type: text/plain'{auth} "
            f"'http://{target}:{port}/v1/extract?published=2022-02-20' | jq .articles[0]",
            markup=False,
            highlight=False,
        )
    app = create_app(settings)
    grace = SHUTDOWN_GRACE_SECONDS
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=grace)
