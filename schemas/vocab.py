"""The closed sets of ANNOTATION.md, defined once for drafts, outputs, fixtures and the scorer."""

import re
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import StringConstraints

Qualifier = Literal["exact", "over", "under", "approx"]
Kind = Literal["actual", "target"]
EventType = Literal[
    "recruitment_fair",
    "worker_transfer",
    "labor_cooperation",
    "policy",
    "training",
    "talent_program",
    "meeting",
    "inspection",
    "project",
    "award",
    "other",
]
# What a statistic counts, the column an analyst's table is grouped by (ANNOTATION.md "Codes an
# analyst can group by"), in the order of the contract's table.
Indicator = Literal[
    "workers_transferred",
    "workers_returned",
    "return_rate",
    "employment_added",
    "workforce",
    "unemployment_rate",
    "fairs_held",
    "employers_at_fairs",
    "jobs_offered",
    "jobseekers",
    "hires",
    "wage",
    "income",
    "wage_arrears_recovered",
    "wage_arrears_workers",
    "wage_arrears_cases",
    "subsidy_amount",
    "subsidy_recipients",
    "training",
    "talent_recruited",
    "graduates",
    "transport_runs",
    "agreements",
    "enterprises_served",
    "other",
]
# A six-digit GB/T 2260 division code; "100000" is the whole country (ANNOTATION.md).
DIVISION_CODE_PATTERN = r"^\d{6}$"
DivisionCode = Annotated[str, StringConstraints(pattern=DIVISION_CODE_PATTERN)]
NATIONWIDE = "100000"
# What a `time` can be bucketed by (service/values/timecolumns.py): a day, a month, a quarter
# ("2023-Q1", which no extraction writes today), a year; a day whose year the article does not
# give ("--02-18"); or no time at all.
TimeGrain = Literal["day", "month", "quarter", "year", "unknown_year", "none"]
# json_schema_strict: json_schema with OpenAI's `strict: true` and the schema in its strict form
# (ChunkDraft.strict_json_schema), for servers that enforce strict structured output.
Mode = Literal["tools", "json_schema", "json_schema_strict", "json", "md_json"]
# What a document was read from (schemas.results.SourceInfo); spans index plain text as given and
# the text the reader made of anything else.
SourceFormat = Literal["text", "markdown", "html", "pdf"]
BackendName = Literal["rules", "llm"]

# Item problems reported in `warnings`; evals count them by code.
WarningCode = Literal[
    "evidence_not_found",  # the quote is not in the article text
    "number_not_in_evidence",  # the quoted quantity is not inside the quote
    "unparsable_quantity",  # no number could be read from the quoted quantity
    "unit_as_written",  # kept, with the unit the quote writes: the quantity grammar lacks it
    "invalid_item",  # the item contradicts itself (e.g. value_max < value)
    "article_ambiguous",  # kept: named no article of its request holding the quote; several do
    "text_outside_articles",  # segmentation left story text out of every article (chunk -1)
]
# Where a chunk failed, reported in `errors`.
# "model" is recorded by nothing now; it stays because it is published (OpenAPI, schemas/json).
ErrorStage = Literal["model", "validation", "transport", "refusal", "length", "internal"]

# A document's outcome: "failed" when every chunk failed, so nothing could be extracted.
DocumentStatus = Literal["ok", "failed"]
# A line of `laborlens batch` output (schemas/batch.py) is one or the other.
LineStatus = Literal["ok", "error"]
# Why a document of a batch has an error line instead of a result; a released code never changes.
FailureCode = Literal[
    "bad_input",  # the page cannot be read (not UTF-8, gone) or its text is empty
    "chunks_failed",  # chunks failed and nothing was extracted from the rest
    "internal",  # anything else raised while it was processed, or its Ray worker kept dying
]

# Units after normalisation (ANNOTATION.md "unit"), plus classifiers met in the seeds and the
# real-text set, written as they are. Aliases that fold into these live in
# service/values/words.py. A Statistic's unit is any string: the LLM path keeps a unit the
# grammar does not know as the quote writes it (warning "unit_as_written"), so outputs may hold
# units beyond this set; gold labels keep to it.
UNITS: frozenset[str] = frozenset(
    {
        # people and money
        "人", "人次", "元", "%",
        # organisations, things, actions
        "家", "家次", "个", "辆", "列", "套", "亩", "平方米", "米", "次", "场", "项", "件",
        "户", "篇", "台", "趟", "所", "起", "批", "支", "座", "条", "张", "本", "份", "类",
        "架", "吨",
        # time and distance
        "年", "个月", "天", "小时", "分钟", "公里",
        # classifiers of the real-text set, as written (evals/real/README.md U5)
        "场次", "班次", "期", "种", "区", "省市", "个百分点", "宗", "路", "架次", "部门",
        "辆/列/架次",
        # classifiers of the validation split, as written (U5)
        "趟次", "车次", "辆次", "日", "根", "桶",
        # a ratio has none ("求人倍率0.497", U2)
        "",
    }
)  # fmt: skip

QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
KINDS: tuple[Kind, ...] = get_args(Kind)
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)
INDICATORS: tuple[Indicator, ...] = get_args(Indicator)
# When two indicators fit one number, the first of this order wins (ANNOTATION.md): wage arrears,
# subsidies, the fair and drive codes, returns, transfers, jobs added, the workforce; then the rest
# in the table's order, `other` last.
_FIRST: tuple[Indicator, ...] = (
    "wage_arrears_recovered",
    "wage_arrears_workers",
    "wage_arrears_cases",
    "subsidy_amount",
    "subsidy_recipients",
    "fairs_held",
    "employers_at_fairs",
    "jobs_offered",
    "jobseekers",
    "hires",
    "workers_returned",
    "workers_transferred",
    "employment_added",
    "workforce",
)
INDICATOR_PRECEDENCE: tuple[Indicator, ...] = _FIRST + tuple(
    i for i in INDICATORS if i not in _FIRST
)

# ISO 8601 as ANNOTATION.md writes times: a day, a month, a year, or "--MM-DD" with no year.
ISO_TIME_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$"
IsoTime = Annotated[str, StringConstraints(pattern=ISO_TIME_PATTERN)]

# A publication date as users give it: a year, a month or a day, and a real one.
PUBLISHED_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PUBLISHED = re.compile(PUBLISHED_PATTERN)


def real_published(value: str) -> str:
    """ "2022", "2022-02" or a real "2022-02-20" -> itself; anything else raises ValueError.

    >>> real_published("2022-02")
    '2022-02'
    """
    if _PUBLISHED.match(value):
        year, month, day = [*map(int, value.split("-")), 1, 1][:3]
        try:
            date(year, month, day)
        except ValueError:
            pass
        else:
            return value
    message = f"{value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-02-20"
    raise ValueError(message)
