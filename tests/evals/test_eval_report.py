"""report.html of `laborlens eval`: the summary tables first, then each page's gold | predicted
marks and its misses and false positives, all agreeing with report.json."""

import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from service.cli import app
from tests.paths import ROOT


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("report")
    args = ["eval", "--backend", "rules", "--no-cache", "--report", str(out)]
    args += ["--fixtures", str(ROOT / "evals/fixtures"), "--seeds", str(ROOT / "seeds")]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return (out / "report.html").read_text(encoding="utf-8"), data


def test_the_summary_comes_first_and_no_json_is_dumped(report: tuple[str, Any]) -> None:
    page, _ = report
    assert page.index("<table class=scores>") < page.index("<table class=attributes>")
    assert page.index("<table class=attributes>") < page.index("<pre>")
    assert '"precision"' not in page
    assert "http://" not in page  # self-contained: nothing loaded from elsewhere


def test_the_score_table_holds_every_page_and_kind_as_in_report_json(
    report: tuple[str, Any],
) -> None:
    page, data = report
    table = page.split("<table class=scores>")[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1])
    wanted = [("overall", data["overall"]), *list(data["articles"].items())]
    assert len(rows) == 2 * len(wanted)
    for row, (name, kind) in zip(
        rows, [(n, k) for n, _ in wanted for k in ("statistics", "events")], strict=True
    ):
        scores = dict(wanted)[name][kind]
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        assert cells[:2] == [name, kind]
        assert cells[2:7] == [
            f"{scores[k]:.3f}" for k in ("precision", "recall", "f1", "strict_f1", "cell_f1")
        ]
        assert cells[7:] == [
            str(scores["gold"]), str(scores["predicted"]), str(scores["matched"]),
            str(len(scores["misses"])), str(len(scores["false_positives"])),
        ]  # fmt: skip


def test_each_page_lists_its_misses_and_false_positives_and_marks_them(
    report: tuple[str, Any],
) -> None:
    page, data = report
    sections = page.split("<section id=page-")[1:]
    assert len(sections) == len(data["articles"])
    for section, scores in zip(sections, data["articles"].values(), strict=True):
        gold, predicted = re.findall(r"<pre>(.*?)</pre>", section, re.S)
        problems = section.split("misses and false positives</h4>")[1]
        for kind in ("statistics", "events"):
            misses, fps = scores[kind]["misses"], scores[kind]["false_positives"]
            assert problems.count(f"missed</mark></td><td>{kind}</td>") == len(misses)
            assert problems.count(f"false +</mark></td><td>{kind}</td>") == len(fps)
        missed = sum(len(scores[k]["misses"]) for k in ("statistics", "events"))
        false_positives = sum(len(scores[k]["false_positives"]) for k in ("statistics", "events"))
        assert ("<mark class=miss" in gold) == (missed > 0)
        assert ("<mark class=fp" in predicted) == (false_positives > 0)
        assert "<mark class=fp" not in gold
        assert "<mark class=miss" not in predicted
