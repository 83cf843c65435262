"""Events read by trigger words (ANNOTATION.md types; LABELLING.md E1, E2). Pure.

A trigger word opens an event when it tells an occurrence: not in a headline, a back-reference,
a modifier, a subordinate clause, a work plan or an intention without a date. Each event quotes
the clause holding its trigger; its date follows E3 (`time.event_date`). The trigger words and
the cues around them are tables in `triggers`.
"""

import re

from schemas.drafts import ActorDraft, EventDraft
from schemas.vocab import EventType
from service.extract.rules.dating.time import event_date
from service.extract.rules.eventfilter import (
    fair_or_type,
    one_per_clause,
    restates_a_day,
    tells_occurrence,
)
from service.extract.rules.eventtypes import inside_object, movement_type, retells_ride, rule_type
from service.extract.rules.framing import in_framing_clause, in_name, quoted_aside
from service.extract.rules.mentions import (
    is_zone,
    tells_no_occurrence,
    unquoted,
    zone_stands_for_a_fair,
)
from service.extract.rules.placing.places import article_place, event_place_of
from service.extract.rules.placing.routes import partnership_of, route_of
from service.extract.rules.summary import summarise
from service.extract.rules.text import (
    ORG,
    ORG_NOISE,
    QUESTION,
    SPACE,
    ArticleText,
    cut_bounds,
    first_quantity,
    section_is_plan,
    sentence_bounds,
    trim,
)
from service.extract.rules.triggers import (
    ACTIVITY_END,
    ACTIVITY_TYPES,
    ARRIVALS,
    AT_THE_SCENE,
    BA_JIANG,
    BACK_REFERENCE,
    BEFORE_BARE,
    DATED,
    EVENT_TYPES,
    FIRM,
    GOVERNED,
    HABITUAL,
    INSIDE_MEETING,
    INSIDE_TOLD,
    INTENTION,
    LINE_OF_WORK,
    MOVEMENT_ANCHOR,
    NAMED,
    NOT_AN_OCCURRENCE_AFTER,
    OFFICIALS,
    ORGANISED,
    SPEAKER_END,
    SUBORDINATE,
    SUBORDINATE_END,
    TALENT_PLACE,
    TRIGGER,
    VISIT,
    WORKS,
)

# --- fields --------------------------------------------------------------------------------------
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def find_events(article: ArticleText) -> list[EventDraft]:
    """One draft per occurrence told, per type, per sentence or "；" item of a listing."""
    text = article.text
    events: list[EventDraft] = []
    clauses: list[int] = []  # where each event's clause starts
    seen: set[tuple[int, str]] = set()
    for m in TRIGGER.finditer(text):
        group, start, end = m.lastgroup or "", m.start(), m.end()
        held = ACTIVITY_END.match(text, end) if group == "activity" else None
        end = held.end() if held else end  # an activity runs to its "活动"
        end += text.startswith("”", end)  # the head of a name: "“…专场招聘会”"
        kind = fair_or_type(article, _type(article, group, start, end), (start, end))
        if kind is None or not _is_occurrence(article, start, end):
            continue
        if kind in ("worker_transfer", "training") and text.startswith(LINE_OF_WORK, end):
            continue
        sentence = sentence_bounds(article, start, end)
        clause = cut_bounds(article.clause_cuts, start, end, len(text))
        if is_zone(text, (start, end), clause):
            fair_told = any(e.type == "recruitment_fair" for e in events)
            if fair_told or not zone_stands_for_a_fair(text, sentence):
                continue  # a zone inside a fair is part of the fair
            kind = "recruitment_fair"
        if m["back"] and not ORGANISED.search(text, *sentence):
            continue
        if not tells_occurrence(article, kind, (start, end), clause, sentence) or (
            kind == "worker_transfer" and not MOVEMENT_ANCHOR.search(text, *sentence)
        ):
            continue  # a tally, a habit, an unanchored training…; a measure, not a trip (EV14)
        if _opens_clause(article, start) and text.startswith(AT_THE_SCENE, end):
            continue  # "座谈会现场，…": inside an occurrence told elsewhere
        told = any(e.type == kind for e in events)
        if told and _bare(article, start) and (text.startswith(INSIDE_TOLD, end) or kind in NAMED):
            continue  # E1: "招聘会现场", "招聘会吸引…", "听说有招聘大集" after the fair is told
        if told and (text[start:end] in ARRIVALS or retells_ride(article, group, start, end)):
            continue  # E1: the ride told already arrives ("专车抵达昆山") or is boarded
        item = _item_start(article, sentence[0], start)
        event = None if (item, kind) in seen else _event(article, kind, (start, end), sentence)
        if event is None or restates_a_day(text, event, events, sentence, (clause[0], start)):
            continue  # E1: one event per type per item; the day's occurrence told again
        seen.add((item, kind))
        events.append(event)
        clauses.append(clause[0])
    return one_per_clause(events, clauses)


def _opens_clause(article: ArticleText, start: int) -> bool:
    c_left, _ = cut_bounds(article.clause_cuts, start, start + 1, len(article.text))
    return start - c_left <= 1


def _bare(article: ArticleText, start: int) -> bool:
    """The trigger noun has no name of its own: it opens its clause ("招聘会现场，…") or follows
    a verb or preposition ("出席招聘会"); "在漳河新区专场招聘会现场" names another one."""
    return _opens_clause(article, start) or article.text[start - 1] in BEFORE_BARE


def _item_start(article: ArticleText, s_left: int, at: int) -> int:
    """One event per type per sentence, per "；" item of a listing sentence, or per clause that
    turns to a new counterpart ("与A签订…，与B达成…")."""
    text = article.text
    item = max(s_left, text.rfind("；", s_left, at) + 1)
    c_left, _ = cut_bounds(article.clause_cuts, at, at + 1, len(text))
    return max(item, c_left) if text.startswith("与", c_left) else item


def _type(article: ArticleText, group: str, start: int, end: int) -> EventType | None:
    """The trigger's type: a project's from what starts or opens, an activity's from its clause
    and name, a movement's from who moves; None when the trigger tells no event of its own."""
    text = article.text
    c_left, c_right = cut_bounds(article.clause_cuts, start, end, len(text))
    if group == "project":
        return _project_type(text[c_left:start], text[c_left:c_right])
    if group == "inspection" and text[start:end] in VISIT:
        return "inspection" if OFFICIALS.search(text, c_left, start) else None
    if group in EVENT_TYPES:
        return rule_type(text[start:end]) if group == "policy" else EVENT_TYPES[group]
    if group in ("activity", "opening", "launch"):
        name = text[c_left:end] if group == "launch" else text[start:end]
        return _held_type(article, (c_left, c_right), name)
    return movement_type(text, group, sentence_bounds(article, start, end), start)


def _held_type(article: ArticleText, clause: tuple[int, int], name: str) -> EventType | None:
    """An activity or opening is "other" unless a typed trigger in its clause tells its type
    ("开展技能培训活动" is training) or its name does."""
    for m in TRIGGER.finditer(article.text, *clause):
        if m.lastgroup in EVENT_TYPES:
            return None
    if TALENT_PLACE.search(article.text, *clause):
        return "talent_program"  # "苏州人才驿站揭牌"
    return next((t for t, p in ACTIVITY_TYPES if p.search(name)), "other")


def _project_type(head: str, clause: str) -> EventType:
    """A talent centre opened is a talent programme; a firm that restarts is no construction
    project (EV15)."""
    if TALENT_PLACE.search(clause):
        return "talent_program"
    if FIRM.search(head) and not WORKS.search(head):
        return "other"
    return "project"


def _is_occurrence(article: ArticleText, start: int, end: int) -> bool:
    """E1/E2: not a headline, back-reference, modifier, counted action, subordinate clause,
    work plan or intention without a date."""
    text = article.text
    s_left, s_right = sentence_bounds(article, start, end)
    sentence = text[s_left:s_right]
    if _is_headline(sentence) or QUESTION.match(sentence):
        return False
    if _not_the_event(article, start, end):
        return False
    return not _intended(article, start, s_left) or DATED.search(sentence) is not None


def _intended(article: ArticleText, start: int, s_left: int) -> bool:
    """A plan, intention or habit governs the trigger: a modal verb earlier in its sentence or
    a habitual adverb earlier in its clause (E2, EV10)."""
    text = article.text
    for m in INTENTION.finditer(text, s_left, start):
        if m.group() == "将" and BA_JIANG.match(text, m.start()):
            continue
        if not in_framing_clause(article, m.start()):  # "为鼓励…，", "按照…要求，"
            return True
    c_left, _ = cut_bounds(article.clause_cuts, start, start + 1, len(text))
    return HABITUAL.search(text, c_left, start) is not None


def _is_headline(sentence: str) -> bool:
    """A headline or caption: the body tells the event."""
    ended = any(c in sentence for c in "。！？…")
    return not ended or ("，" not in sentence and len(sentence) < 20)


def _not_the_event(article: ArticleText, start: int, end: int) -> bool:
    """The trigger word is used for something other than telling an occurrence."""
    text = article.text
    c_left, c_right = cut_bounds(article.clause_cuts, start, end, len(text))
    clause = SPACE.sub("", text[c_left:c_right])
    return bool(
        BACK_REFERENCE.search(text, max(0, start - 16), start)  # "本次苏陕劳务协作招聘会"
        or text.startswith(NOT_AN_OCCURRENCE_AFTER, end)  # "走访中", "开工率", "建成达产后"
        or quoted_aside(article, (start, end))  # someone's words, or a name it does not head
        or _counted(article, end, c_right)  # "检查定点医药机构171家": a statistic (EV9)
        or SUBORDINATE.match(clause)  # purpose, cause or manner: "为了…", "由于…"
        or SUBORDINATE_END.search(clause)  # time or means: "…后", "…等措施"
        or (SPEAKER_END.search(clause) and not DATED.search(clause))  # "…负责人介绍"
        or _governed(text, c_left, start)  # a noun: "高度重视项目复工"
        or "成为" in text[c_left:start]  # a name of what it became: "成为…技能大赛集训基地"
        or INSIDE_MEETING.match(clause)  # a meeting's own business
        or _modifies(article, end, c_right)  # a modifier: "到达镇雄县的第一件事"
        or section_is_plan(article, start)  # a work plan in an interview answer
        or tells_no_occurrence(text, (start, end), (c_left, c_right))  # a zone, state, habit…
    )


def _modifies(article: ArticleText, end: int, c_right: int) -> bool:
    """A "的" soon after the trigger makes its phrase a modifier, unless a number stands before
    that "的": "出台最高50万元的…奖励" is a verb and its object, the number describes it."""
    at = article.text.find("的", end, min(c_right, end + 8))
    if at < 0 or inside_object(article.text, end, at):
        return False
    q = first_quantity(article, end, at)
    return q is None or q.end != at


def _counted(article: ArticleText, end: int, c_right: int) -> bool:
    """A number after the trigger that ends its phrase counts the acts ("走访企业700余次") or
    their objects ("检查定点医药机构171家", "协议3户、…"). A number before its noun describes
    the one act ("组建…7个专项攻坚行动小组", "举办了50余人的交友活动")."""
    q = first_quantity(article, end, c_right)
    if q is None or in_name(article, q.start):  # "出台《人才新政20条》": a name, no count
        return False
    return not _IDEOGRAPH.match(article.text, q.end, c_right)


def _governed(text: str, c_left: int, start: int) -> bool:
    return GOVERNED.search(unquoted(text[c_left:start])) is not None


def _event(
    article: ArticleText, kind: EventType, trigger: tuple[int, int], sentence: tuple[int, int]
) -> EventDraft:
    text = article.text
    left, right = cut_bounds(article.clause_cuts, trigger[0], trigger[1], len(text))
    left, right = trim(text, left, right)
    evidence = text[left:right]
    directed = kind in ("worker_transfer", "labor_cooperation")
    location = event_place_of(article, (left, right), sentence, moved=directed or kind == "policy")
    route = route_of(article, (left, right), sentence, held_at=location) if directed else None
    if kind == "labor_cooperation" and route == (None, None):
        route = partnership_of(article, (left, right), home=article_place(article))
    return EventDraft(
        type=kind,
        evidence=evidence,
        summary=summarise(evidence),
        date=event_date(article, trigger[0], (left, right)),
        location=location,
        origin=route[0] if route else None,
        destination=route[1] if route else None,
        actors=_actors(text, sentence),
    )


def _actors(text: str, sentence: tuple[int, int]) -> list[ActorDraft]:
    names: list[str] = []
    for m in ORG.finditer(text, sentence[0], sentence[1]):
        name = ORG_NOISE.sub("", m.group()).strip("“”")
        if len(name) >= 2 and name not in names:
            names.append(name)
    return [ActorDraft(name=n) for n in names]
