"""The offline backend: statistics and events read by rules of the language. Pure.

`extract_drafts` sees a whole article (normalised text) and returns the same drafts the LLM
fills: each statistic quotes its clause and its quantity, with the measured noun phrase, kind,
time, place and subject read from the clause and the sentence, paragraph or interview answer
around it; each event quotes the clause holding its trigger word (`events.py`). The
pipeline grounds and resolves both exactly as it does the model's drafts.
"""

import re

from schemas.drafts import ChunkDraft, EventDraft, StatisticDraft
from schemas.results import BackendInfo
from schemas.vocab import Kind
from service.extract.base import ChunkOutcome, ChunkRequest
from service.extract.rules.dating.time import statistic_time
from service.extract.rules.dating.years import stated_year
from service.extract.rules.events import find_events
from service.extract.rules.indicator import statistic_indicators
from service.extract.rules.metrics.phrase import statistic_metric
from service.extract.rules.placing.places import page_place, place_of
from service.extract.rules.plans import hands_on, plan_words_of, tells_its_own_fact
from service.extract.rules.text import (
    ORG,
    ORG_NOISE,
    READ_MAX,
    TARGET,
    ArticleText,
    analyse,
    clause_bounds,
    section_is_plan,
    sentence_bounds,
)
from service.values.places import Place, PlaceScan

# --- kind (LABELLING.md S8) ---------------------------------------------------------------------
# The plan words themselves are `text.TARGET`: the events read them too (E2).
# "将" meaning "把": "将2022年作为项目攻坚年", "将传统的模式升级为…".
# "为期" is a duration ("将在为期一个月的时间里举办…"), not "将…为".
# "3辆大巴将100余名务工人员送到贵阳": "将" is "把" when a verb of moving follows.
_MOVED = r"(?:送到|送往|送达|送至|运送到|输送到|带到|接到|运往)"
_BA_JIANG = re.compile(
    r"将[^，。；]{1,20}?(?:作为|列为|升级为|纳入|列入|改为|打造为|为(?!期)|" + _MOVED + ")"
)
_BA_MOVED = re.compile(r"[^，。；]{0,12}?" + _MOVED)
# "根据计划，…已开行专列3趟": following a plan is no plan of one's own.
_BY_PLAN = re.compile(r"(?:根据|按照|依照|按)[^，。；]{0,6}?(?:计划|安排|部署)")
# "今年计划新增1万人，目前已新增8000人": a clause of its own telling what is done is a fact;
# so is a verb with the perfective 了 ("…，举办了招聘会12场"), not 为了, 除了, 了解, 完成不了.
_DONE = re.compile(r"已|实际|(?<![为除极罢不得])了(?![解结不])")
_CLAUSE_MARKS = "，；：,;:"

# A quoted name, not quoted speech ("他说：“我们计划输送…"): only a name is cut from the head.
_QUOTED_NAME = re.compile(r"“[^“”\n，。；！？]{1,16}”")
# "到2021年底…达到25%": the time a target aims at (T2).
_AIMED_AT = re.compile(r"到(?:19|20)\d\d年")
# A plan met is a fact: "完成年计划500万人的77.5%", "超额完成目标任务近8万人".
_PLAN_DONE = re.compile(
    r"(?:超额)?完成[^，。；]{0,8}?(?:计划|目标|任务)(?:[^，。；]{0,12}?的)?"
    r"|(?:低于|高于|超过|好于|优于)[^，。；]{0,12}?目标"  # a result measured against a goal
    r"|占[^，。；]{0,8}?(?:计划|目标|任务)[^，。；]{0,12}?的"  # "占计划的80%": a share done
)
# The content of a plan laid out ("方案提出，2019年至2021年，开展…") or a time still to come
# ("届时…近千家单位进场招聘").
_PLAN_CONTENT = re.compile(r"(?:方案|规划|意见|计划|通知)[^。；]{0,12}?(?:提出|明确)|届时")
# Durations say how long a plan runs, they are no count of things inside it (D10).
_DURATIONS = ("年", "个月", "月", "天", "日", "周", "小时")
# …but the amount a plan names is the plan: "完成年计划500万人的…".
_PLAN_NAMED = re.compile(r"(?:计划|目标|任务)$")
# A count of things that already exist, the subject of a forecast about them (D10): "预计5个
# 续建项目一季度可顺利完成…30%"; not a count the plan makes ("将组织100家企业提供5000个岗位").
_SUBJECT_OF_FORECAST = re.compile(r"[^，。；\d]{1,16}?(?:可以|可望|可|能够|能|会)(?!以)")
# A number followed by its target noun is the target ("4万人目标任务", "4.5%的控制目标").
_IS_THE_TARGET = re.compile(r"的?[^，。；的]{0,4}?目标")


class RulesBackend:
    """Backend protocol over `extract_drafts`: no model, no cache, whole articles."""

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(name="rules", model=None, prompt_version=None)

    @property
    def chunk_chars(self) -> int:
        return 100_000

    def cache_key(self, request: ChunkRequest) -> str | None:  # noqa: ARG002  protocol
        return None

    async def extract(self, request: ChunkRequest) -> ChunkOutcome:
        statistics: list[StatisticDraft] = []
        events: list[EventDraft] = []
        texts = [p.text for p in request.passages]
        page_text = "\n".join(texts)
        scan = PlaceScan(page_text)  # the page's places and each article's, from one scan
        page_places = scan.places()
        # A page of one article: its places are the article's.
        places = [page_places] if len(texts) == 1 else [scan.places(*b) for b in _bounds(texts)]
        page = page_place(page_text, page_places)
        for passage, own in zip(request.passages, places, strict=True):
            found = extract_drafts(  # each article read on its own, as it always was
                passage.text, published=request.published, page_place=page, places=own
            )
            numbered = {"article": passage.number}
            statistics += [s.model_copy(update=numbered) for s in found.statistics]
            events += [e.model_copy(update=numbered) for e in found.events]
        return ChunkOutcome(draft=ChunkDraft(statistics=statistics, events=events))

    async def aclose(self) -> None:
        """Nothing to release."""


def _bounds(texts: list[str]) -> list[tuple[int, int]]:
    """Where each text stands in `"\\n".join(texts)`."""
    bounds, start = [], 0
    for text in texts:
        bounds.append((start, start + len(text)))
        start += len(text) + 1
    return bounds


def extract_drafts(
    text: str,
    *,
    published: str | None,
    page_place: str | None = None,
    places: list[Place] | None = None,
) -> ChunkDraft:
    """Normalised article text (its title paragraphs included) -> statistic and event drafts
    whose quotes are substrings of it; `page_place` is the place of the page it is on, for items
    the article itself cannot place; `places` its places if already found."""
    year = published or stated_year(text)
    article = analyse(text, year, page_place=page_place, places=places)
    statistics = [_statistic(article, i) for i in range(len(article.quantities))]
    indicators = statistic_indicators(article, [s.metric for s in statistics])
    statistics = [
        s.model_copy(update={"indicator": i}) for s, i in zip(statistics, indicators, strict=True)
    ]
    return ChunkDraft(statistics=statistics, events=find_events(article))


# --- statistics -------------------------------------------------------------------------------


def _statistic(article: ArticleText, index: int) -> StatisticDraft:
    q = article.quantities[index]
    text = article.text
    left, right = clause_bounds(article, q.start, q.end)
    kind = _kind(article, index, (left, right))
    return StatisticDraft(
        evidence=text[left:right],
        quantity=text[q.start : q.end],
        metric=statistic_metric(article, q, (left, right)),
        kind=kind,
        time=statistic_time(article, q.start, (left, right), target=kind == "target"),
        location=place_of(article, (left, right), sentence_bounds(article, q.start, q.end)),
        subject=_subject(text, left, right),
    )


def _kind(article: ArticleText, index: int, clause: tuple[int, int]) -> Kind:
    q = article.quantities[index]
    text = article.text
    s_left, _ = sentence_bounds(article, q.start, q.end)
    head = text[s_left : q.start]
    later = index + 1 < len(article.quantities) and article.quantities[index + 1].start < clause[1]
    if later and q.unit not in _DURATIONS and _SUBJECT_OF_FORECAST.match(text, q.end, clause[1]):
        return "actual"  # a count of things inside a forecast (D10)
    head = _QUOTED_NAME.sub("", head)  # "“建德万个工位共享计划”" names a plan, it is not one
    head = plan_words_of(head)  # "计划单列市", "为实现…目标，": no plan (plans.py)
    if _PLAN_NAMED.search(head) and text.startswith("的", q.end):
        return "target"  # "完成年计划500万人的77.5%": the 500万
    head = _BY_PLAN.sub("", _PLAN_DONE.sub("", head))
    own = head[max(head.rfind(c) for c in _CLAUSE_MARKS) + 1 :]
    if (_DONE.search(own) and not TARGET.search(own)) or tells_its_own_fact(
        article, q.start, s_left
    ):
        return "actual"  # "…，目前已新增8000人", "…，1至5月新增8000人"
    if head.endswith("将") and (
        _BA_MOVED.match(text, q.end, clause[1]) or hands_on(text, q.end, clause[1])
    ):
        head = head[:-1]
    planned = bool(TARGET.search(head)) and not _BA_JIANG.search(head)
    planned = planned or _AIMED_AT.search(head) is not None
    planned = planned or _PLAN_CONTENT.search(head) is not None
    if planned or _IS_THE_TARGET.match(text, q.end, clause[1]) or section_is_plan(article, q.start):
        return "target"
    return "actual"


def _subject(text: str, left: int, right: int) -> str | None:
    lo = max(0, left - READ_MAX)
    s_left = max(lo, *(text.rfind(c, lo, left) + 1 for c in "。\n"))
    m = ORG.search(text, s_left, right)
    return ORG_NOISE.sub("", m.group()) if m else None
