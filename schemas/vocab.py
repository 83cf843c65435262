"""The closed sets of ANNOTATION.md, defined once for drafts, outputs, fixtures and the scorer."""

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
Mode = Literal["tools", "json_schema", "json", "md_json"]
BackendName = Literal["rules", "llm"]

# Item problems reported in `warnings`; evals count them by code.
WarningCode = Literal[
    "evidence_not_found",  # the quote is not in the article text
    "number_not_in_evidence",  # the quoted quantity is not inside the quote
    "unparsable_quantity",  # no number could be read from the quoted quantity
    "unit_as_written",  # kept, with the unit the quote writes: the quantity grammar lacks it
    "invalid_item",  # the item contradicts itself (e.g. value_max < value)
    "article_ambiguous",  # kept: named no article of its request holding the quote; several do
]
# Where a chunk failed, reported in `errors`.
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
        # a ratio has none ("求人倍率0.497", U2)
        "",
    }
)  # fmt: skip

QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
KINDS: tuple[Kind, ...] = get_args(Kind)
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)

# ISO 8601 as ANNOTATION.md writes times: a day, a month, a year, or "--MM-DD" with no year.
ISO_TIME_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$"
IsoTime = Annotated[str, StringConstraints(pattern=ISO_TIME_PATTERN)]
