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
  复工") is no construction or investment project (EV15).
"""

import re

from schemas.vocab import EventType

# A sum over acts before the trigger in its sentence.
_TALLY = re.compile(r"累计|共计|总计|合计")
# "每年", "每到春节": a recurring practice.
_RECURRING = re.compile(r"每(?:年|月|周|天|日|季度|逢|到|当)")
# What anchors one course in time or number, or names it.
_TRAINING_ANCHOR = re.compile(
    r"\d|[上下昨今前]午|当天|当日|昨天|昨日|前天|今天|日前|近日|连日来|前不久|不久前"
    r"|节前|节后|春节|年前|年后|期间|上旬|中旬|下旬|月初|月底|月末|年初|年底"
    r"|大赛|竞赛|比赛|培训班|研修班|训练营|开班|结业|集训"
)
# People, as against works: who goes back to work in a "复工" clause.
_WORKERS = re.compile(r"务工|农民工|员工|工人|劳动力|返岗|返程")
_WORKS = re.compile(r"项目|工程|工地|园区|厂房")


def tells_occurrence(
    text: str,
    kind: EventType,
    trigger: tuple[int, int],
    clause: tuple[int, int],
    sentence: tuple[int, int],
) -> bool:
    """False when the sentence around the trigger makes it a tally, a habit, a training with no
    anchor or workers' return called a project."""
    head = text[sentence[0] : trigger[0]]
    if _TALLY.search(head) or _RECURRING.search(head):
        return False
    if kind == "training" and not _TRAINING_ANCHOR.search(text, *sentence):
        return False
    if kind == "project":
        said_of = text[clause[0] : clause[1]]
        return not (_WORKERS.search(said_of) and not _WORKS.search(said_of))
    return True
