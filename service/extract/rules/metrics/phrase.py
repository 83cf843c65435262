"""The measured noun phrase of a statistic (ANNOTATION.md `metric`; LABELLING.md S12). Pure.

`statistic_metric` reads the noun phrase a number counts from its clause: the words before the
number (without time words, links and leading noise), or the noun after its classifier, or the
subject clause a link verb counts; `service.values.metric.clean_metric` keeps it clean.
"""

import re
from bisect import bisect_left

from service.extract.rules.metrics.compared import compared_metric, share_metric
from service.extract.rules.metrics.doer import without_doer
from service.extract.rules.metrics.extent import extent_metric
from service.extract.rules.metrics.pay import monthly_pay
from service.extract.rules.text import ArticleText, first_quantity, sentence_bounds
from service.values.metric import clean_metric
from service.values.quantities import Quantity
from service.values.words import PEOPLE_NOUNS

# Verbs and adverbs linking a measured noun to its number ("返岗率达98%", "共有195名").
_LINK_TAIL = re.compile(
    r"(?:已经|已|共|累计|总计|合计|共计|均|还|普遍|仅|平均|分别|再|又|都|也就|多在|约|同比|首次)*"
    r"(?:达到|达|为|突破|超过|增加至|增加到|增至|提高到|提高至|提升至|下降了|下降|降低|降幅达|"
    r"增长|增加|减少|占总数的|占总需求人数的|占|是|有|共有|还有|已有|约有|保持|完成|实现|用了|用时|"
    r"投入|招引到|引进|跨越|历经|为期|吸引|提供|拿)?"
    r"(?:了|到|近|约|超|逾)?$"
)
_LEAD_NOISE = re.compile(
    r"^(?:我市|全市|该市|本市|该区|全区|该县|全县|该镇|全镇|全乡|今年|目前|截至目前"
    r"|这些|这个|这批|那些|其中|此外|另外|同时"  # demonstratives and connectives point, not name
    r"|预计|计划|力争|争取|有望|将要|将|要)+"  # plan words make the kind, not the metric
)
_STOP_AFTER = re.compile(
    r"\d|[和及与在从被将已均也于以是了]|通过|跨越|来到|来我|前往|实现|踏上|搭乘|乘坐|抵达|到达|"
    r"留在|选择|开展|进入|达成|活跃|各就各位|实行|组成|进行|获得|返回|宣传|招用|实行|跟踪|送到|送往"
    # adverbs open the predicate, no noun holds them: "大巴车正在…", "员工陆续返岗"
    r"|正在|纷纷|陆续|顺利|相继|先后|分别|即将|正式|共同|难掩|整齐|整装"
    # …and so does a time word: "5个续建项目一季度可完成…"
    r"|[一二三四]季度|上半年|下半年|今年|明年|去年|年底|年初|节后|节前"
)
# A verb the counted noun is the subject of ends the noun when its object holds a number of its
# own ("68家企业提供了5000个岗位") or a 的 of its own ("150名务工人员带着家乡的祝福"); else the
# verb phrase stays, it tells which of the things are counted ("企业提供招聘服务", "企业参加
# 现场招聘").
_SUBJECT_VERB = re.compile(r"参加|参与|共|提供|带着|带来|落实|覆盖|签订|入驻|报名|涌入|走进|奔赴")
# A relative clause between a classifier and its noun: "原本在市外就业的", "在本地就业的".
_RELATIVE = re.compile(r"(?:原本|原来|曾经|曾|已经|已)?(?:在|从)[^，。；、：\d的]{1,10}的")
# A verb whose object is the counted noun: "黄平派专车护送78名群众" counts 护送群众.
_GOVERNING = re.compile(
    r"(提供|带来|护送|输送|接回|接返|走访|培训|招聘|吸纳|安置|帮助|服务|组织|举办|开行|发放|开发|"
    r"征集|解决|化解|吸引|引进|新增|转移|输出|输转|带动|慰问|检查|查处|办理|签约|签订|发布|推出|"
    r"开设|设立|建成|打造|认定|表彰|载有|载着)(?:了|过)?$"
)
_OPENS_RELATIVE = ("来自", "在", "从", "原", "曾", "已")
_NUMBER_AHEAD = re.compile(r"\d|[一二两三四五六七八九十百千万]+[余多]?[个名家人位所项场]")
# A number followed by these measures a span of time or a place, not the noun after it.
_NOT_A_NOUN_AFTER = ("后", "内", "中", "前", "时间", "以来", "里")
_METRIC_MAX = 12
_BEFORE_MAX = 14  # the noun before a number may run longer than the one after it
_WORD_BOUNDARY = re.compile(r"[“，：（(《]")
_TIME_PREPOSITIONS = "到于在"
_SHORT_NOUN = 3
_IMPLICIT_TAIL = re.compile(r"[万亿][余多]?((?![名人位余多以])[\u4e00-\u9fff]{2,})$")
# The noun naming the money an amount counts, when it follows the amount: "给予200万元安家补贴",
# "每人1000元奖励", "50万元至300万元资助".
_MONEY_NOUN = re.compile(
    r"(?:补贴|补助|奖励|奖金|资助|资金|经费|收入|工资|薪资|薪酬|报酬|投资|贷款|产值|利润|税收|营收)$"
)
# A count of people written with the bare unit word ("380余万人", "31.5万人次") names no noun
# after it: what follows is what they do ("…人来昆就业", "有1.3万人在京津地区务工"). After
# "有" the count is of the people doing it (+人数); else the words before name them.
_EXISTENTIAL = re.compile(r"有$")
_PREDICATE_STOP = re.compile(r"\d|[，。；：、的]")
_PREDICATE_LEAD = re.compile(r"^(?:已经|已|都|均|先后|陆续|顺利|成功|还|也|又)+")
_IMPLICIT_LEAD = re.compile(  # a noun, not the numeral opening the number ("一万八千")
    r"(?![零〇一二两三四五六七八九十百千万亿])[\u4e00-\u9fffA-Z]+?"
    r"(?=达到|达|为|约|超过|突破|破|超|近|\d|[一二两三四五六七八九十百千万亿])"
)


def statistic_metric(article: ArticleText, q: Quantity, clause: tuple[int, int]) -> str:
    """The measured noun phrase, kept clean (ANNOTATION.md); the clause's own words when the
    phrase read is nothing but hedges and links."""
    found = compared_metric(article, q, clause, _plain_metric)
    return found or _plain_metric(article, q, clause)


def _plain_metric(article: ArticleText, q: Quantity, clause: tuple[int, int]) -> str:
    """The metric read from the clause alone: a comparison reads the number before it with this,
    so a run of comparisons costs one look back each, not a chain."""
    found = share_metric(
        article,
        q,
        clause,
        lambda left, right: clean_metric(_before_noun(article.text[left:right], article, left)),
    )
    text = article.text
    before = _before_noun(text[clause[0] : q.start], article, clause[0])  # read once, used twice
    found = found or extent_metric(
        text[clause[0] : q.start], before, text[q.end : clause[1]], q.unit
    )
    found = found or clean_metric(_noun_phrase(article, q, clause, before))
    pay = monthly_pay(found, text[clause[0] : q.start], text[q.end : clause[1]], q.unit)
    if pay or found:
        return pay or found
    left = max(0, clause[0] - 2 * _METRIC_MAX)  # "复工率\n\n达100%": the words before
    head = _before_noun(article.text[left : clause[0]], article, left)
    return clean_metric(head) or clean_metric(article.text[clause[0] : clause[1]])


def _noun_phrase(article: ArticleText, q: Quantity, clause: tuple[int, int], before: str) -> str:
    """The noun phrase the number counts; `before` is the one before it in its clause."""
    text = article.text
    lead = _IMPLICIT_LEAD.match(text, q.start, q.end)
    if lead:  # the money noun a dropped unit was read from ("亩均效益8万以下")
        before += lead.group()
    tail = _IMPLICIT_TAIL.search(text, q.start, q.end) if q.unit == "人" else None
    # the people noun a dropped unit was read from ("50多万外来务工人员"), not a hedge or a
    # numeral ("19万左右", "一万八千余人")
    if tail and tail.group(1).endswith(PEOPLE_NOUNS):
        return tail.group(1)
    if q.unit in ("人", "人次") and text.endswith(q.unit, q.start, q.end):
        people = _people(text[clause[0] : q.start], before, text[q.end : clause[1]], q.unit)
        if people:
            return people
    after = after_noun(text[q.end : clause[1]])
    if len(before) < 2 and len(after) <= _SHORT_NOUN:
        before = _subject_clause(article, clause) or before  # "农民工，已有76万人返岗"
    if q.unit == "元" and _MONEY_NOUN.search(after):
        return after
    named = q.unit == "元" and _MONEY_NOUN.search(before)  # "总投资52亿元的…项目"
    if q.unit in ("%", "元") and before and (named or not text.startswith("的", q.end)):
        return before
    after = _governed(text, q, clause) or after
    if len(after) >= 2:
        return after
    return before or after or text[clause[0] : clause[1]][:_METRIC_MAX]


def _governed(text: str, q: Quantity, clause: tuple[int, int]) -> str:
    """A verb right before the number and the noun after it that it governs ("护送78名群众"
    -> 护送群众), or ""."""
    verb = _GOVERNING.search(text, clause[0], q.start)
    if verb is None or verb.end() != q.start:
        return ""
    owned = after_noun(text[q.end : clause[1]], owner=True)
    return verb.group(1) + owned if len(owned) >= 2 else ""


def _people(head: str, before: str, tail: str, unit: str) -> str:
    """The metric of a count of people written with the bare unit word, "" when the general
    reading holds: the people noun before it ("输转富余劳动力380万人"), or what the people do
    after it (+人数/人次) after "有" or when nothing is before it ("已有76万人返岗")."""
    if tail.startswith(("的", "——这是")):
        return ""  # "50余人的交友活动": the count qualifies the noun after it
    stop = _PREDICATE_STOP.search(tail)
    predicate = clean_metric(_PREDICATE_LEAD.sub("", tail[: stop.start()] if stop else tail))
    predicate = predicate[:_METRIC_MAX]
    counted = "人次" if unit == "人次" else "人数"
    if len(predicate) >= 2 and _EXISTENTIAL.search(head):
        return predicate + counted
    if before.endswith(PEOPLE_NOUNS):
        return before
    if len(predicate) >= 2 and len(clean_metric(before)) < 2:
        return predicate + counted
    return ""


def _subject_clause(article: ArticleText, clause: tuple[int, int]) -> str:
    """The clause before `clause` in its sentence when it holds no number: the subject that a
    clause opening with a link verb counts ("市外就业的农民工，已有76万人返岗")."""
    text = article.text
    s_left, _ = sentence_bounds(article, clause[0], clause[1])
    if clause[0] - 1 <= s_left or text[clause[0] - 1] != "，":
        return ""
    left = max(s_left, text.rfind("，", s_left, clause[0] - 1) + 1)
    if first_quantity(article, left, clause[0]) is not None:
        return ""
    return _before_noun(text[left : clause[0] - 1], article, left)


def _before_noun(head: str, article: ArticleText, offset: int) -> str:
    """The noun phrase before a number, without time words, links and leading noise."""
    starts = article.time_starts
    for t in article.times[bisect_left(starts, offset) : bisect_left(starts, offset + len(head))]:
        start = t.start - offset
        start -= start > 0 and head[start - 1] in _TIME_PREPOSITIONS  # "到2021年底"
        head = head[:start] + " " * (t.end - offset - start) + head[t.end - offset :]
    head = head.replace(" ", "")
    head = _LINK_TAIL.sub("", head)
    head = without_doer(_LEAD_NOISE.sub("", head).removesuffix("的"))
    if len(head) <= _BEFORE_MAX:
        return head
    start = len(head) - _BEFORE_MAX  # a cut in a word ("…方式“点对点”输转…")
    close = head.find("”", start)
    opened = head.rfind("“", 0, close) if close >= 0 else -1
    if 0 <= opened < start and start - opened <= _BEFORE_MAX:
        return head[opened:]  # a quoted name the cut falls in is kept whole
    tail = head[start:]  # else the tail, from a boundary in it
    boundary = _WORD_BOUNDARY.search(tail)
    return tail[boundary.end() :] if boundary and len(tail) - boundary.end() >= 2 else tail


def after_noun(tail: str, *, owner: bool = False) -> str:
    """The noun after a number; with `owner`, the one before a 的 that closes the clause the
    number is in ("载有216名务工人员的大巴" counts 务工人员), else the one after it."""
    tail = tail.lstrip("的")
    if tail.startswith("——这是"):
        return tail.rsplit("的", 1)[-1][-_METRIC_MAX:]
    if tail.startswith(_NOT_A_NOUN_AFTER):
        return ""
    relative = _RELATIVE.match(tail)
    if relative:  # "16万名原本在市外就业的农民工": the clause before 的 says which are counted
        head = after_noun(tail[relative.end() :])
        return relative.group() + head if head else ""
    m = _STOP_AFTER.search(tail)
    noun = tail[: m.start()] if m else tail
    verb = _SUBJECT_VERB.search(noun)
    if (
        verb
        and (
            verb.start() == 0  # no noun before the verb
            or "的" in noun[verb.end() :]
            or _NUMBER_AHEAD.search(tail, verb.end())
        )
    ):
        noun = noun[: verb.start()]
    first, _, noun = noun.rpartition("的")
    owned = owner and not first.startswith(_OPENS_RELATIVE)  # not "来自乡村的务工人员"
    if first and (owned or not clean_metric(noun)):
        noun = first  # "28所高师院校的近2万名毕业生": what follows 的 is counted on its own
    return noun.strip("“”")[:_METRIC_MAX]
