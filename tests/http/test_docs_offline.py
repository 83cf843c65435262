"""/docs and /redoc load every script and style from this server: they work offline."""

import re

import pytest
from fastapi.testclient import TestClient

from service.http.app import create_app
from service.settings import Settings


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_need_nothing_from_elsewhere(page: str) -> None:
    # Addressed to a loopback name: an open server answers nothing else.
    with TestClient(create_app(Settings()), base_url="http://127.0.0.1") as client:
        html = client.get(page)
        assert html.status_code == 200
        urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html.text)
        assert urls
        assert not [u for u in urls if u.startswith(("http:", "https:", "//"))]
        for url in urls:
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert len(asset.content) > 100, url
