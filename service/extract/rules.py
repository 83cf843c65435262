"""The offline backend: statistics and events read by rules of the language. Pure.

`extract_drafts` sees a whole article (normalised text) and returns the same drafts the LLM
fills: each statistic quotes its clause and its quantity, with the measured noun phrase, kind,
time, place and subject read from the clause and the sentence, paragraph or interview answer
around it; each event quotes the clause holding its trigger word. The pipeline grounds and
resolves both exactly as it does the model's drafts.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from schemas.drafts import ActorDraft, ChunkDraft, EventDraft, StatisticDraft
from schemas.results import BackendInfo
from schemas.vocab import EventType, Kind
from service.dates import (
    FORWARD_WORDS,
    TimeMention,
    find_times,
    is_forward,
    resolve_forward,
    resolve_start,
    resolve_time,
)
from service.extract.base import ChunkOutcome, ChunkRequest
from service.quantities import Quantity, find_quantities

# --- text structure ---------------------------------------------------------------------------
_SENTENCE_END = "。！？…\n"
_CLAUSE_END = "，；：！？。…\n"
_LIST_MARK = "、"
_CLAUSE_CUT = re.compile(f"[{_CLAUSE_END}“”]")
_LIST_CUT = re.compile(_LIST_MARK)
_SENTENCE_CUT = re.compile(f"[{_SENTENCE_END}]")
_LINE = re.compile(r"[^\n]+")
# A quote this short with no clause punctuation is a name and does not cut a clause.
_QUOTED_NAME_MAX = 16
_QUOTE = re.compile(r"“[^“”\n]*”?")
# Leading connectives that carry nothing (LABELLING.md S1).
_CONNECTIVE = re.compile(r"(?:其中|此外|另外|同时|另有|最终|而且|并且|但是|记者获悉|据统计|据了解)")
_SPACE = re.compile(r"\s+")
# An interview answer opens a section that its opening time and tense govern (S9).
_ANSWER = re.compile(r"^答[：:]")
_QUESTION = re.compile(r"^问[：:]")

# --- time lookup (LABELLING.md S9) ---------------------------------------------------------------
# Sentences end here; a line break ends one only where it ends a paragraph.
_FULL_STOP = re.compile("[。！？…]")
# A line of prose (`_is_prose`) that ends no sentence runs on: the scan broke its line.
_LINE_ENDS_SENTENCE = tuple("。！？…”」）)")
# "工作满6个月后": a threshold anyone may reach, counted from no told occurrence.
_CONDITION = re.compile(r"满\s*[\d一二两三四五六七八九十半]")

# --- kind (LABELLING.md S8) ---------------------------------------------------------------------
_TARGET = re.compile(r"计划|预计|力争|争取|有望|目标|拟|下一步|将(?!近)|要(?=[在把以实确])")
# "将" meaning "把": "将2022年作为项目攻坚年", "将传统的模式升级为…".
_BA_JIANG = re.compile(r"将[^，。；]{1,20}?(?:作为|列为|升级为|纳入|列入|改为|打造为|为)")

# --- metric (LABELLING.md S12) ------------------------------------------------------------------
# Verbs and adverbs linking a measured noun to its number ("返岗率达98%", "共有195名").
_LINK_TAIL = re.compile(
    r"(?:已经|已|共|累计|总计|合计|均|还|普遍|仅|平均|分别|再|又|都)*"
    r"(?:达到|达|为|突破|超过|增加至|增加到|增至|提高到|提高至|提升至|下降了|下降|降低|降幅达|"
    r"占|是|有|共有|还有|已有|约有|保持|完成|实现|用了|用时|投入|招引到|引进)?"
    r"(?:了|到)?$"
)
_LEAD_NOISE = re.compile(
    r"^(?:我市|全市|该市|本市|该区|全区|该县|全县|该镇|全镇|全乡|今年|目前|截至目前"
    r"|预计|计划|力争|争取|有望|将要|将|要)+"  # plan words make the kind, not the metric
)
_STOP_AFTER = re.compile(
    r"\d|[和及与在从被将已均也于以是了]|通过|跨越|来到|来我|前往|实现|参加|参与|踏上|搭乘|乘坐|抵达|到达|"
    r"留在|选择|开展|进入|达成|活跃|各就各位|实行|组成|进行|获得|返回|宣传|招用|实行|跟踪"
)
# A number followed by these measures a span of time or a place, not the noun after it.
_NOT_A_NOUN_AFTER = ("后", "内", "中", "前", "时间", "以来", "里")
_METRIC_MAX = 12
_IMPLICIT_TAIL = re.compile(r"[万亿][余多]?((?![名人位余多以])[\u4e00-\u9fff]{2,})$")
_IMPLICIT_LEAD = re.compile(
    r"[\u4e00-\u9fffA-Z]+?(?=达到|达|为|约|超过|突破|破|超|近|\d|[一二两三四五六七八九十百千万亿])"
)

# --- places and organisations --------------------------------------------------------------------
_PLACE = re.compile(
    r"(?<![我全该本各此城每])[\u4e00-\u9fff]{2,4}?(?:省|市|县|区|镇|乡|街道)(?![场民委政级直属长内外])"
)
_ORG = re.compile(
    r"[\u4e00-\u9fff“”]{2,16}?(?:有限公司|股份公司|集团|公司|局|学院|大学|协会|总工会|委员会|办公室|"
    r"服务中心|中心|专班|政府|人社部门|部门|工作站|救援队)"
)
_ORG_NOISE = re.compile(r"^(?:由|与|和|对|在|为|向|及|是|从|经|据|据了解|记者|其中|该|此外)+")

# --- events (ANNOTATION.md types; E1, E2) ---------------------------------------------------
_EVENT_TRIGGERS: tuple[tuple[EventType, str], ...] = (
    ("recruitment_fair", r"招聘会|双选会|招聘专场|专场招聘|招聘专区|选岗|前来应聘"),
    (
        "worker_transfer",
        r"包车|专列|专机|直通车|抵达|到达|输送|返永|发车|接回|(?<!员工)返岗(?![率人补工])",
    ),
    (
        "labor_cooperation",
        r"签订|签约(?!一批)|协议|结对|对口帮扶|合作(?:关系|意向|共识|基地)|联合建立|达成合作|劳务基地",
    ),
    (
        "policy",
        r"出台|印发|(?:发布|推出|提出)[^，。]{0,10}(?:政策|通知|办法|方案|意见|四条|模式|思路)"
        r"|(?:建立|实行|打造)[^，。]{0,14}(?:机制|模式)|获得[^，。]{0,6}奖励",
    ),
    ("training", r"培训(?!圈)|技能大赛|技能竞赛|研修班"),
    ("talent_program", r"引才|揽才|招才|人才公寓|人才之家|人才沙龙|人才强企|招募|工位计划"),
    (
        "meeting",
        r"会议(?!精神)|座谈会|推进会|例会|动员会|(?<!技能)大会(?!战)|论坛|研讨会|发布会|攻坚会|交流会",
    ),
    (
        "inspection",
        r"走访|检查|督查|督导|专项行动|专项整治|调研|查看|上门|巡察|暗访",
    ),
    ("project", r"开工|投产|竣工|(?<!开)复工(?![率复])|结项|开通|启用|投用|建成"),
    ("award", r"获评|荣获|入选|评为|授予|获得[^，。]{0,10}(?:肯定|称号|表彰)|获[^，。]{0,12}“双"),
    ("other", r"成立|组建|设立"),
)
_EVENT_TYPES: dict[str, EventType] = {t: t for t, _ in _EVENT_TRIGGERS}
# Characters that can open a trigger; the lookahead lets the scanner skip the rest fast.
_TRIGGER_FIRST = (
    "招双选前包专直抵到输返发接签协结对合联达劳出印推提建实打获培技研引揽人工会座例动大论攻交"
    "走检督调查上巡暗开投竣复启荣入评授成组设"
)
_TRIGGER = re.compile(
    f"(?=[{_TRIGGER_FIRST}])(?:" + "|".join(f"(?P<{t}>{p})" for t, p in _EVENT_TRIGGERS) + ")"
)
# Back-references to an event already told (E1) and intentions with no occurrence (E2).
_BACK_REFERENCE = re.compile(r"(?:本次|此次|这次|该|这一)$")
_INTENTION = re.compile(
    r"将(?!近)|要|计划|拟|争取|力争|下一步|希望|应当|需要|鼓励|定期|继续|进一步|预计|有望|持续|贯彻"
)
# A trigger word used as a modifier or a time frame, not as the event itself.
_NOT_AN_OCCURRENCE_AFTER = ("中", "后", "过程", "时", "率", "方面", "能力", "现场", "的", "前")
_SUBORDINATE = re.compile(r"^(?:为了|为|由于|随着|如果|若|以便|确保|无法|也无法|在全力)")
_SUBORDINATE_END = re.compile(r"(?:后|时|之际|的同时|说|表示|介绍|发现)$")
_DAY_OR_MONTH = re.compile(r"\d{1,2}月")
_ORIGIN = re.compile(r"来自([\u4e00-\u9fff]{2,6}?)(?:的|籍)|([\u4e00-\u9fff]{2,4})籍")
_DESTINATION = re.compile(
    r"(?:前往|抵达|到达|来到|来|返回|返)([\u4e00-\u9fff]{2,4}?)(?=[的，。站]|$|工作|就业)"
)
_SUMMARY_MAX = 40


@dataclass(frozen=True, slots=True)
class _Article:
    """One article's text with its structure computed once."""

    text: str
    published: str | None
    quantities: list[Quantity]
    quantity_starts: list[int]
    times: list[TimeMention]
    time_starts: list[int]
    clause_cuts: list[int]  # sorted offsets of characters that end a clause
    list_cuts: list[int]  # sorted offsets of "、"
    sentence_cuts: list[int]  # sorted offsets of characters that end a sentence
    answers: list[tuple[int, int]]  # interview answers, [start, end)
    quotes: list[tuple[int, int]]  # quoted names and quoted speech, [start, end)
    full_stops: list[int]  # sorted offsets of "。！？…"
    paragraphs: list[int]  # sorted starts of paragraphs as S9 reads them
    resolved: dict[tuple[str, bool], str | None]  # (expr, as a start) -> ISO, filled on use


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
        draft = extract_drafts(request.text, title=request.title, published=request.published)
        return ChunkOutcome(draft=draft)

    async def aclose(self) -> None:
        """Nothing to release."""


def extract_drafts(text: str, *, title: str | None, published: str | None) -> ChunkDraft:
    """Normalised article text -> statistic and event drafts whose quotes are substrings of it."""
    del title  # the article text includes its title paragraphs
    article = _analyse(text, published)
    statistics = [_statistic(article, i) for i in range(len(article.quantities))]
    return ChunkDraft(statistics=statistics, events=_events(article))


def _analyse(text: str, published: str | None) -> _Article:
    quoted_names: set[int] = set()
    quotes: list[tuple[int, int]] = []
    for m in _QUOTE.finditer(text):
        inner = m.group()[1:-1]
        if len(inner) <= _QUOTED_NAME_MAX and not any(c in _CLAUSE_END for c in inner):
            quoted_names.update((m.start(), m.end() - 1))
        quotes.append((m.start(), m.end()))
    clause_cuts = [m.start() for m in _CLAUSE_CUT.finditer(text) if m.start() not in quoted_names]
    times = find_times(text)
    quantities = find_quantities(text)
    answers = _answer_sections(text)
    return _Article(
        text=text,
        published=published,
        quantities=quantities,
        quantity_starts=[q.start for q in quantities],
        times=times,
        time_starts=[t.start for t in times],
        clause_cuts=clause_cuts,
        list_cuts=[m.start() for m in _LIST_CUT.finditer(text)],
        sentence_cuts=[m.start() for m in _SENTENCE_CUT.finditer(text)],
        answers=answers,
        quotes=quotes,
        full_stops=[m.start() for m in _FULL_STOP.finditer(text)],
        paragraphs=_time_paragraphs(text, answers),
        resolved={},
    )


def _bounds(cuts: list[int], start: int, end: int, size: int) -> tuple[int, int]:
    """The run between the last cut before `start` and the first cut at or after `end`."""
    i = bisect_left(cuts, start)
    left = cuts[i - 1] + 1 if i > 0 else 0
    j = bisect_left(cuts, max(start, end - 1))
    right = cuts[j] if j < len(cuts) else size
    return left, right


def _clause(article: _Article, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): "、" cuts it only between items that carry their own
    numbers (LABELLING.md D12)."""
    left, right = _bounds(article.clause_cuts, start, end, len(article.text))
    marks = [c for c in article.list_cuts if left <= c < right]
    for mark in reversed(marks):
        if mark < start and _has_quantity(article, left, mark) and mark + 1 <= start:
            left = mark + 1
            break
    for mark in marks:
        if mark >= end and _has_quantity(article, mark, right):
            right = mark
            break
    return _trim(article.text, left, right)


def _has_quantity(article: _Article, start: int, end: int) -> bool:
    i = bisect_left(article.quantity_starts, start)
    return i < len(article.quantities) and article.quantities[i].start < end


def _trim(text: str, left: int, right: int) -> tuple[int, int]:
    while left < right and text[left] in " “”——":
        left += 1
    m = _CONNECTIVE.match(text, left, right)
    if m and m.end() < right:
        left = m.end()
    while right > left and text[right - 1] in " ":
        right -= 1
    return left, right


def _sentence(article: _Article, start: int, end: int) -> tuple[int, int]:
    left, right = _bounds(article.sentence_cuts, start, end, len(article.text))
    return left, min(len(article.text), right + 1)


def _paragraph(text: str, at: int) -> tuple[int, int]:
    left = text.rfind("\n", 0, at) + 1
    right = text.find("\n", at)
    return left, len(text) if right < 0 else right


# --- statistics -------------------------------------------------------------------------------


def _statistic(article: _Article, index: int) -> StatisticDraft:
    q = article.quantities[index]
    text = article.text
    left, right = _clause(article, q.start, q.end)
    kind = _kind(article, index, (left, right))
    return StatisticDraft(
        evidence=text[left:right],
        quantity=text[q.start : q.end],
        metric=_metric(article, q, (left, right)),
        kind=kind,
        time=_time(article, q.start, (left, right), target=kind == "target"),
        location=_first(_PLACE, text, left, right),
        subject=_subject(text, left, right),
    )


def _metric(article: _Article, q: Quantity, clause: tuple[int, int]) -> str:
    text = article.text
    before = _before_noun(text[clause[0] : q.start], article, clause[0])
    lead = _IMPLICIT_LEAD.match(text, q.start, q.end)
    if lead:  # the money noun a dropped unit was read from ("亩均效益8万以下")
        before += lead.group()
    tail = _IMPLICIT_TAIL.search(text, q.start, q.end) if q.unit == "人" else None
    if tail:  # the people noun a dropped unit was read from ("50多万外来务工人员")
        return tail.group(1)
    after = _after_noun(text[q.end : clause[1]])
    if q.unit in ("%", "元") and before and not text.startswith("的", q.end):
        return before
    if len(after) >= 2:
        return after
    return before or after or text[clause[0] : clause[1]][:_METRIC_MAX]


def _before_noun(head: str, article: _Article, offset: int) -> str:
    """The noun phrase before a number, without time words, links and leading noise."""
    for t in article.times:
        if offset <= t.start < offset + len(head):
            head = head[: t.start - offset] + " " * (t.end - t.start) + head[t.end - offset :]
    head = head.replace(" ", "")
    head = _LINK_TAIL.sub("", head)
    head = _LEAD_NOISE.sub("", head)
    return head[-_METRIC_MAX:]


def _after_noun(tail: str) -> str:
    tail = tail.lstrip("的")
    if tail.startswith("——这是"):
        return tail.rsplit("的", 1)[-1][-_METRIC_MAX:]
    if tail.startswith(_NOT_A_NOUN_AFTER):
        return ""
    m = _STOP_AFTER.search(tail)
    noun = (tail[: m.start()] if m else tail).rsplit("的", 1)[-1]
    return noun.strip("“”")[:_METRIC_MAX]


def _kind(article: _Article, index: int, clause: tuple[int, int]) -> Kind:
    q = article.quantities[index]
    text = article.text
    s_left, _ = _sentence(article, q.start, q.end)
    head = text[s_left : q.start]
    later = index + 1 < len(article.quantities) and article.quantities[index + 1].start < clause[1]
    if later and _after_noun(text[q.end : clause[1]]):
        return "actual"  # a count of things inside a forecast (D10)
    head = _QUOTE.sub("", head)  # "“建德万个工位共享计划”" names a plan, it is not one
    planned = _TARGET.search(head) and not _BA_JIANG.search(head)
    if planned or "的目标" in text[q.end : clause[1]] or _section_is_plan(article, q.start):
        return "target"
    return "actual"


def _section_is_plan(article: _Article, at: int) -> bool:
    """Inside an interview answer that opens with a plan ("答：2024年，…将…")."""
    answer = _answer_opening(article, at)
    if answer is None:
        return False
    first = article.text[answer : article.text.find("。", answer)]
    return bool(_TARGET.search(first))


def _answer_opening(article: _Article, at: int) -> int | None:
    """Offset of the "答：" paragraph that governs `at`, if `at` is inside an answer."""
    i = bisect_right(article.answers, (at, len(article.text)))
    if i and article.answers[i - 1][1] > at:
        return article.answers[i - 1][0]
    return None


def _answer_sections(text: str) -> list[tuple[int, int]]:
    """[start, end) of each interview answer: from "答：" to the next question or to a line
    that is no prose (a heading or byline)."""
    sections: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _LINE.finditer(text):
        line = m.group()
        ends = _QUESTION.match(line) or "。" not in line
        if open_at is not None and (ends or _ANSWER.match(line)):
            sections.append((open_at, m.start()))
            open_at = None
        if _ANSWER.match(line):
            open_at = m.start()
    if open_at is not None:
        sections.append((open_at, len(text)))
    return sections


def _time_paragraphs(text: str, answers: list[tuple[int, int]]) -> list[int]:
    """Paragraph starts for the time lookup: a prose line that ends no sentence runs on into the
    next line, and an interview answer is one paragraph with its question (S9 step 3)."""
    starts = [0]
    at = 0
    for raw in text.split("\n"):
        at += len(raw) + 1
        line = raw.rstrip()
        if not line or line.endswith(_LINE_ENDS_SENTENCE) or not _is_prose(line):
            starts.append(at)
    for open_at, close_at in answers:
        question = starts[bisect_left(starts, open_at) - 1] if open_at else 0
        asked = _QUESTION.match(text, question) is not None
        starts = [s for s in starts if not (open_at < s < close_at or (asked and s == open_at))]
    return starts


def _is_prose(line: str) -> bool:
    return "，" in line or "。" in line or "；" in line


def _time(article: _Article, at: int, clause: tuple[int, int], *, target: bool) -> str | None:
    """S9 for a statistic's time; see `_time_mention` for where the time is looked up."""
    mention = _time_mention(article, at, clause)
    if mention is None:
        return None
    return _resolve_mention(article, mention, target=target, start=False)


def _date(article: _Article, at: int, clause: tuple[int, int]) -> str | None:
    """E3: an event's date is looked up as a time, and an open period gives its start day."""
    mention = _time_mention(article, at, clause)
    if mention is None:
        return None
    return _resolve_mention(article, mention, target=False, start=True)


def _time_mention(article: _Article, at: int, clause: tuple[int, int]) -> TimeMention | None:
    """S9: the first time in the clause; else the nearest before it in its sentence; else the
    paragraph's first, if it stands in an earlier sentence; else none. A time inside a
    quotation counts only inside that quotation."""
    times, starts = article.times, article.time_starts
    lo = bisect_left(starts, clause[0])
    if lo < len(times) and times[lo].start < clause[1]:
        return times[lo]
    p_left = article.paragraphs[bisect_right(article.paragraphs, at) - 1]
    stop = bisect_left(article.full_stops, clause[0])
    s_left = max(p_left, article.full_stops[stop - 1] + 1 if stop else 0)
    quote = _quote_around(article, at)
    for t in reversed(times[bisect_left(starts, s_left) : lo]):
        if _quote_around(article, t.start) in (None, quote):
            return t
    for t in times[bisect_left(starts, p_left) : bisect_left(starts, s_left)]:
        if _quote_around(article, t.start) in (None, quote):
            return t
    return None


def _resolve_mention(
    article: _Article, mention: TimeMention, *, target: bool, start: bool
) -> str | None:
    expr = mention.expr
    if expr in ("当天", "当日"):
        # In a news story "当天" returns to the news day, the first day the story names.
        days = (t for t in article.times if _DAY_OR_MONTH.search(t.expr) and "日" in t.expr)
        day = next(days, None)
        return None if day is None else _resolved(article, day.expr, start=False)
    if is_forward(expr):
        if expr not in FORWARD_WORDS and (target or _CONDITION.search(expr)):
            return None  # after a future or a condition ("建成达产后", "满6个月后"): unplaceable
        return resolve_forward(_anchor(article, mention.start), article.published)
    return _resolved(article, expr, start=start)


def _resolved(article: _Article, expr: str, *, start: bool) -> str | None:
    """`resolve_time` or `resolve_start`, once per expression: items share a few mentions."""
    key = (expr, start)
    if key not in article.resolved:
        resolve = resolve_start if start else resolve_time
        article.resolved[key] = resolve(expr, article.published)
    return article.resolved[key]


def _anchor(article: _Article, at: int) -> str | None:
    """The time of the nearest occurrence told before `at` that has one."""
    for t in reversed(article.times[: bisect_left(article.time_starts, at)]):
        if t.expr in ("当天", "当日") or is_forward(t.expr):
            continue
        resolved = _resolved(article, t.expr, start=True)
        if resolved is not None:
            return resolved
    return None


def _quote_around(article: _Article, at: int) -> tuple[int, int] | None:
    i = bisect_right(article.quotes, (at, len(article.text)))
    if i and article.quotes[i - 1][0] < at < article.quotes[i - 1][1]:
        return article.quotes[i - 1]
    return None


def _first(pattern: re.Pattern[str], text: str, left: int, right: int) -> str | None:
    m = pattern.search(text, left, right)
    return m.group() if m else None


def _subject(text: str, left: int, right: int) -> str | None:
    s_left = max(text.rfind(c, 0, left) for c in "。\n") + 1
    m = _ORG.search(text, s_left, right)
    return _ORG_NOISE.sub("", m.group()) if m else None


# --- events -----------------------------------------------------------------------------------


def _events(article: _Article) -> list[EventDraft]:
    text = article.text
    events: list[EventDraft] = []
    seen: set[tuple[int, str]] = set()
    for m in _TRIGGER.finditer(text):
        kind = _EVENT_TYPES.get(m.lastgroup or "")
        if kind is None or not _is_occurrence(article, m.start(), m.end()):
            continue
        sentence = _sentence(article, m.start(), m.end())
        # One event per type per sentence, or per "；" item of a listing sentence.
        item = max(sentence[0], text.rfind("；", sentence[0], m.start()) + 1)
        if (item, kind) in seen:
            continue
        seen.add((item, kind))
        events.append(_event(article, kind, (m.start(), m.end()), sentence))
    return events


def _is_occurrence(article: _Article, start: int, end: int) -> bool:
    """E1/E2: not a headline, back-reference, modifier, counted action, subordinate clause,
    work plan or intention without a date."""
    text = article.text
    s_left, s_right = _sentence(article, start, end)
    sentence = text[s_left:s_right]
    if _is_headline(sentence) or _QUESTION.match(sentence):
        return False
    if _not_the_event(article, start, end):
        return False
    intention = _INTENTION.search(text, s_left, start)
    return intention is None or _DAY_OR_MONTH.search(sentence) is not None


def _is_headline(sentence: str) -> bool:
    """A headline or caption: the body tells the event."""
    ended = any(c in sentence for c in "。！？…")
    return not ended or ("，" not in sentence and len(sentence) < 20)


def _not_the_event(article: _Article, start: int, end: int) -> bool:
    """The trigger word is used for something other than telling an occurrence."""
    text = article.text
    c_left, c_right = _bounds(article.clause_cuts, start, end, len(text))
    clause = _SPACE.sub("", text[c_left:c_right])
    return bool(
        _BACK_REFERENCE.search(text, max(0, start - 4), start)  # "本次招聘会"
        or text.startswith(_NOT_AN_OCCURRENCE_AFTER, end)  # "走访中", "开工率", "建成达产后"
        or _quoted(article, start)  # a name or someone's words
        or _has_quantity(article, end, c_right)  # "检查定点医药机构171家": a statistic
        or _SUBORDINATE.match(clause)  # purpose, cause or manner: "为了…", "由于…"
        or _SUBORDINATE_END.search(clause)  # time or speaker: "…后", "…说"
        or "的" in text[end : min(c_right, end + 8)]  # a modifier: "到达镇雄县的第一件事"
        or _section_is_plan(article, start)  # a work plan in an interview answer
    )


def _quoted(article: _Article, at: int) -> bool:
    return _quote_around(article, at) is not None


def _event(
    article: _Article, kind: EventType, trigger: tuple[int, int], sentence: tuple[int, int]
) -> EventDraft:
    text = article.text
    left, right = _bounds(article.clause_cuts, trigger[0], trigger[1], len(text))
    left, right = _trim(text, left, right)
    evidence = text[left:right]
    directed = kind in ("worker_transfer", "labor_cooperation")
    origin = _ORIGIN.search(text, sentence[0], sentence[1]) if directed else None
    destination = _DESTINATION.search(text, sentence[0], sentence[1]) if directed else None
    actors = _actors(text, sentence)
    return EventDraft(
        type=kind,
        evidence=evidence,
        summary=_SPACE.sub("", evidence)[:_SUMMARY_MAX],
        date=_date(article, trigger[0], (left, right)),
        location=_first(_PLACE, text, sentence[0], sentence[1]),
        origin=next((g for g in origin.groups() if g), None) if origin else None,
        destination=destination.group(1) if destination else None,
        actors=actors,
    )


def _actors(text: str, sentence: tuple[int, int]) -> list[ActorDraft]:
    names: list[str] = []
    for m in _ORG.finditer(text, sentence[0], sentence[1]):
        name = _ORG_NOISE.sub("", m.group()).strip("“”")
        if len(name) >= 2 and name not in names:
            names.append(name)
    return [ActorDraft(name=n) for n in names]
