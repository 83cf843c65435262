"""Fixtures + seeds -> predictions -> Scores. The eval harness's I/O: loads gold files and the
texts they index, runs the pipeline or reads saved predictions, and hands both to score.py."""

from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path

from schemas.fixtures import Fixture
from schemas.results import DocumentResult
from service.errors import InputError
from service.evals.score import Scores, combine, score_article
from service.extract.base import Backend
from service.pipeline import run


@dataclass(frozen=True, slots=True)
class Case:
    name: str  # the seed file's stem
    text: str
    gold: Fixture


def load_cases(fixtures_dir: Path, seeds_dir: Path) -> list[Case]:
    """Every `*.json` fixture with the seed text it indexes."""
    paths = sorted(fixtures_dir.glob("*.json"))
    if not paths:
        raise InputError(f"no fixtures (*.json) in {fixtures_dir}")
    cases = []
    for path in paths:
        gold = Fixture.model_validate_json(path.read_text(encoding="utf-8"))
        seed = seeds_dir / gold.article
        if not seed.is_file():
            raise InputError(f"{path.name}: seed {gold.article} not found in {seeds_dir}")
        with seed.open(encoding="utf-8", newline="") as f:  # spans index the text as stored
            cases.append(Case(Path(gold.article).stem, f.read(), gold))
    return cases


async def predict(
    cases: list[Case], backend: Backend, *, overlap: int
) -> dict[str, DocumentResult]:
    """Run every case through `backend`, then close it."""
    return (await predict_sets({"": cases}, backend, overlap=overlap))[""]


async def predict_sets(
    named: dict[str, list[Case]], backend: Backend, *, overlap: int
) -> dict[str, dict[str, DocumentResult]]:
    """Each named set's cases through one `backend` (one client, one cache), then close it."""
    async with aclosing(backend):
        return {
            name: {
                c.name: await run(
                    c.text, backend=backend, published=c.gold.published, overlap=overlap
                )
                for c in cases
            }
            for name, cases in named.items()
        }


def load_predictions(predictions_dir: Path) -> dict[str, DocumentResult]:
    """Saved `laborlens extract` outputs, one `<seed stem>.json` per case."""
    return {
        p.stem: DocumentResult.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(predictions_dir.glob("*.json"))
    }


def score_cases(cases: list[Case], predictions: dict[str, DocumentResult]) -> Scores:
    articles = []
    for case in cases:
        result = predictions.get(case.name)
        stats = [s for a in result.articles for s in a.statistics] if result else []
        events = [e for a in result.articles for e in a.events] if result else []
        gold = (case.gold.statistics, case.gold.events)
        articles.append(score_article(case.name, case.text, gold, (stats, events)))
    return combine(articles)
