"""How a trigger's neighbourhood tells its type and its grammar (ANNOTATION.md types; LABELLING.md
E1, EV12, EV13). Pure; the trigger tables are in `triggers`, the reader in `events`.

- Who moves: a movement verb ("乘坐", "搭乘", "前往") often has its movers in an earlier clause
  ("150余名务工人员，搭乘3辆大巴车，分别前往…"); they are read from the sentence, from after the
  last first-person subject ("为了他们返岗，我和同事驱车赶往…" is the team's trip, EV13).
- What is opened or set up: a journey service is a benefit ("开通返岗就业直通车点对点免费接送",
  a policy as EV12) unless its sentence counts the workers it moved; a mechanism of cooperation
  is a partnership.
- Where a verb's object runs: a "的" inside it does not make the verb a modifier.
"""

import re

from schemas.vocab import EventType
from service.extract.rules.text import ArticleText, cut_bounds
from service.extract.rules.triggers import DATED, MOVEMENT_ANCHOR, WORKERS

# The vehicles of an organised movement.
_VEHICLE = re.compile(r"包车|专列|专车|大巴|客车|直通车|班车|高铁|动车|航班|包机")
# Workers counted as moved: "已从湖南等地接回务工人员4100余人".
_MOVED = re.compile(r"(?:接回|送回|送达|运送|输送|接送)[^。；]{0,24}?\d+[余多]?(?:名|人)")
# The noun of a rule or a document, a verb's object after its "的" phrase.
_RULE_NOUN = re.compile(
    r"[^，。；]{0,4}?(?:措施|政策|意见|办法|通知|方案|举措|规定|细则|条例|新政)"
)
# A first-person narrator takes over the subject of what follows.
_NARRATOR = re.compile(r"我们|我和|我与|我(?=[^，。；]{0,4}?(?:驱车|前往|赶往|赶赴|奔赴))")
# A mechanism of cooperation: "建立劳务协作机制".
_PARTNERSHIP = re.compile(r"^(?:建立|打造)[^，。；]*?(?:协作|合作)")
_MOVEMENTS = ("ride", "depart")
# A trip to meet or fetch workers: "前往机场迎接…返岗复工人员".
_FETCH = re.compile(r"迎接|接回|接送|护送|接返")


def mover_start(text: str, s_left: int, at: int) -> int:
    """Where the movers of the verb at `at` may be named: the sentence from its start, or from
    after its last first-person subject."""
    ends = [m.end() for m in _NARRATOR.finditer(text, s_left, at)]
    return ends[-1] if ends else s_left


def retells_ride(article: ArticleText, group: str, start: int, end: int) -> bool:
    """A ride or departure with no day, count or station of its own in its clause, after a
    transfer is told, is that transfer again ("务工人员…有序登上务工专车", E1)."""
    c_left, c_right = cut_bounds(article.clause_cuts, start, end, len(article.text))
    unanchored = MOVEMENT_ANCHOR.search(article.text, c_left, c_right) is None
    return group in _MOVEMENTS and unanchored


def movement_type(text: str, group: str, sentence: tuple[int, int], at: int) -> EventType | None:
    """A movement's type from who moves: workers named before the verb, or for a departure
    anywhere in the sentence or by an organised vehicle ("载着39名农民工", "专车顺利启程"); a
    dated trip of anyone else is "other" (EV13); a journey service opened is a benefit."""
    s_left, s_right = sentence
    if group == "service":
        return "worker_transfer" if _MOVED.search(text, at, s_right) else "policy"
    if WORKERS.search(text, mover_start(text, s_left, at), at):
        return "worker_transfer"
    if group == "depart" and _departs_workers(text, sentence, at):
        return "worker_transfer"
    if group == "trip" and _fetches_workers(text, at, s_right):
        return "worker_transfer"
    return "other" if group == "trip" and DATED.search(text, s_left, s_right) else None


def _fetches_workers(text: str, at: int, s_right: int) -> bool:
    fetch = _FETCH.search(text, at, s_right)
    return fetch is not None and WORKERS.search(text, fetch.end(), s_right) is not None


def _departs_workers(text: str, sentence: tuple[int, int], at: int) -> bool:
    movers = (mover_start(text, sentence[0], at), sentence[1])
    return bool(WORKERS.search(text, *movers) or _VEHICLE.search(text, *sentence))


def rule_type(rule: str) -> EventType:
    """A mechanism of cooperation set up is a partnership, not a rule: "建立劳务协作机制"."""
    return "labor_cooperation" if _PARTNERSHIP.match(rule) else "policy"


def inside_object(text: str, end: int, de: int) -> bool:
    """The "的" at `de` sits inside what follows the verb ending at `end`, so the verb is a
    predicate, not a modifier: a rule's noun follows the "的" ("出台稳就业的十条措施") or the
    "的" is inside a title ("印发《关于做好返岗的通知》")."""
    if _RULE_NOUN.match(text, de + 1):
        return True
    return text.rfind("《", end - 1, de) > text.rfind("》", end - 1, de)
