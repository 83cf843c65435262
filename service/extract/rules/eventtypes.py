"""Who moves on a trip or a ride (ANNOTATION.md worker_transfer; LABELLING.md EV13). Pure.

A movement verb ("乘坐", "搭乘", "前往") often has its movers in an earlier clause of the sentence
("150余名务工人员，搭乘3辆大巴车，分别前往…"). The movers are read from the sentence, from after
the last first-person subject before the verb: "为了他们返岗，我和同事驱车赶往…" is the team's
trip, not the workers' (EV13).
"""

import re

from schemas.vocab import EventType
from service.extract.rules.text import ArticleText, cut_bounds
from service.extract.rules.triggers import MOVEMENT_ANCHOR, WORKERS

# The vehicles of an organised movement.
_VEHICLE = re.compile(r"包车|专列|专车|大巴|客车|直通车|班车|高铁|动车|航班|包机")
# Workers counted as moved: "已从湖南等地接回务工人员4100余人".
_MOVED = re.compile(r"(?:接回|送回|送达|运送|输送|接送)[^。；]{0,24}?\d+[余多]?(?:名|人)")
# The noun of a rule or a document, a verb's object after its "的" phrase.
_RULE_NOUN = re.compile(r"[^，。；]{0,4}?(?:措施|政策|意见|办法|通知|方案|举措|规定|细则|条例|新政)")
# A first-person narrator or reporter takes over the subject of what follows.
_NARRATOR = re.compile(r"我们|我和|我与|我(?=[^，。；]{0,4}?(?:驱车|前往|赶往|赶赴|奔赴))")


def mover_start(text: str, s_left: int, at: int) -> int:
    """Where the movers of the verb at `at` may be named: the sentence from its start, or from
    after its last first-person subject."""
    last = None
    for last in _NARRATOR.finditer(text, s_left, at):
        pass
    return last.end() if last else s_left


def retells_ride(article: ArticleText, group: str, start: int, end: int) -> bool:
    """A ride with no day, count or station of its own in its clause, after a transfer is told,
    is that transfer boarded again ("务工人员…有序登上务工专车", E1)."""
    c_left, c_right = cut_bounds(article.clause_cuts, start, end, len(article.text))
    return group in ("ride", "depart") and MOVEMENT_ANCHOR.search(article.text, c_left, c_right) is None


def departs_workers(text: str, sentence: tuple[int, int], at: int) -> bool:
    """A departure or send-off moves workers when its sentence names them, before or after the
    verb ("载着39名农民工", "欢送300名务工人员"), or an organised vehicle ("专车顺利启程")."""
    movers = (mover_start(text, sentence[0], at), sentence[1])
    return bool(WORKERS.search(text, *movers) or _VEHICLE.search(text, *sentence))


def service_type(text: str, end: int, s_right: int) -> EventType:
    """A journey service opened ("开通返岗就业直通车点对点免费接送") is a benefit, a policy (as
    EV12), unless its sentence goes on to count the workers it moved: then it tells the
    transfers."""
    return "worker_transfer" if _MOVED.search(text, end, s_right) else "policy"


def inside_object(text: str, end: int, de: int) -> bool:
    """The "的" at `de` sits inside the verb's object, so the verb is a predicate, not a
    modifier: a rule's noun follows it ("出台稳就业的十条措施"), or the "的" is inside a title
    ("印发《关于做好返岗的通知》")."""
    if _RULE_NOUN.match(text, de + 1):
        return True  # "出台稳就业的十条措施": the "的" phrase names the rule issued
    if text.startswith("在", end) and not text.startswith("在内", end):
        return True  # "招聘会在开往宁波的列车上拉开序幕": the "的" describes the place
    return text.rfind("《", end - 1, de) > text.rfind("》", end - 1, de)


_PARTNERSHIP = re.compile(r"^(?:建立|打造)[^，。；]*?(?:协作|合作)")


def is_partnership(rule: str) -> bool:
    """A mechanism of cooperation set up is a partnership, not a rule: "建立劳务协作机制"."""
    return _PARTNERSHIP.match(rule) is not None
