"""Trigger words that tell no occurrence of their own (ANNOTATION.md events; LABELLING.md E1,
E2, EV9). Pure. Each test takes the article's text, the trigger's [start, end) and its clause.

- a zone set up inside a fair ("招聘会现场设立…3个招聘专区") is part of the fair: no event of
  its own once the fair is told, else it stands for the fair (`zone_type`);
- a cumulative state ("目前已与28个地区签订了劳务合作协议", "签有协议") is a statistic;
- a generic mention: a habit ("每到年底，…都搞督查"), a survey's finding or a commentator's
  view ("调查显示", "笔者以为"), a practice continued ("继续", "持续", "定期", even in a dated
  sentence), someone's past ("他曾参加过电工培训"), an act named as the subject of a comment
  ("包车返岗是…的体现"), an act as the aim of help ("帮助务工人员安全返岗"), or a field of work
  ("在工人培训…方面的经验").

A quoted name or slogan carries none of these cues: "“促进转移就业、助力脱贫攻坚”农民工专场招聘会"
is a fair, its 助力 no aim of the sentence (`unquoted`).
"""

import re

_FAIR = re.compile(r"招聘|双选会|人才集市|人才交流会|洽谈会")
# A place set up inside an occurrence: a zone, a hall, a desk.
_ZONE = re.compile(r"专区|专厅|展区|功能区|区域|服务区|咨询台|服务台|展位|专栏")
_SETS_UP_ZONE = re.compile(r"(?:设立|设置|开设|设有|设)[^，。；]{0,40}?(?:" + _ZONE.pattern + ")")
# "与28个地区签订", "已与…10家企业": counterparts counted before the agreement is named.
_COUNTED_PARTNERS = re.compile(r"与[^，。；]{0,16}?\d")
_STATE = re.compile(r"已|累计|共|先后|目前|至今|签有")
# A habit, a rule of thumb, a survey's finding or a commentator's view governs its sentence:
# "每到年底", "往往", "调查显示", "笔者以为", "值得点赞".
_GENERIC = re.compile(
    r"每到|每当|每逢|往往|总是|通常|历来|向来|一般都|调查显示|调查发现|问卷|受访|笔者"
    r"|值得[^，。；]{0,4}(?:点赞|称道|肯定|借鉴|学习)"
)
# A continuing or recurring practice governs its clause even in a dated sentence (EV10), and so
# do acts told in aggregate (EV14): "3月，该县继续组织…", "持续输送到…", "分批次输送…",
# "各类建设项目大量开工".
_CONTINUING = re.compile(r"继续|持续|定期|不断|常态化|经常|陆续|分批|大量")
# Someone's past experience, not an occurrence told: "他曾参加过电工培训".
_ONCE = re.compile(r"曾经?|早年|当年|以前")
# The act named as the subject of a judgement or of someone's thanks: "…包车返岗是…",
# "这次包车帮我解决了…".
_SUBJECT_OF_IS = re.compile(
    r"[^，。；是]{0,12}?(?:(?<![于但还就也只而可要凡倒总像])是(?!否)|[帮让使给]了?我)"
)
# A verb of help or aim before the trigger takes the act as its goal.
_AIM = re.compile(r"(?:帮助|助力|助推|推动|促进|实现)[^，。；]{0,12}$")
# What a quote holds: a name or a slogan, read as one word.
_QUOTED = re.compile(r"“[^“”]*”")
# "在…方面": a field of work, not an act.
_FIELD = re.compile(r"[^，。；]{0,20}?方面")


def tells_no_occurrence(text: str, trigger: tuple[int, int], clause: tuple[int, int]) -> bool:
    """The trigger names a state, a habit, a judged act, an aim or a field of work."""
    start, end = trigger
    c_left, c_right = clause
    head = unquoted(text[c_left:start])
    return bool(
        (_COUNTED_PARTNERS.search(head) and _STATE.search(head))
        or _GENERIC.search(text, _sentence_start(text, start), start)
        or _ONCE.search(head)
        or _CONTINUING.search(head)
        or _SUBJECT_OF_IS.match(text, end, c_right)
        or _AIM.search(head)
        or ("在" in head and _FIELD.match(text, end, c_right))
    )


def unquoted(head: str) -> str:
    """`head` with each quote's words taken out, its marks kept: the cues of a slogan or a
    name are not the sentence's."""
    return _QUOTED.sub("“”", head)


def is_zone(text: str, trigger: tuple[int, int], clause: tuple[int, int]) -> bool:
    """A clause that sets up a zone ("现场设置了…技能培训服务区", "大会将设…专厅"), or a zone's
    own name ("招聘专区"): no occurrence of its own."""
    end = trigger[1]
    return (
        _SETS_UP_ZONE.search(text, *clause) is not None
        or _ZONE.match(text, end - 2, end) is not None
    )


def zone_stands_for_a_fair(text: str, sentence: tuple[int, int]) -> bool:
    """A zone set up at a fair the article tells nowhere else stands for that fair ("在…招聘会
    主会场设立…专区", "参加…招聘专场，并设立…招聘专区")."""
    return _FAIR.search(text, *sentence) is not None


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in "。！？\n") + 1
