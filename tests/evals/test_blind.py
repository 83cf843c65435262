"""A blind set (the validation split) is reported by aggregate figures and counts of misses by
class only: no page name, no evidence, no per-page figures, on the terminal or in its reports.
The seed pages stand in for it here: the real split is never read by the tests either."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schemas.fixtures import Fixture
from schemas.results import ArticleResult, BackendInfo, DocumentInfo, DocumentResult
from service.cli import app
from service.evals.blind import blind_summary, miss_classes
from service.evals.evaluate import load_cases, score_cases
from service.evals.score import Scores
from tests.paths import ROOT, SEEDS

_GOLD = ROOT / "evals/fixtures"


def _gold() -> list[Fixture]:
    return [
        Fixture.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(_GOLD.glob("*.json"))
    ]


def _secrets() -> list[str]:
    """What a blind report must never show: page names and every gold evidence."""
    found = []
    for fixture in _gold():
        found += [fixture.article, Path(fixture.article).stem]
        found += [i.evidence for i in [*fixture.statistics, *fixture.events] if len(i.evidence) > 3]
    return found


@pytest.fixture(scope="module")
def blind_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder holding the seed pages where the validation split would be."""
    root = tmp_path_factory.mktemp("blind")
    shutil.copytree(_GOLD, root / "evals/real/validation/fixtures")
    shutil.copytree(SEEDS, root / "evals/real/validation/texts")
    return root


def _half_scores() -> Scores:
    """The seeds scored against predictions that are the gold with every other item gone and
    every matched statistic's time changed: misses, and wrong times, of known number."""
    cases = load_cases(_GOLD, SEEDS)
    predicted = {}
    for case in cases:
        stats = [s.model_copy(update={"time": "1999"}) for s in case.gold.statistics[::2]]
        events = list(case.gold.events[::2])
        article = ArticleResult(title=None, span=(0, 1), statistics=stats, events=events)
        predicted[case.name] = DocumentResult(
            document=DocumentInfo(sha256="0" * 64, chars=1, published=None),
            backend=BackendInfo(name="rules", model=None, prompt_version=None),
            articles=[article],
        )
    return score_cases(cases, predicted)


def test_miss_classes_count_every_miss_and_wrong_field() -> None:
    scores = _half_scores()
    stats = miss_classes("statistics", scores.statistics)
    assert stats["missed"] == len(scores.statistics.misses) > 0
    assert stats["spurious"] == 0
    wrong = sum(getattr(g, "time") != "1999" for g, _ in scores.statistics.pairs)  # noqa: B009
    assert stats["wrong_time"] == wrong > 0
    events = miss_classes("events", scores.events)
    by_type = sum(v for k, v in events.items() if k.startswith("missed:"))
    assert by_type == len(scores.events.misses) > 0
    assert events["wrong_date"] == 0


def test_the_blind_summary_names_no_page_and_quotes_no_evidence() -> None:
    data = json.dumps(blind_summary(_half_scores()), ensure_ascii=False)
    assert '"articles"' not in data
    for secret in _secrets():
        assert secret not in data, secret


def test_eval_of_the_validation_set_prints_and_writes_only_aggregates(
    blind_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(blind_root)
    out = blind_root / "reports"
    args = ["eval", "--backend", "rules", "--no-cache", "--set", "validation"]
    done = CliRunner().invoke(app, [*args, "--report", str(out)])
    assert done.exit_code == 0, done.output
    assert "validation" in done.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["report.json", "report.md"]  # no report.html: it shows every page
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["blind"] is True
    assert report["overall"]["statistics"]["gold"] > 0
    assert "wrong_time" in report["overall"]["statistics"]["miss_classes"]
    shown = done.output + "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    for secret in _secrets():
        assert secret not in shown, secret


def test_beside_other_sets_the_validation_set_is_still_blind(
    blind_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(blind_root)
    shutil.copytree(_GOLD, blind_root / "evals/fixtures", dirs_exist_ok=True)
    shutil.copytree(SEEDS, blind_root / "seeds", dirs_exist_ok=True)
    out = blind_root / "side"
    args = ["eval", "--backend", "rules", "--no-cache", "--set", "seeds", "--set", "validation"]
    done = CliRunner().invoke(app, [*args, "--report", str(out)])
    assert done.exit_code == 0, done.output
    assert (out / "seeds/report.html").is_file()
    assert sorted(p.name for p in (out / "validation").iterdir()) == ["report.json", "report.md"]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "| validation | statistics |" in summary
    assert "| seeds | statistics |" in summary


def test_an_absent_validation_set_is_skipped_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(_GOLD, tmp_path / "evals/fixtures")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    args = ["eval", "--backend", "rules", "--no-cache", "--set", "seeds", "--set", "validation"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "validation: no set at" in done.output
