"""The words the events reader in `service.extract.rules.events` goes by: trigger words, one
alternation per type (ANNOTATION.md types), the movements, activities and openings typed by their
clause, and the cues around a trigger that tell no occurrence of its own (LABELLING.md E1, E2).
Data tables only, one comment per group; tested through tests/extract/rules/test_rules_events.py.
"""

import re

from schemas.vocab import EventType

# --- trigger words, one alternation per type -----------------------------------------------------
_EVENT_TRIGGERS: tuple[tuple[EventType, str], ...] = (
    (
        "recruitment_fair",
        r"招聘会|双选会|招聘专场|专场招聘会?|招聘专区|选岗|前来应聘|招聘活动|招聘大集|招聘小分队"
        r"|(?:人才|劳动力|人力资源)[^，。；]{0,4}?交流大?会|供需见面(?:洽谈)?会|人才集市"
        r"|(?:劳务|人力资源|人才|用工|供需|岗位|就业|校企)[^，。；]{0,4}?(?:对接会|洽谈会|推介会|见面会)"
        r"|招聘(?:大会|周|月|节)|(?:就业|用工|人才)大?集市|人才大集"  # not a meeting: "招聘大会"
        # firms going out to hire: "组织20家企业到高校招聘", "赴贵州招工"
        r"|(?:赴|奔赴|分赴|走进|(?<=企业)到|(?<=单位)到)[^，。；]{0,20}?(?:招聘|招工)"
        r"|(?:开展|举办|举行|进行)[^，。；]{0,10}?(?:招聘|招工)",
    ),
    (
        "worker_transfer",
        r"包车|专列|专机|专车|直通车|抵达|到达|输送|返永|发车|接回|(?<!员工)(?P<back>返岗)(?![率人补工条服旅拥需复意潮红交奖])",
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
        r"出台|印发"
        # not a press conference: "召开新闻发布会，介绍…政策"
        r"|(?:发布(?!会)|推出|提出|下发|公布|颁布)[^，。]{0,10}(?:政策|通知|办法|方案|意见|四条|模式|思路)"
        # a document by its title: "联合发布《…实施办法》"
        r"|(?:发布(?!会)|推出|下发|公布|颁布)[^，。]{0,4}?《"
        r"|(?:建立|实行|打造|推行|开展)[^，。；]{0,30}?(?:机制|模式|制度)|获得[^，。]{0,6}奖励"
        r"|(?:制定|制订)[^，。]{0,16}?(?:方案|办法|政策|措施)"
        r"|(?:发放|给予)[^，。；]{0,14}?(?:补贴|奖励|补助|奖补|红包)"
        # a rule stated by who lays it down: "山东规定，…" (not "按规定", "有关规定")
        r"|(?<![按照依据有关定的和])规定(?=[，：])",
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
        r"开工|投产|竣工|(?<![开岗产])复工(?![率复]|(?:返岗)?(?:大巴|专车|包车|专列|班车|客车|车辆|列车|专机|包机))|结项|开通(?![^，。；]{0,12}?(?:直通车|专车|专线|专列|通道))|启用|投用|建成"
        r"|引进[^，。；]{0,30}?项目|通过[^，。；]{0,24}?(?:评审|验收)",
    ),
    (
        "award",
        r"获评|荣获|入选|评为|授予|授牌|获得[^，。]{0,10}(?:肯定|称号|表彰)|获[^，。]{0,12}“双"
        r"|成为[^，。；]{0,30}?(?:基地|示范点|示范区|示范单位|试点)",
    ),
    (
        "other",
        r"成立|组建|设立|(?:开展|进行)(?:洽谈|会谈)|(?<!线)上线(?![率下])",
    ),
)
# Movements whose type is read from who moves: workers (worker_transfer) or, on a dated trip to
# a named place, a work team (other, EV13). The place runs to the last place word of the clause.
_MOVES = (
    ("trip", r"(?:前往|赶往|赶赴|奔赴)[^，。；]{0,30}(?:省|市|县|区|州|镇|乡|机场|车站|客运站)"),
    # a service opened for workers' journeys: a benefit, unless its sentence counts the moved
    ("service", r"(?:开通|开辟)[^，。；]{0,12}?(?:直通车|绿色通道)"),
    # departures and send-offs: "专车顺利启程", "大巴车载着…驶向温州", "欢送…务工人员"
    (
        "depart",
        r"启程|出发|驶往|驶向|开赴|送往|送抵|护送|(?:载着|满载)(?![^，。；]*?的)|起飞|开出|驶出|驶离"
        # workers sent: "用3辆大巴车送120名务工人员到宁波" (not "欢送", "送岗位")
        r"|(?<![欢护赠])送(?=[^，。；]{0,8}?(?:务工|员工|工人|农民工|劳动力))",
    ),
    (
        "ride",
        r"(?:乘坐|搭乘|坐上|登上)[^，。；]{0,16}?"
        r"(?:高铁|动车|火车|列车|飞机|航班|大巴|客车|专车|包车|专列|包机|班车|直通车)(?:前往)?",
    ),
)
# "返岗" alone is the season's word for going back to work ("已有76万人返岗", "节后返岗拥挤"):
# it tells an organised movement only with a vehicle or an organised send-off in its sentence.
ORGANISED = re.compile(
    r"包车|专列|专车|大巴|客车|直通车|班车|高铁|动车|航班|包机|点对点|送行|欢送|接送"
)
# A movement of workers is an event only with an anchor in its sentence: a day, a count of
# workers or vehicles, or a named station or port; without one, "通过开行包车、专列等方式组织…输转"
# or "开通返岗直通车点对点免费接送" describes a measure, not a trip (EV14).
MOVEMENT_ANCHOR = re.compile(
    r"\d{1,2}[月日]|当天|当日|初[一二三四五六七八九十]|[当次]?[早上下晚]午?(?=[,，])"
    r"|[\d一二两三四五六七八九十百千万]+[余多]?(?:名|位|辆|列|趟|架|批|班|车)"
    r"|抵达|到达|返永|车站|客运站|机场|码头|高铁站"  # "返永": the arrival named, as 返+place
)
# A visit ("考察", "参观") is an inspection when officials or a delegation make it, not visitors.
VISIT = ("考察", "参观")
OFFICIALS = re.compile(r"一行|代表团|考察团|调研组|工作组|局|厅|部门|政府|中心|领导|书记|市长|县长")
WORKERS = re.compile(
    r"务工(?:人员|者|群众|旅客|游客|老乡|青年|职工)|(?:返岗|返工|复工|返程)人员|员工|工人|农民工|劳动力"
    r"|求职者|毕业生"
)
# Activities held and openings: "other" unless their clause has a typed trigger or their name
# tells an honour or a campaign of visits to firms. An activity runs from its verb to "活动".
_HELD = (
    ("activity", r"(?:开展|举办|举行)(?=[^，。；]{0,30}?活动)"),
    ("opening", r"拉开帷幕|拉开序幕|开幕(?!式)|揭牌"),
    # a campaign launched, typed like an activity by its name ("“春风送岗”行动启动")
    (
        "launch",
        r"(?<=行动|活动)(?:[昨今前]天|近日|日前|于\d{1,2}月\d{1,2}日|在[^，。；]{1,16}?)?(?:正式)?启动(?!仪式)",
    ),
)
ACTIVITY_END = re.compile(r"[^，。；]{0,30}?活动")
ACTIVITY_TYPES: tuple[tuple[EventType, re.Pattern[str]], ...] = (
    ("award", re.compile(r"优秀|先进|最美|评选|表彰")),
    # a campaign of fairs: jobs brought to seekers ("送岗位下乡", "直播带岗", "春风送岗"), a
    # month of hiring services ("民营企业服务月", "就业援助月")
    ("recruitment_fair", re.compile(r"招聘|招工|[送带荐]岗|岗位|求职|职等你|服务月|援助月")),
    ("inspection", re.compile(r"助企|惠企|进企业|访企")),
    # a partnership's own activity: "开展劳务协作工作对接活动"
    ("labor_cooperation", re.compile(r"劳务协作|劳务合作|校企合作")),
)
EVENT_TYPES: dict[str, EventType] = {t: t for t, _ in _EVENT_TRIGGERS}
# What a project trigger starts or opens: a talent centre, a firm's production, or works.
TALENT_PLACE = re.compile(r"人才(?:之家|公寓|驿站|中心|社区|港|服务站|服务中心|街区)")
FIRM = re.compile(r"公司|集团|企业|工厂|厂(?!房|区)")
WORKS = re.compile(r"项目|工程|工地|园区|厂房")
# Characters that can open a trigger; the lookahead lets the scanner skip the rest fast.
_TRIGGER_FIRST = (
    "招双选前包专直抵到输返发接签协结对合联达劳出印推提建实打获培技研引揽人工会座例动大论攻交供给规"
    "走检督调查上巡暗开投竣复启荣入评授成组设通进赶奔乘搭展举拉揭赴分制视考参摸劳正坐登出驶送护载满下公颁用岗就校"
    "昨今近日于在"
)
TRIGGER = re.compile(
    f"(?=[{_TRIGGER_FIRST}])(?:"
    + "|".join(f"(?P<{t}>{p})" for t, p in (*_EVENT_TRIGGERS, *_MOVES, *_HELD))
    + ")"
)

# --- what is not an occurrence (E1, E2) ----------------------------------------------------------
# Back-references to an event already told (E1) and intentions with no occurrence (E2).
BACK_REFERENCE = re.compile(
    r"(?:(?:本次|此次|这次|这场|本场|本届|此届)[^，。；“”]{0,12}|该|这一|据)$"
)
# A modal verb governs the rest of its sentence ("将继续做好…，积极组织…"); "主要", "重要", "的要求"
# are no modal, nor is "将" meaning "把" ("将传统模式升级为…").
INTENTION = re.compile(
    r"将(?!近)|(?<![主重必纪首的])要(?![素闻点件害])|计划|拟|争取|力争|下一步|希望|应当|需要|鼓励"
    r"|预计|有望|贯彻"
)
BA_JIANG = re.compile(
    r"将[^，。；将]{1,20}?(?:作为|列为|升级为|纳入|列入|改为|打造为|打造成|确定为"
    r"|(?:印发|下发|转发|发放|拨付)(?:给|到|至)"  # "现将《…》印发给你们"
    r"|(?:护送|运送|输送)(?:到|至|抵))"  # "将54名务工人员护送至常州"
)
# A habitual or continuing adverb governs its own clause only ("继续深化…，与…联合建立…").
HABITUAL = re.compile(r"继续|持续|进一步|定期|积极|不断|大力|常态化|经常|广泛")
# A sentence naming a month or a day: an intention with a date is a scheduled event (E2).
DATED = re.compile(r"\d{1,2}月|(?:正|腊)月|初[一二三四五六七八九十]|(?<!\d)\d{1,2}日")
# A trigger word used as a modifier or a time frame, not as the event itself.
NOT_AN_OCCURRENCE_AFTER: tuple[str, ...] = ("中", "后", "过程", "时", "率", "方面", "能力")
NOT_AN_OCCURRENCE_AFTER += ("的", "前", "人员", "情况", "进度")  # "返永人员名单", "复工情况"
# Inside or about an occurrence of its type told already (E1): "招聘会上", "招聘会吸引…".
# After a movement or a training, a noun of work makes the trigger a line of work, not an act:
# "提供…输送服务", "返岗工作", "培训工作" (after "设立", "组建" it is the object: "服务站").
LINE_OF_WORK = ("服务", "工作")
ARRIVALS = ("抵达", "到达", "专车")  # and the vehicle named again after a transfer is told
AT_THE_SCENE = ("现场",)
# Before a trigger noun with no name of its own: "来到了招聘会现场", "在招聘会上", "出席招聘会".
BEFORE_BARE = "了在到的至进有席加"
# Types told by a noun ("招聘会", "座谈会"): bare, after one of its type, the noun refers back.
NAMED = ("recruitment_fair", "meeting")
INSIDE_TOLD = ("上", "场上", "期间", "吸引", "共有", "主会场", "现场")
# Purpose, cause or manner ("为了…", "源于一场招聘会"), time or speaker ("…后", "…说"), means
# ("通过实施…等措施"): the clause frames another act. "随着" before a vehicle sets the scene of
# the act itself ("随着一辆辆专车缓缓驶出，…"), not a trend ("随着建筑业陆续开工").
_SCENE = (
    r"[^，。；]*?(?:车|专列|航班|包机)[^，。；]*?"
    r"(?:驶出|驶离|发车|启程|出发|开出|抵达|到达|驶入|进站|开进)"
)
SUBORDINATE = re.compile(
    # not the second half of "以“…”为主题的…" (a name's frame, cut at its quote)
    r"^(?:为了|为(?!主题|主线|核心|重点|载体|抓手|纽带|契机|平台|依托)|由于|如果|若|以便|确保|无法|也无法|在全力|源于|源自|缘于|得益于|通过|这是|这也是"
    f"|随着(?!{_SCENE})|除了|除)"
)
SUBORDINATE_END = re.compile(
    r"(?:后|时|之际|的同时|发现)$"
    # means, unless the clause issues them: "出台了稳岗返还、技能提升补贴等措施"
    r"|^(?!.*?(?:出台|印发|发布|制定|推出|下发)).*?(?:(?:等|的|些)(?:措施|方式|手段|途径|举措)|方式)$"
)
# A speaker's clause ("…负责人介绍", "…说") names what is spoken of, unless it sets the speaker
# at an occurrence ("在…座谈会上表示") or a dated one ("在20日召开的…新闻发布会上…介绍").
SPEAKER_END = re.compile(r"^(?!.*在).*(?:说|表示|介绍)$")
# A verb of attitude or effort before the trigger takes it as a noun: "高度重视项目复工",
# "加快项目建设和投产速度", "全面落实…专项督查工作", "围绕…招募".
GOVERNED_GAP = 12
GOVERNED = re.compile(
    f"(?:重视|关注|聚焦|围绕|加快|落实|做好|抓好|抓实|确保|助力)[^，。；]{{0,{GOVERNED_GAP}}}$"
)
# What a meeting does is part of the meeting (EV4): "会议宣读了…通知".
INSIDE_MEETING = re.compile(r"^会议(?:强调|指出|要求|宣读|听取|审议|通报|传达|部署|认为|明确)")
