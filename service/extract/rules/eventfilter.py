"""Events a trigger word seems to tell but the sentence around it does not (ANNOTATION.md events;
LABELLING.md E2, EV9, EV10, EV15). Pure. Asked once per candidate event, after its type is known.

- a tally: the trigger sits inside a sum over many acts ("累计开行专列28列，帮助16000余名务工人员
  安全返岗"); the numbers are statistics, no one occurrence is told (EV9);
- a habit: a period word with 每 governs the sentence ("每年春节后，都要组织开行务工专列"); a
  recurring practice, not an occurrence (EV10);
- a training with no anchor: training is what labour news most often names as a measure ("开展
  有针对性的职业技能培训", "扩大培训供给能力"); one course is told with a time, a number or a
  named course or contest in its sentence;
- workers going back to work: "复工" said of workers ("返岗复工专车", "预计运送735名农民工返程
  复工") is no construction or investment project (EV15);
- a partnership with nobody named: an agreement or pairing is told with its counterparts ("与…",
  "双方", "两地"), a named document ("《…框架协议》") or, for a station or base, the place it is
  set up in ("在慈溪设立劳务工作站"); "督促签订劳动合同等制度" names none;
- an inspection with no anchor: a check or visit is told with a time, a count, the officials or
  team who make it, a named campaign or a visit on the spot ("实地", "上门", "深入"); "按日调度督查"
  and "开展谈心谈话、行为督查" describe a routine;
- a policy with no issuer: a rule or mechanism is told with its issuer before the trigger in its
  clause (an organisation or a place: "诸暨市医保局出台…", "如山东规定"), its name ("《…》",
  "“稳岗十条”"), a time or a number; "建立…机制" in a list of measures names none.

`fair_or_type` reads a "大会" whose name is about hiring ("就业招聘大会", "人才交流大会") as the
fair it is, not a meeting.

`restates_a_day` merges repeated tellings (E1): a later mention of an occurrence of one type,
dated only by an earlier telling of the same day (its sentence names no day of its own) and set
at no venue of its own ("在…"), is that occurrence again: "…于7月2日至7月10日深入6县区开展专项
督查。督察组…进行实地督查" is one inspection. A fair named again after one is told, with no time
at all in its sentence and no venue, counterpart or place gone to, is the fair told ("2月9日，
该县举办春季招聘会。…还组织新春招聘会等专场…").
"""

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import NamedTuple

from schemas.drafts import EventDraft
from schemas.vocab import EventType
from service.extract.rules.text import ORG, ArticleText, cut_bounds

# A sum over acts before the trigger in its sentence.
_TALLY = re.compile(r"累计|共计|总计|合计")
# "每年", "每到春节": a recurring practice.
_RECURRING = re.compile(r"每(?:年|月|周|天|日|季度|逢|到|当)")
# A time that anchors one occurrence: a day or month, a part of a day, a near past, a season.
_TIME = (
    r"\d{1,2}[月日]|[上下昨今前]午|当天|当日|昨天|昨日|前天|今天|日前|近日|连日来|前不久|不久前"
    r"|节前|节后|春节|年前|年后|期间|上旬|中旬|下旬|月初|月底|月末|年初|年底"
)
_TIMED = re.compile(_TIME)
# What anchors one course: a time, a number, or its name.
_TRAINING_ANCHOR = re.compile(_TIME + r"|\d|大赛|竞赛|比赛|培训班|研修班|训练营|开班|结业|集训")
# People, as against works: who goes back to work in a "复工" clause.
_WORKERS = re.compile(r"务工|农民工|员工|工人|劳动力|返岗|返程")
_WORKS = re.compile(r"项目|工程|工地|园区|厂房")
# A count in words: "两辆大巴", "三个镇".
_COUNT_WORDS = re.compile(r"[一二两三四五六七八九十百千万]+(?:个|家|名|场|辆|趟|列|批|人|余|多)")
# An issuer written as a stand-in or a kind of body: "该县", "我市", "甲省", "省政府", "人社局".
_ISSUER = re.compile(
    r"[该我本全此][省市县区州镇乡]|[\u4e00-\u9fff][省市县区州]|政府|部门|局|厅|委|办"
)
# The name of a "大会" that holds a fair: hiring words before it in its clause, and not a
# conference's own kind ("人才工作大会", "表彰大会").
_FAIR_NAME = re.compile(r"(?:招聘|人才|招才|引才|就业|双选|用工|岗位)[^，。；]{0,8}$")
_CONFERENCE = re.compile(r"(?:工作|表彰|动员|推进|部署|总结|誓师|代表|党员|职工)$")
# A special campaign named for carrying workers ("农民工免费运输送工服务专项行动") is their
# organised movement, not an inspection.
_CARRYING = re.compile(r"送工|运输|输送|返岗|专车|包车|专列")
# A day named in a sentence: the sentence dates its own occurrence.
_OWN_DAY = re.compile(r"\d{1,2}日|当天|当日|昨天|昨日|前天|今天|[上下]午|晚上|早上")
_DAY_LENGTH = len("2022-02-09")
# What sets a fair apart from one told before it: a venue, counterparts, a place gone to, or a
# fair carried somewhere ("联合甲县举办…招聘活动", "把…招聘会开进村庄").
_ANOTHER = re.compile(r"在|与|联合|赴|到|进|把")
# Who or what a partnership is with, before the trigger or in the rest of its clause.
# "合同" and "和谐" name no counterpart.
_COUNTERPARTS = re.compile(
    r"与|(?<!共)和(?!谐)|(?<![合共相])同(?![时样意比期])|跟|双方|两地|三地|多地|携手|联合|之间"
    r"|赴"  # the place a delegation goes to: "赴兰溪市开展劳务协作对接活动"
)
_STATION = re.compile(r"站|基地")
_SET_UP_AT = re.compile(r"在|驻|赴")
# What anchors one check or visit, besides a time or a number: who makes it, how, its name.
_INSPECTORS = re.compile(
    r"带队|一行|领导|书记|局长|市长|县长|区长"  # not 负责人, 主任: a speaker's title
    r"|调研组|督查组|检查组|工作组|考察团|代表团"
)
_ON_THE_SPOT = re.compile(
    r"实地|上门|深入|走访|“|[\u4e00-\u9fff]{4,}专项(?:行动|整治)"
    r"|[一二两三四五六七八九十百千]+(?:个|家|次|批|名)"
)


def tells_occurrence(
    article: ArticleText,
    kind: EventType,
    trigger: tuple[int, int],
    clause: tuple[int, int],
    sentence: tuple[int, int],
) -> bool:
    """False when the sentence around the trigger makes it a tally or a habit, or the event of
    `kind` lacks what tells one occurrence of its type (see the module's list)."""
    head = article.text[sentence[0] : trigger[0]]
    if _TALLY.search(head) or _RECURRING.search(head):
        return False
    check = _TYPE_CHECKS.get(kind)
    return check is None or check(article.text, _Where(article, trigger, clause, sentence))


class _Where(NamedTuple):
    article: ArticleText
    trigger: tuple[int, int]
    clause: tuple[int, int]
    sentence: tuple[int, int]

    @property
    def own(self) -> str:
        return self.article.text[self.clause[0] : self.clause[1]]


def _training_anchored(text: str, at: _Where) -> bool:
    return _TRAINING_ANCHOR.search(text, *at.sentence) is not None


def _not_workers_return(text: str, at: _Where) -> bool:  # noqa: ARG001  one signature for all
    return not (_WORKERS.search(at.own) and not _WORKS.search(at.own))


def _has_counterpart(text: str, at: _Where) -> bool:
    """Counterparts named before the trigger or after it in its clause, a document by its
    title, or the place a station or base is set up in."""
    rest = text[at.trigger[0] : at.clause[1]]
    return bool(
        _COUNTERPARTS.search(text[at.sentence[0] : at.trigger[0]] + rest)
        or "《" in at.own
        or (_STATION.search(rest) and _SET_UP_AT.search(at.own))
    )


def _inspection_anchored(text: str, at: _Where) -> bool:
    return bool(
        _TIMED.search(text, *at.sentence)
        or any(c.isdigit() for c in at.own)
        or _INSPECTORS.search(text, *at.sentence)
        or _ON_THE_SPOT.search(at.own)
    )


def _has_issuer(text: str, at: _Where) -> bool:
    """A time or a count in the sentence, a name in the clause, or an organisation or a place
    before the trigger in its clause."""
    places = at.article.places
    i = bisect_left(at.article.place_starts, at.clause[0])
    placed = i < len(places) and places[i].start < at.trigger[0]
    return bool(
        _TIMED.search(text, *at.sentence)
        or any(c.isdigit() for c in text[at.sentence[0] : at.sentence[1]])
        or _COUNT_WORDS.search(text, *at.sentence)
        or "《" in at.own
        or "“" in at.own
        or ORG.search(text, at.clause[0], at.trigger[0])
        or _ISSUER.search(text, at.clause[0], at.trigger[0])
        or placed
    )


_TYPE_CHECKS: dict[EventType, Callable[[str, _Where], bool]] = {
    "training": _training_anchored,
    "project": _not_workers_return,
    "labor_cooperation": _has_counterpart,
    "inspection": _inspection_anchored,
    "policy": _has_issuer,
}


def fair_or_type(
    article: ArticleText, kind: EventType | None, trigger: tuple[int, int]
) -> EventType | None:
    """`kind`, unless the trigger is a "大会" named for hiring (a recruitment fair) or a special
    campaign named for carrying workers (a transfer)."""
    text = article.text
    c_left, _ = cut_bounds(article.clause_cuts, trigger[0], trigger[1], len(text))
    word = text[trigger[0] : trigger[1]]
    if kind == "inspection" and word == "专项行动":
        return "worker_transfer" if _CARRYING.search(text, c_left, trigger[0]) else kind
    if kind != "meeting" or word != "大会":
        return kind
    named = _FAIR_NAME.search(text, c_left, trigger[0])
    conference = _CONFERENCE.search(text, c_left, trigger[0])
    return "recruitment_fair" if named and not conference else kind


def restates_a_day(
    text: str,
    event: EventDraft,
    told: list[EventDraft],
    sentence: tuple[int, int],
    clause_head: tuple[int, int],
) -> bool:
    """`event` is an occurrence told already: one of its type on the same day, with no day
    named in its own sentence and no venue ("在…") in its clause before the trigger."""
    date = event.date
    if _OWN_DAY.search(text, *sentence) or "在" in text[clause_head[0] : clause_head[1]]:
        return False
    if event.type == "recruitment_fair" and _fair_told_again(text, told, sentence, clause_head):
        return True
    if date is None or len(date) != _DAY_LENGTH:
        return False
    return any(e.type == event.type and e.date == date for e in told)


def _fair_told_again(
    text: str, told: list[EventDraft], sentence: tuple[int, int], clause_head: tuple[int, int]
) -> bool:
    """A fair named again after one is told, with no time of its own in its sentence and no
    venue, counterpart or place gone to in its clause ("组织新春招聘会", "招聘大集…二维码")."""
    if _TIMED.search(text, *sentence) or _ANOTHER.search(text, *clause_head):
        return False
    return any(e.type == "recruitment_fair" for e in told)


def one_per_clause(events: list[EventDraft], clauses: list[int]) -> list[EventDraft]:
    """E1: one clause tells one occurrence ("进行洽谈、签约", "专项行动正式启动"): of the events
    quoting the same clause (by its start), the first of a named type is kept, "other" only
    if it is alone."""
    kept: dict[int, EventDraft] = {}
    for at, event in zip(clauses, events, strict=True):
        held = kept.get(at)
        if held is None or (held.type == "other" and event.type != "other"):
            kept[at] = event
    return [e for at, e in zip(clauses, events, strict=True) if kept[at] is e]
