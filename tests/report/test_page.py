"""The report page escapes what it is given, links only web addresses and runs no script."""

import json
from typing import Any

from service.report.page import Cited, Content, Overview, render_page
from service.report.tables import Measure, Total

_EVIL = '<script>alert(1)</script>"'


def _fact(**changed: Any) -> dict[str, Any]:
    return {
        "indicator": "workers_transferred", "metric": _EVIL, "value": 49300.0, "value_max": None,
        "unit": "人", "qualifier": "exact", "kind": "actual", "time": "2022-03",
        "location": _EVIL, "location_code": "511923", "documents": 3, "stories": 2,
        "first_published": "2022-04-01", "document_ids": json.dumps(["a", "b", "c"]),
    } | changed  # fmt: skip


def _page() -> str:
    cited = {
        "a": Cited("https://example.org/a?x=1&y=2", _EVIL),
        "b": Cited("javascript:alert(1)", "某网"),
        "c": Cited(None, None),
    }
    content = Content(
        overview=Overview(3, 0, 2, 3, 1, 1),
        series=["<svg class='marks'></svg>"],
        events=None,
        regions=[Total(Measure(_EVIL, "人"), (_EVIL,), 49300.0, 1)],
        facts=[_fact()],
        cited=cited,
    )
    return render_page(content, title=_EVIL)


def test_every_text_is_escaped() -> None:
    html = _page()
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;&quot;") >= 5


def test_only_web_addresses_become_links() -> None:
    html = _page()
    assert '<a href="https://example.org/a?x=1&amp;y=2"' in html
    assert "javascript:" not in html
    assert html.count("<a ") == 1
    assert "、c</td>" in html  # no URL, no outlet: the document id


def test_the_policy_lets_the_page_load_nothing() -> None:
    html = _page()
    assert "Content-Security-Policy" in html
    assert "default-src 'none'" in html
    assert "<svg class='marks'></svg>" in html  # charts go in as the renderer drew them
