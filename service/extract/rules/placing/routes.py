"""Where workers of a movement come from and go to (ANNOTATION.md `origin`, `destination`). Pure.

Read from the words of a route around places the gazetteer knows, stand-ins ("我市") and the
one-character names of provinces ("赴粤"): "从昆明开往广东", "由新化开往深圳", "城步至东莞",
"镇雄直达永康", "赴粤", "前往广东、福建", "返回厦门", "抵达昆山", "来自四川平昌", "平昌籍". Words
that only look like a route ("返岗复工", "前往企业") give nothing: the place must be one. A
send-off, or any movement that names where workers go but not where they come from, leaves from
where it is held.

>>> from service.extract.rules.text import analyse
>>> article = analyse("2月3日，专车从昆明开往广东。", None)
>>> route_of(article, (0, len(article.text)), (0, len(article.text)), held_at=None)
('昆明', '广东')
"""

import re

from service.extract.rules.placing.places import article_place, place_at, place_ending_at
from service.extract.rules.text import ArticleText

# "从昆明开往广东", "由新化出发…前往深圳": the origin after 从/由/自, the destination after a verb.
_FROM = re.compile(r"从|由|自(?!驾|发|愿|主|己)")
_TOWARDS = re.compile(
    r"开往|前往|赶赴|奔赴|分赴|赴|送往|发往|运往|直达|抵达|到达|来到|返回|送到|送至|回到|进"
)
# "城步至东莞", "镇雄—永康": a place, a link, a place.
_LINK = re.compile(r"至|到|—|－|-|直达")
# "来自四川平昌", "平昌籍": where people come from.
_CAME_FROM = re.compile(r"来自")
_OF_ORIGIN = re.compile(r"籍")
# The partner of a labour cooperation: "与罗甸县签订", "驻庆阳市西峰区…工作站".
_PARTNER = re.compile(r"与|同|驻")
# Workers fetched: brought to the article's own place.
_BROUGHT = re.compile(r"接回|接返|迎回|接来")
# A send-off: workers leave from where it is held.
_SEND_OFF = re.compile(r"欢送|送行|出发|发车|发出|启程|送工|输出|输送|外出")


def route_of(
    article: ArticleText,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    *,
    held_at: str | None,
) -> tuple[str | None, str | None]:
    """(origin, destination) of the movement told in `clause`, else in `sentence`; a send-off
    with no origin named leaves from `held_at`, where the event is held."""
    origin = _origin(article, *clause) or _origin(article, *sentence)
    destination = _destination(article, *clause) or _destination(article, *sentence)
    if (
        origin is None
        and held_at != destination
        and (destination is not None or _SEND_OFF.search(article.text, *sentence))
    ):
        origin = held_at
    if destination is None and origin is not None and _BROUGHT.search(article.text, *sentence):
        destination = article_place(article)  # "从湖南、广西等地接回务工人员": to its own place
    if origin == destination:  # "湖北荆门籍…抵达湖北荆门西站": going home, no route
        origin = None
    return origin, destination


def partnership_of(
    article: ArticleText, clause: tuple[int, int], *, home: str | None
) -> tuple[str | None, str | None]:
    """(origin, destination) of a labour cooperation: the partner the clause names after 与, 同
    or 驻 sends the workers, to the article's own place (`home`): "我市与罗甸县签订协议" in a
    Yongkang story is 罗甸县 -> Yongkang."""
    for m in _PARTNER.finditer(article.text, *clause):
        partner = place_at(article, m.end())
        if partner is not None and partner != home:
            return partner, home
    return None, None


def _origin(article: ArticleText, left: int, right: int) -> str | None:
    text = article.text
    for m in _FROM.finditer(text, left, right):
        found = place_at(article, m.end())
        if found is not None:
            return found
    for m in _CAME_FROM.finditer(text, left, right):
        found = place_at(article, m.end())
        if found is not None:
            return found
    for m in _LINK.finditer(text, left, right):
        if place_at(article, m.end()) is not None:  # "城步至东莞": both ends are places
            found = place_ending_at(article, m.start())
            if found is not None:
                return found
    for m in _OF_ORIGIN.finditer(text, left, right):
        found = place_ending_at(article, m.start())
        if found is not None:
            return found
    return None


def _destination(article: ArticleText, left: int, right: int) -> str | None:
    text = article.text
    for m in _TOWARDS.finditer(text, left, right):
        found = place_at(article, m.end(), one_character=True)
        if found is not None:
            return found
    for m in _LINK.finditer(text, left, right):
        if place_ending_at(article, m.start()) is not None:
            found = place_at(article, m.end())
            if found is not None:
                return found
    return None
