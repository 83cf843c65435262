"""Events read by trigger words (ANNOTATION.md types; LABELLING.md E1, E2). Pure.

A trigger word opens an event when it tells an occurrence: not in a headline, a back-reference,
a modifier, a subordinate clause, a work plan or an intention without a date. Each event quotes
the clause holding its trigger; its date follows E3 (`time.event_date`).
"""

import re

from schemas.drafts import ActorDraft, EventDraft
from schemas.vocab import EventType
from service.extract.rules.places import place_of
from service.extract.rules.text import (
    ORG,
    ORG_NOISE,
    QUESTION,
    SPACE,
    ArticleText,
    cut_bounds,
    first_quantity,
    is_quoted_name,
    quote_around,
    section_is_plan,
    sentence_bounds,
    trim,
)
from service.extract.rules.time import event_date

# --- trigger words, one alternation per type -----------------------------------------------------
_EVENT_TRIGGERS: tuple[tuple[EventType, str], ...] = (
    (
        "recruitment_fair",
        r"招聘会|双选会|招聘专场|专场招聘会?|招聘专区|选岗|前来应聘|招聘活动|招聘大集|招聘小分队"
        r"|(?:人才|劳动力|人力资源)[^，。；]{0,4}?交流会|供需见面(?:洽谈)?会|人才集市"
        r"|(?:劳务|人力资源|人才)[^，。；]{0,4}?(?:对接会|洽谈会)"
        r"|(?:赴|奔赴|分赴|走进)[^，。；]{0,20}?招聘|开展[^，。；]{0,6}?招聘",
    ),
    (
        "worker_transfer",
        r"包车|专列|专机|直通车|抵达|到达|输送|返永|发车|接回|(?<!员工)(?P<back>返岗)(?![率人补工条服旅拥需复意潮])",
    ),
    (
        "labor_cooperation",
        r"签订|签约(?!一批|人数|率)|(?<!签有)协议|结对|对口帮扶|合作(?:关系|意向|共识|基地)|联合建立|达成合作|劳务基地"
        # not a job seeker's hiring intention ("达成就业意向300人"): a count, not a partnership
        r"|达成(?!(?:初步)?(?:就业|用工|求职|签约)意向)[^，。；]{0,24}?(?:意向|协议|共识)"
        r"|劳务(?:协作)?(?:工作)?站",
    ),
    (
        "policy",
        r"出台|印发|(?:发布|推出|提出)[^，。]{0,10}(?:政策|通知|办法|方案|意见|四条|模式|思路)"
        r"|(?:建立|实行|打造)[^，。]{0,14}(?:机制|模式)|获得[^，。]{0,6}奖励"
        r"|(?:制定|制订)[^，。]{0,16}?(?:方案|办法|政策|措施)|发放[^，。]{0,14}?(?:补贴|奖励|补助)",
    ),
    ("training", r"培训(?!圈|体系|主体|机构|补贴|资金|券)|技能大赛|技能竞赛|研修班"),
    ("talent_program", r"引才|揽才|招才|人才公寓|人才之家|人才沙龙|人才强企|招募|工位计划"),
    (
        "meeting",
        r"会议(?!精神)|座谈会|推进会|例会|动员会|(?<!技能)大会(?!战)|论坛|研讨会|发布会|攻坚会|(?<![才力源])交流会"
        r"|视频会|调度会|通气会|通报会",
    ),
    (
        "inspection",
        r"走访|检查|督查|督导|专项行动|专项整治|调研(?!员)|查看|上门|巡察|暗访|考察|参观|摸底",
    ),
    (
        "project",
        r"开工|投产|竣工|(?<![开岗产])复工(?![率复])|结项|开通(?![^，。；]{0,12}?(?:直通车|专车|专线|专列|通道))|启用|投用|建成"
        r"|引进[^，。；]{0,30}?项目|通过[^，。；]{0,24}?(?:评审|验收)",
    ),
    (
        "award",
        r"获评|荣获|入选|评为|授予|授牌|获得[^，。]{0,10}(?:肯定|称号|表彰)|获[^，。]{0,12}“双"
        r"|成为[^，。；]{0,30}?(?:基地|示范点|示范区|示范单位|试点)",
    ),
    (
        "other",
        r"成立|组建|设立|(?:开展|进行)(?:洽谈|会谈)|(?<=行动)(?:正式)?启动(?!仪式)|(?<!线)上线(?![率下])",
    ),
)
# Movements whose type is read from who moves: workers (worker_transfer) or, on a dated trip to
# a named place, a work team (other, EV13). The place runs to the last place word of the clause.
_MOVES = (
    ("trip", r"(?:前往|赶往|赶赴|奔赴)[^，。；]{0,30}(?:省|市|县|区|州|镇|乡)"),
    ("ride", r"(?:乘坐|搭乘)[^，。；]{0,6}?(?:高铁|动车|火车|列车|飞机|航班|大巴|客车|专车)"),
)
# "返岗" alone is the season's word for going back to work ("已有76万人返岗", "节后返岗拥挤"):
# it tells an organised movement only with a vehicle or an organised send-off in its sentence.
_ORGANISED = re.compile(
    r"包车|专列|专车|大巴|客车|直通车|班车|高铁|动车|航班|包机|点对点|送行|欢送|接送"
)
# A visit ("考察", "参观") is an inspection when officials or a delegation make it, not visitors.
_VISIT = ("考察", "参观")
_OFFICIALS = re.compile(
    r"一行|代表团|考察团|调研组|工作组|局|厅|部门|政府|中心|领导|书记|市长|县长"
)
_WORKERS = re.compile(r"务工人员|务工者|员工|工人|农民工|劳动力|求职者|毕业生")
# Activities held and openings: "other" unless their clause has a typed trigger or their name
# tells an honour or a campaign of visits to firms. An activity runs from its verb to "活动".
_HELD = (
    ("activity", r"(?:开展|举办|举行)(?=[^，。；]{0,30}?活动)"),
    ("opening", r"拉开帷幕|拉开序幕|开幕(?!式)|揭牌"),
)
_ACTIVITY_END = re.compile(r"[^，。；]{0,30}?活动")
_ACTIVITY_TYPES: tuple[tuple[EventType, re.Pattern[str]], ...] = (
    ("award", re.compile(r"优秀|先进|最美|评选|表彰")),
    ("inspection", re.compile(r"助企|惠企|进企业|访企")),
)
_EVENT_TYPES: dict[str, EventType] = {t: t for t, _ in _EVENT_TRIGGERS}
# What a project trigger starts or opens: a talent centre, a firm's production, or works.
_TALENT_PLACE = re.compile(r"人才(?:之家|公寓|驿站|中心|社区|港|服务站|服务中心|街区)")
_FIRM = re.compile(r"公司|集团|企业|工厂|厂(?!房|区)")
_WORKS = re.compile(r"项目|工程|工地|园区|厂房")
# Characters that can open a trigger; the lookahead lets the scanner skip the rest fast.
_TRIGGER_FIRST = (
    "招双选前包专直抵到输返发接签协结对合联达劳出印推提建实打获培技研引揽人工会座例动大论攻交"
    "走检督调查上巡暗开投竣复启荣入评授成组设通进赶奔乘搭展举拉揭赴分制视考参摸劳正"
)
_TRIGGER = re.compile(
    f"(?=[{_TRIGGER_FIRST}])(?:"
    + "|".join(f"(?P<{t}>{p})" for t, p in (*_EVENT_TRIGGERS, *_MOVES, *_HELD))
    + ")"
)

# --- what is not an occurrence (E1, E2) ----------------------------------------------------------
# Back-references to an event already told (E1) and intentions with no occurrence (E2).
_BACK_REFERENCE = re.compile(
    r"(?:(?:本次|此次|这次|这场|本场|本届|此届)[^，。；“”]{0,12}|该|这一|据)$"
)
# A modal verb governs the rest of its sentence ("将继续做好…，积极组织…"); "主要", "重要", "的要求"
# are no modal, nor is "将" meaning "把" ("将传统模式升级为…").
_INTENTION = re.compile(
    r"将(?!近)|(?<![主重必纪首的])要(?![素闻点件害])|计划|拟|争取|力争|下一步|希望|应当|需要|鼓励"
    r"|预计|有望|贯彻"
)
_BA_JIANG = re.compile(
    r"将[^，。；将]{1,20}?(?:作为|列为|升级为|纳入|列入|改为|打造为|打造成|确定为)"
)
# A habitual or continuing adverb governs its own clause only ("继续深化…，与…联合建立…").
_HABITUAL = re.compile(r"继续|持续|进一步|定期|积极|不断|大力|常态化|经常")
# A sentence naming a month or a day: an intention with a date is a scheduled event (E2).
_DATED = re.compile(r"\d{1,2}月")
# A trigger word used as a modifier or a time frame, not as the event itself.
_NOT_AN_OCCURRENCE_AFTER: tuple[str, ...] = ("中", "后", "过程", "时", "率", "方面", "能力")
_NOT_AN_OCCURRENCE_AFTER += ("的", "前", "人员", "情况", "进度")  # "返永人员名单", "复工情况"
# Inside or about an occurrence of its type told already (E1): "招聘会上", "招聘会吸引…".
_ARRIVALS = ("抵达", "到达")
_AT_THE_SCENE = ("现场",)
# Before a trigger noun with no name of its own: "来到了招聘会现场", "在招聘会上", "出席招聘会".
_BEFORE_BARE = "了在到的至进有席加"
# Types told by a noun ("招聘会", "座谈会"): bare, after one of its type, the noun refers back.
_NAMED = ("recruitment_fair", "meeting")
_INSIDE_TOLD = ("上", "场上", "期间", "吸引", "共有", "主会场", "现场")
# Purpose, cause or manner ("为了…", "源于一场招聘会"), time or speaker ("…后", "…说"), means
# ("通过实施…等措施"): the clause frames another act.
_SUBORDINATE = re.compile(
    r"^(?:为了|为|由于|随着|如果|若|以便|确保|无法|也无法|在全力|源于|源自|缘于|得益于|通过|这是|这也是)"
)
_SUBORDINATE_END = re.compile(r"(?:后|时|之际|的同时|说|表示|介绍|发现|措施|方式|手段|途径|举措)$")
# A verb of attitude or effort before the trigger takes it as a noun: "高度重视项目复工",
# "加快项目建设和投产速度", "全面落实…专项督查工作", "围绕…招募".
_GOVERNED_GAP = 12
_GOVERNED = re.compile(
    f"(?:重视|关注|聚焦|围绕|加快|落实|做好|抓好|抓实|确保|助力)[^，。；]{{0,{_GOVERNED_GAP}}}$"
)
# What a meeting does is part of the meeting (EV4): "会议宣读了…通知".
_INSIDE_MEETING = re.compile(r"^会议(?:强调|指出|要求|宣读|听取|审议|通报|传达|部署|认为|明确)")

# --- fields --------------------------------------------------------------------------------------
_ORIGIN = re.compile(r"来自([\u4e00-\u9fff]{2,6}?)(?:的|籍)|([\u4e00-\u9fff]{2,4})籍")
_DESTINATION = re.compile(
    r"(?:前往|抵达|到达|来到|来|返回|返)([\u4e00-\u9fff]{2,4}?)(?=[的，。站]|$|工作|就业)"
)
_SUMMARY_MAX = 40
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def find_events(article: ArticleText) -> list[EventDraft]:
    """One draft per occurrence told, per type, per sentence or "；" item of a listing."""
    text = article.text
    events: list[EventDraft] = []
    seen: set[tuple[int, str]] = set()
    for m in _TRIGGER.finditer(text):
        group, start, end = m.lastgroup or "", m.start(), m.end()
        held = _ACTIVITY_END.match(text, end) if group == "activity" else None
        end = held.end() if held else end  # an activity runs to its "活动"
        end += text.startswith("”", end)  # the head of a name: "“…专场招聘会”"
        kind = _type(article, group, start, end)
        if kind is None or not _is_occurrence(article, start, end):
            continue
        sentence = sentence_bounds(article, start, end)
        if m["back"] and not _ORGANISED.search(text, *sentence):
            continue
        if _opens_clause(article, start) and text.startswith(_AT_THE_SCENE, end):
            continue  # "座谈会现场，…": inside an occurrence told elsewhere
        told = any(e.type == kind for e in events)
        if (
            told
            and _bare(article, start)
            and (text.startswith(_INSIDE_TOLD, end) or kind in _NAMED)
        ):
            continue  # E1: "招聘会现场", "招聘会吸引…", "听说有招聘大集" after the fair is told
        if told and text[start:end] in _ARRIVALS:
            continue  # E1: the ride told already arrives ("专车抵达昆山")
        item = _item_start(article, sentence[0], start)
        if (item, kind) in seen:
            continue
        seen.add((item, kind))
        events.append(_event(article, kind, (start, end), sentence))
    return events


def _opens_clause(article: ArticleText, start: int) -> bool:
    c_left, _ = cut_bounds(article.clause_cuts, start, start + 1, len(article.text))
    return start - c_left <= 1


def _bare(article: ArticleText, start: int) -> bool:
    """The trigger noun has no name of its own: it opens its clause ("招聘会现场，…") or follows
    a verb or preposition ("出席招聘会"); "在漳河新区专场招聘会现场" names another one."""
    return _opens_clause(article, start) or article.text[start - 1] in _BEFORE_BARE


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
    if group == "inspection" and text[start:end] in _VISIT:
        return "inspection" if _OFFICIALS.search(text, c_left, start) else None
    if group in _EVENT_TYPES:
        return _EVENT_TYPES[group]
    if group in ("activity", "opening"):
        return _held_type(article, (c_left, c_right), text[start:end])
    if _WORKERS.search(text, c_left, start):
        return "worker_transfer"
    s_left, s_right = sentence_bounds(article, start, end)
    return "other" if group == "trip" and _DATED.search(text, s_left, s_right) else None


def _held_type(article: ArticleText, clause: tuple[int, int], name: str) -> EventType | None:
    """An activity or opening is "other" unless a typed trigger in its clause tells its type
    ("开展技能培训活动" is training) or its name does."""
    for m in _TRIGGER.finditer(article.text, *clause):
        if m.lastgroup in _EVENT_TYPES:
            return None
    if _TALENT_PLACE.search(article.text, *clause):
        return "talent_program"  # "苏州人才驿站揭牌"
    return next((t for t, p in _ACTIVITY_TYPES if p.search(name)), "other")


def _project_type(head: str, clause: str) -> EventType:
    """A talent centre opened is a talent programme; a firm that restarts is no construction
    project (EV15)."""
    if _TALENT_PLACE.search(clause):
        return "talent_program"
    if _FIRM.search(head) and not _WORKS.search(head):
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
    return not _intended(article, start, s_left) or _DATED.search(sentence) is not None


def _intended(article: ArticleText, start: int, s_left: int) -> bool:
    """A plan, intention or habit governs the trigger: a modal verb earlier in its sentence or
    a habitual adverb earlier in its clause (E2, EV10)."""
    text = article.text
    for m in _INTENTION.finditer(text, s_left, start):
        if not (m.group() == "将" and _BA_JIANG.match(text, m.start())):
            return True
    c_left, _ = cut_bounds(article.clause_cuts, start, start + 1, len(text))
    return _HABITUAL.search(text, c_left, start) is not None


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
        _BACK_REFERENCE.search(text, max(0, start - 16), start)  # "本次苏陕劳务协作招聘会"
        or text.startswith(_NOT_AN_OCCURRENCE_AFTER, end)  # "走访中", "开工率", "建成达产后"
        or _quoted(article, start, end)  # someone's words, or a name it does not head
        or _counted(article, end, c_right)  # "检查定点医药机构171家": a statistic (EV9)
        or _SUBORDINATE.match(clause)  # purpose, cause or manner: "为了…", "由于…"
        or _SUBORDINATE_END.search(clause)  # time, speaker or means: "…后", "…说", "…等措施"
        or _governed(text, c_left, start)  # a noun: "高度重视项目复工"
        or "成为" in text[c_left:start]  # a name of what it became: "成为…技能大赛集训基地"
        or _INSIDE_MEETING.match(clause)  # a meeting's own business
        or "的" in text[end : min(c_right, end + 8)]  # a modifier: "到达镇雄县的第一件事"
        or section_is_plan(article, start)  # a work plan in an interview answer
    )


def _counted(article: ArticleText, end: int, c_right: int) -> bool:
    """A number after the trigger that ends its phrase counts the acts ("走访企业700余次") or
    their objects ("检查定点医药机构171家", "协议3户、…"). A number before its noun describes
    the one act ("组建…7个专项攻坚行动小组", "举办了50余人的交友活动")."""
    q = first_quantity(article, end, c_right)
    return q is not None and not _IDEOGRAPH.match(article.text, q.end, c_right)


def _governed(text: str, c_left: int, start: int) -> bool:
    return _GOVERNED.search(text, max(c_left, start - 2 - _GOVERNED_GAP), start) is not None


def _quoted(article: ArticleText, start: int, end: int) -> bool:
    """Inside a quotation, unless the trigger heads a quoted name: "把“…专场招聘会”开进村庄"
    tells a fair, "“复工返岗”专场招聘会" and "他说：“…”" tell nothing of their own."""
    quote = quote_around(article, start)
    return quote is not None and not (quote[1] == end and is_quoted_name(article, quote))


def _event(
    article: ArticleText, kind: EventType, trigger: tuple[int, int], sentence: tuple[int, int]
) -> EventDraft:
    text = article.text
    left, right = cut_bounds(article.clause_cuts, trigger[0], trigger[1], len(text))
    left, right = trim(text, left, right)
    evidence = text[left:right]
    directed = kind in ("worker_transfer", "labor_cooperation")
    origin = _ORIGIN.search(text, sentence[0], sentence[1]) if directed else None
    destination = _DESTINATION.search(text, sentence[0], sentence[1]) if directed else None
    return EventDraft(
        type=kind,
        evidence=evidence,
        summary=SPACE.sub("", evidence)[:_SUMMARY_MAX],
        date=event_date(article, trigger[0], (left, right)),
        location=place_of(article, (left, right), sentence),
        origin=next((g for g in origin.groups() if g), None) if origin else None,
        destination=destination.group(1) if destination else None,
        actors=_actors(text, sentence),
    )


def _actors(text: str, sentence: tuple[int, int]) -> list[ActorDraft]:
    names: list[str] = []
    for m in ORG.finditer(text, sentence[0], sentence[1]):
        name = ORG_NOISE.sub("", m.group()).strip("“”")
        if len(name) >= 2 and name not in names:
            names.append(name)
    return [ActorDraft(name=n) for n in names]
