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
  and "开展谈心谈话、行为督查" describe a routine.

`restates_a_day` merges repeated tellings (E1): a later mention of an occurrence of one type,
dated only by an earlier telling of the same day (its sentence names no day of its own) and set
at no venue of its own ("在…"), is that occurrence again: "…于7月2日至7月10日深入6县区开展专项
督查。督察组…进行实地督查" is one inspection.
"""

import re

from schemas.drafts import EventDraft
from schemas.vocab import EventType

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
# A day named in a sentence: the sentence dates its own occurrence.
_OWN_DAY = re.compile(r"\d{1,2}日|当天|当日|昨天|昨日|前天|今天|[上下]午|晚上|早上")
_DAY_LENGTH = len("2022-02-09")
# Who or what a partnership is with, before the trigger or in the rest of its clause.
# "合同" and "和谐" name no counterpart.
_COUNTERPARTS = re.compile(
    r"与|(?<!共)和(?!谐)|(?<![合共相])同(?![时样意比期])|跟|双方|两地|三地|多地|携手|联合|之间"
)
_STATION = re.compile(r"站|基地")
_SET_UP_AT = re.compile(r"在|驻|赴")
# What anchors one check or visit, besides a time or a number: who makes it, how, its name.
_INSPECTORS = re.compile(
    r"带队|一行|领导|负责人|书记|局长|市长|县长|区长|主任"
    r"|调研组|督查组|检查组|工作组|考察团|代表团"
)
_ON_THE_SPOT = re.compile(
    r"实地|上门|深入|走访|“|[\u4e00-\u9fff]{4,}专项(?:行动|整治)"
    r"|[一二两三四五六七八九十百千]+(?:个|家|次|批|名)"
)


def tells_occurrence(
    text: str,
    kind: EventType,
    trigger: tuple[int, int],
    clause: tuple[int, int],
    sentence: tuple[int, int],
) -> bool:
    """False when the sentence around the trigger makes it a tally or a habit, or the event of
    `kind` lacks what tells one occurrence of its type (see the module's list)."""
    head = text[sentence[0] : trigger[0]]
    if _TALLY.search(head) or _RECURRING.search(head):
        return False
    if kind == "training" and not _TRAINING_ANCHOR.search(text, *sentence):
        return False
    own = text[clause[0] : clause[1]]
    if kind == "project":
        return not (_WORKERS.search(own) and not _WORKS.search(own))
    if kind == "labor_cooperation":
        return _has_counterpart(text, trigger, clause, sentence)
    if kind == "inspection":
        return bool(
            _TIMED.search(text, *sentence)
            or any(c.isdigit() for c in own)
            or _INSPECTORS.search(text, *sentence)
            or _ON_THE_SPOT.search(own)
        )
    return True


def _has_counterpart(
    text: str, trigger: tuple[int, int], clause: tuple[int, int], sentence: tuple[int, int]
) -> bool:
    """Counterparts named before the trigger or after it in its clause, a document by its
    title, or the place a station or base is set up in."""
    rest = text[trigger[0] : clause[1]]
    own = text[clause[0] : clause[1]]
    return bool(
        _COUNTERPARTS.search(text[sentence[0] : trigger[0]] + rest)
        or "《" in own
        or (_STATION.search(rest) and _SET_UP_AT.search(own))
    )


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
    if date is None or len(date) != _DAY_LENGTH or _OWN_DAY.search(text, *sentence):
        return False
    if "在" in text[clause_head[0] : clause_head[1]]:
        return False
    return any(e.type == event.type and e.date == date for e in told)
