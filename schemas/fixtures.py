"""Hand-labelled gold for one seed page (evals/fixtures/*.json)."""

from pydantic import Field

from schemas.results import Event, Statistic, _Out


class Fixture(_Out):
    article: str  # seed file name; spans index its text as stored in seeds/
    published: str | None
    statistics: list[Statistic] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
