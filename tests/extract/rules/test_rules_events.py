"""Rules backend, events: trigger words that tell an occurrence, their dates and places."""

import pytest

from schemas.drafts import ChunkDraft
from service.extract.rules.backend import extract_drafts


def _drafts(text: str, published: str | None = "2022-02") -> ChunkDraft:
    return extract_drafts(text, published=published)


# --- events --------------------------------------------------------------------------------------
def test_event_with_date_and_trigger() -> None:
    text = "2月9日，永康与平昌联合举办了一场东西部劳务协作专场招聘会。"
    [e] = _drafts(text).events
    assert (e.type, e.date) == ("recruitment_fair", "2022-02-09")


EVENT_DATES = [
    # text, trigger, published, date
    ("从3月5日起，该区干部带头走访重点企业。", "走访", "2022-04", "2022-03-05"),  # its start
    ("3月5日至3月6日，该市召开人才工作会议。", "会议", "2022-04", "2022-03-05"),  # a span's start
    ("3月2日，该市召开动员会。\n会后，该市迅速组建工作专班。", "组建", "2022-03", "2022-03"),
    ("3月2日，该市召开动员会。\n会后，该市迅速组建工作专班。", "组建", "2022-04", "2022"),
    # no default to the publication year
    ("为服务企业，该市迅速组建工作专班。", "组建", "2022-03", "2022"),  # the article frame
    # never from a later sentence
    ("为服务企业，该县设立服务站。3月2日，该县召开动员会。", "设立", "2022-03", "2022"),
    # a year naming an edition gives way to the day the sentence writes before it
    ("3月2日，该县2022年春风行动招聘会举行。", "招聘会", "2022-03", "2022-03-02"),
]


@pytest.mark.parametrize(("text", "trigger", "published", "date"), EVENT_DATES)
def test_event_date_lookup(text: str, trigger: str, published: str, date: str | None) -> None:
    [e] = [e for e in _drafts(text, published).events if trigger in e.evidence]
    assert e.date == date


def test_transfer_has_origin_and_destination() -> None:
    text = "2月11日，110名来自四川巴中的新员工搭乘专机抵达义乌。"
    [e] = [e for e in _drafts(text).events if e.type == "worker_transfer"]
    assert (e.origin, e.destination) == ("四川巴中", "义乌")


# --- one row per phenomenon: the types a made-up text tells, in order -----------------------------
EVENTS = [
    # modal verbs: "主要", "的要求" and "将" meaning "把" are none
    ("前不久，该县主要负责人带队深入企业，查看生产情况。", ["inspection"]),
    ("日前，根据省厅的要求，该县组织务工人员参加技能培训，提升就业能力。", ["training"]),
    # a modal inside a purpose or basis clause is the aim or instruction the act answers
    ("为鼓励企业吸纳就业，该市出台《稳岗扩岗十条措施》，明确补贴标准。", ["policy"]),
    ("按照上级部署要求，县人社局举办了春季招聘会，50家企业参加。", ["recruitment_fair"]),
    ("县人社局要求各地举办招聘会，帮助企业招工。", []),
    # …nor is one inside a name or a title
    ("近日，县人社局举办“就业要趁早”专场招聘会，吸引众多求职者。", ["recruitment_fair"]),
    ("近日，《关于鼓励企业吸纳就业的若干措施》正式出台，明确补贴标准。", ["policy"]),
    ("该县将传统招聘模式升级为线上模式，与两所技工学校签订合作协议。", ["labor_cooperation"]),
    # a habitual adverb governs its own clause only
    ("该局继续推进帮扶工作，与县法院联合建立调解中心。", ["labor_cooperation"]),
    # movements: a dated trip to a named place; workers riding or travelling
    ("3月2日，我和两名同事驱车前往河北省保定市，对接用工需求。", ["other"]),
    ("3月2日，30名务工人员从车站出发前往浙江省义乌市。", ["worker_transfer"]),
    ("过几天，还有一批务工人员乘坐高铁来我市。", ["worker_transfer"]),
    # the movers may be named in an earlier clause, unless a narrator takes over the subject
    ("2月18日，该县150余名务工人员，搭乘3辆大巴车，分别前往福建泉州。", ["worker_transfer"]),
    ("为了工人顺利返岗，2月19日，我和两名同事驱车赶往云南省镇雄县。", ["other"]),
    # "随着" before a vehicle sets the scene of the act; before anything else it tells a trend
    ("2月3日，随着首趟务工专列缓缓驶出车站，300名务工人员踏上返岗路。", ["worker_transfer"]),
    ("随着建筑业陆续开工，务工需求回升。", []),
    # a ride names its vehicle after a longer phrase; boarded again, it is the one told (E1)
    ("2月19日，该市73名务工人员乘坐农民工服务中心组织的返岗专车赴广州。", ["worker_transfer"]),
    ("2月6日，该县首趟返岗专车发车。务工人员在引导下，有序登上专车。", ["worker_transfer"]),
    ("2月15日，县里欢送300名务工人员乘坐返岗专列前往广东。", ["worker_transfer"]),
    # "复工" naming a vehicle is no project: the vehicle leaving is the transfer
    ("2月5日，10辆复工大巴从县城出发，驶向浙江。", ["worker_transfer"]),
    ("2月5日，该县重点项目全面复工。", ["project"]),
    # a special bus is a transfer; named again after the transfer is told, it is that one (E1)
    ("2月10日，该县开出3辆专车，将务工人员送往福建。", ["worker_transfer"]),
    ("2月10日，该县首趟返岗专车发车。专车严格按照防控程序运行。", ["worker_transfer"]),
    # departures of an organised vehicle or of workers
    ("2月22日，南郑区返岗专车在区人社局的组织下顺利启程。", ["worker_transfer"]),
    ("2月16日，该县用包车将120名务工人员送往江苏昆山。", ["worker_transfer"]),
    ("2月16日，该县代表团从北京出发，回到县城。", []),
    ("2月24日上午，两辆大巴车载着39名农民工朝着广东省江门市奔去。", ["worker_transfer"]),
    ("当天，一辆载着务工人员的大巴停在路边，记者上前采访。", []),
    ("2月5日，该县用3辆大巴车送120名务工人员到浙江宁波。", ["worker_transfer"]),
    ("2月5日，该县为困难群众送去慰问品。", []),
    # "将" meaning "把" before a verb of issuing is no intention
    ("下一步，该县将组织大巴送务工人员返岗。", []),
    ("该县交通部门将54名务工人员护送至江苏常州，全程闭环管理。", ["worker_transfer"]),
    ("下一步，该县将组织专车护送务工人员返岗，确保安全。", []),
    ("该县将于正月初八在县城广场举办春季招聘会，欢迎求职者参加。", ["recruitment_fair"]),
    ("该县将于15日在县城广场举办春季招聘会，欢迎求职者参加。", ["recruitment_fair"]),
    ("经研究，现将《2024年春风行动实施方案》印发给你们，请认真贯彻执行。", ["policy"]),
    ("2月5日，该县首趟返岗专车发车。随后，专车缓缓驶出。", ["worker_transfer"]),  # E1
    # agreements, projects, recognitions, talks
    ("该局与县总工会达成了共建服务站的共识，双方将定期会商。", ["labor_cooperation"]),
    ("该区去年引进一批新能源项目，带动当地就业。", ["project"]),
    ("该厂扩建项目已通过省级专家验收，车间正在调试。", ["project"]),
    ("该校成为全省首批产教融合试点单位，备受关注。", ["award"]),
    ("该校成为全省技能大赛的集训基地，名声大振。", ["award"]),  # the contest names the base
    ("该局与五家企业开展洽谈，了解用工需求。", ["other"]),
    # a clause that turns to a new counterpart tells another occurrence
    ("该市与甲县签订劳务协议，与乙县达成合作意向。", ["labor_cooperation", "labor_cooperation"]),
    # a number before its noun describes the act; it counts nothing
    ("该县组建3个服务小组，进驻重点企业。", ["other"]),
    ("该局走访12家重点企业，了解复工情况。", ["inspection"]),
    # activities held and openings: other, unless a typed trigger or their name tells the type
    ("日前，该镇在农贸市场开展以“平安家园”为主题的法治宣传活动。", ["other"]),
    ("周末，志愿者在广场举办了30余人参加的读书分享活动。", ["other"]),
    ("今年5月，第三届职工书画展在市文化馆拉开帷幕。", ["other"]),
    ("去年年底，该市开展“十佳外来务工者”评选活动。", ["award"]),
    ("该区开展“助企纾困”专项服务活动，干部深入车间。", ["inspection"]),
    ("3月5日，该县开展电工技能培训活动。", ["training"]),
    # a partnership's own activity, with the place a delegation goes to as its counterpart
    ("3月5日，甲县人社局组织人员赴乙市开展劳务协作工作对接活动。", ["labor_cooperation"]),
    ("3月5日，该县开展劳务协作宣传活动。", []),
    ("2月18日，第二届全省技能大赛开幕，吸引众多选手。", ["training"]),
    # a campaign that brings jobs to seekers is a fair, whatever its name calls it
    ("2月18日，一场以“送岗位，暖民心”为主题的招聘会在县城广场举行。", ["recruitment_fair"]),
    ("2月20日，该区举办“直播带岗”活动，多家企业推介岗位。", ["recruitment_fair"]),
    ("2月5日，该县开展“送岗位下乡”活动，把岗位信息送到村民家门口。", ["recruitment_fair"]),
    ("3月2日，该市“春风送岗”行动正式启动。", ["recruitment_fair"]),
    ("5月10日，该区开展“民营企业服务月”活动，百余家企业进场。", ["recruitment_fair"]),
    # what a project trigger starts or opens: works, a talent centre, a firm's production (EV15)
    ("2月8日，该县重点工程项目集中开工。", ["project"]),
    ("2月8日，该公司扩建项目正式开工。", ["project"]),
    ("3月1日，该区人才驿站正式投用，首批入驻青年创业者。", ["talent_program"]),
    ("2月8日，某某机械有限公司节后复工。", ["other"]),
    # a trigger heading a quoted name tells what the name names
    ("把“春风行动专场招聘会”开进社区，方便群众求职。", ["recruitment_fair"]),
    ("当天，务工人员踏上开往宁波的“返岗直通车”。", ["worker_transfer"]),
    # "返岗" tells an organised movement with a vehicle or a send-off in its sentence
    ("2月6日，该县包车送120名务工人员返岗。", ["worker_transfer"]),
    # fairs held in other words: recruitment activities, teams sent out to recruit
    ("2月3日，该区举办线上线下招聘活动，百余家企业参加。", ["recruitment_fair"]),
    ("正月初八，该县组织5家企业赴甲省招聘，带回一批工人。", ["recruitment_fair"]),
    ("2月6日，县人社局在火车站广场举行春季现场招工，30家企业参加。", ["recruitment_fair"]),
    ("2月6日，该县进行了一次大规模的校园招聘。", ["recruitment_fair"]),
    ("3月2日，县人社局组织20家企业到甲县职业学校招聘，提供岗位500个。", ["recruitment_fair"]),
    ("正月初八，该县组织5家企业赴甲省招工，带回一批工人。", ["recruitment_fair"]),
    # plans drawn up and subsidies paid are policies; a labour station is cooperation
    ("该县制定了集中输出行动方案，明确责任分工。", ["policy"]),
    ("今年，该县向务工人员发放一次性交通补贴。", ["policy"]),
    ("去年，甲市在乙县建立劳务协作工作站。", ["labor_cooperation"]),
    # a mechanism of cooperation set up is a partnership; another mechanism is a rule (EV12)
    ("3月2日，甲县与乙市建立劳务协作长效机制，共同促进就业。", ["labor_cooperation"]),
    ("3月2日，该县建立重点企业用工调度机制，每周通报进展。", ["policy"]),
    ("该市还建立了省市间、输入地与企业、企业与返岗农民工的对接联系制度。", ["policy"]),
    ("该省还创造性开展了零就业家庭长效援助机制。", ["policy"]),
    # rules issued, laid down or granted: by a document's title, a rule stated by its maker,
    # a subsidy granted, a system set up, an award whose amount the object states
    ("3月2日，甲市联合发布《人才引进实施办法》，加大支持力度。", ["policy"]),
    ("近日，省人社厅等五部门联合下发《关于做好农民工返岗服务的通知》。", ["policy"]),
    ("3月2日，市人社局公布了就业补贴申领办法，明确申领条件。", ["policy"]),
    ("9月19日，该区召开新闻发布会，介绍《人才需求目录》基本情况。", ["meeting"]),  # no issue
    # a "的" inside a document's title leaves the verb a predicate
    ("近日，市人社局印发《关于做好返岗服务的通知》，部署相关工作。", ["policy"]),
    ("3月1日，县政府发布《关于促进就业的若干措施》，提出多条举措。", ["policy"]),
    # a speaker's clause names what is spoken of, unless it sets the speaker at a dated occurrence
    ("在20日召开的全市就业工作新闻发布会上副局长张某介绍，全市已有万人返岗。", ["meeting"]),
    ("该局招聘科科长张某介绍，今年用工需求旺盛。", []),
    ("该局局长张某在全市稳就业座谈会上表示，要抓好返岗服务。", ["meeting"]),
    # a "的" phrase before a rule's noun is the object; "等措施" issued is no means
    ("近日，该市出台稳就业的十条措施，明确补贴标准。", ["policy"]),
    ("近日，该区出台《人才新政20条》，支持人才来区就业。", ["policy"]),  # a name, no count
    ("近日，该市出台了稳岗返还、技能提升补贴等措施，帮助企业渡过难关。", ["policy"]),
    ("该市通过发放补贴、提供岗位等措施，帮助群众就业。", []),
    # a journey service opened is a benefit, unless its sentence counts the workers it moved
    ("今年，该县为外出务工人员开通返岗直通车，点对点免费接送。", ["policy"]),
    ("2月1日起，该区开通返岗直通车，已从湖南等地接回务工人员4100余人。", ["worker_transfer"]),
    ("今年，甲省规定，拖欠工程款引发的欠薪由政府负责清偿。", ["policy"]),
    ("该区对新招用员工的企业，按每人1000元的标准给予一次性招工补贴。", ["policy"]),
    ("该县已出台多项措施，引导农民工有序外出。", ["policy"]),
    ("该市还建立了输入地与输出地的对接联系制度。", ["policy"]),
    ("该公司节前给老员工发放了每人500元的返岗红包。", ["policy"]),
    ("当地出台最高50万元的企业招工奖励，吸引务工人员留下。", ["policy"]),
    # a delegation's visit is an inspection; a talent station unveiled, a talent programme
    ("3月5日，甲市人社局一行参观了乙县技工学校。", ["inspection"]),
    ("3月5日，该区首个人才驿站揭牌。", ["talent_program"]),
    ("3月5日，该市召开根治欠薪调度视频会。", ["meeting"]),
    # the first telling names its fair "…招聘会上"; a second one is inside it (E1)
    ("2月9日，在甲县专场招聘会上，企业提供岗位。求职者在招聘会现场排队。", ["recruitment_fair"]),
    # …but a fair with a name of its own is another fair
    ("2月9日，甲县举办招聘会。在乙镇返乡人员专场招聘会现场，人头攒动。", ["recruitment_fair"] * 2),
    # a bare fair noun after the fair is told refers back to it (E1)
    ("2月9日，甲县举办招聘会。听说有招聘会，他一早赶来。", ["recruitment_fair"]),
    ("2月9日，甲县举办招聘会。副县长出席招聘会。", ["recruitment_fair"]),
    # the ride told already arrives; it is no second movement
    ("2月9日，甲县包车送30名务工人员返岗。次日专车抵达乙市。", ["worker_transfer"]),
    # talent fairs called exchanges or matchmaking, unveiling plaques, campaigns launched
    ("3月2日，该省举办人才劳动力交流会。", ["recruitment_fair"]),
    ("3月2日，该市举办春季人才交流大会，百余家企业参加。", ["recruitment_fair"]),
    ("3月2日，甲省举办劳务对接会，百余家企业参加。", ["recruitment_fair"]),
    ("3月2日，该市举办春季招聘大会，百余家企业参加。", ["recruitment_fair"]),
    ("3月2日，该区举办用工对接会，为企业和求职者牵线。", ["recruitment_fair"]),
    ("3月2日，该县举办首届就业集市，吸引众多求职者。", ["recruitment_fair"]),
    ("3月2日，该厅为8个示范县授牌。", ["award"]),
    ("3月2日，高校促就业攻坚行动正式启动。", ["other"]),
    # a campaign launched on a day or at a place named between its name and "启动"
    ("该市高校春季促就业攻坚行动昨天启动，百余所高校参与。", ["other"]),
    ("3月2日，该市校园引才专项活动在甲大学启动。", ["talent_program"]),
    ("该市春季招聘服务行动于3月2日启动，百余家企业参与。", ["recruitment_fair"]),
    ("27日，该省拉面产业平台在西宁上线。", ["other"]),
    ("3月2日，该省召开根治欠薪新闻通气会。", ["meeting"]),
    # a fair called a supply-and-demand meeting
    ("3月2日，该省高校毕业生供需见面会在省会拉开帷幕。", ["recruitment_fair"]),
    # a zone set up inside a fair told already is part of the fair (E1)
    ("3月2日，该县举办招聘会。招聘会现场设立了企业专区。", ["recruitment_fair"]),
    ("3月2日，该县举办招聘会。现场开设3个招聘专区。", ["recruitment_fair"]),
    # …and a zone at a fair told nowhere else stands for the fair
    ("3月2日，我们参加该县招聘专场，并设立本市招聘专区。", ["recruitment_fair"]),
    # training named as a zone's service at a fair told is no training
    ("3月2日，该县举办招聘会。现场设置了技能培训服务区等功能区域。", ["recruitment_fair"]),
    # one clause tells one occurrence: a signing is not also "other" (E1)
    ("3月2日，双方进行洽谈、签约。", ["labor_cooperation"]),
    ("3月2日，该市欠薪整治专项行动正式启动。", ["inspection"]),
]


@pytest.mark.parametrize(("text", "types"), EVENTS)
def test_event_types(text: str, types: list[str]) -> None:
    assert [e.type for e in _drafts(text).events] == types


NOT_EVENTS = [
    # intentions, plans and habits (E2, EV10)
    "接下来，我市将继续做好务工人员输转服务工作。",  # an intention
    "该县将与两所技工学校签订合作协议，拓宽用工渠道。",  # a plan
    "会上，该局要求各企业开展岗前培训，确保安全生产。",  # a directive
    "该局积极开展技能培训，帮助务工人员提升本领。",  # a habit
    "该局持续开展走访活动，帮助企业解决用工难题。",  # a habit in its clause
    # the trigger word frames another act or names something
    "这份好工作，源于上个月一场家门口的招聘会。",  # a cause
    "该县通过开展技能培训、组织专场招聘等方式，帮助群众就业。",  # means
    "该区高度重视企业复工，帮助企业解决难题。",  # a noun governed by an attitude
    "该县加快项目建设和投产进度，全年任务完成过半。",  # a noun governed by an effort
    "会议传达了上级文件精神，部署了下一阶段工作。",  # a meeting's own business (EV4)
    "车站安排志愿者引导抵达人员测温，秩序井然。",  # a modifier of people
    "本次招聘会累计吸引求职者参加，反响热烈。",  # a back-reference
    "检查定点医药机构171家，约谈52家次。",  # counted actions: statistics
    "签订用工协议5份、帮扶协议3份，成效明显。",  # counted objects, item by item
    "近日，工作人员前往该县各乡镇了解用工情况。",  # a trip with no date
    "各地积极开展形式多样的宣传活动，营造良好氛围。",  # a habit, not an activity held
    "该县打响“招聘会进万家”品牌，影响广泛。",  # a name the trigger does not head
    "他说：“我们上周刚办过招聘会。”",  # someone's words
    "记者乘坐高铁来到义乌，探访用工情况。",  # nobody it covers moves for work
    "为了解节后班组到岗、复工准备等相关情况，专班很忙。",  # a purpose clause
    # "返岗" as the season's word, or as a modifier, tells no organised movement
    "截至目前，全县已有3万人返岗。",
    "节后务工人员返岗拥挤，车站增派人手。",
    "两人均满足返岗条件，顺利入职。",
    # a job seeker's hiring intention is a count, not a partnership
    "共有300名求职者达成就业意向，成效明显。",
    # restatements and sources (E1): "这是…", "据调研", a title
    "这是该县今年开出的首趟专列。",
    "据调研，企业用工需求旺盛。",
    "市人社局调研员张三介绍了情况。",
    # a visit by visitors is no inspection
    "百余名创业者前来实地考察，交流踊跃。",
    # training as a modifier
    "该县不断完善职业培训体系，覆盖城乡。",
    # at the scene of an occurrence told elsewhere
    "座谈会现场，气氛热烈。",
    # a standing agreement and a count of signings tell no occurrence
    "该市与10家企业签有劳务协作协议。",
    "今年签约人数再创新高。",
    # "本次…招聘会" refers back to a fair told, however long its name
    "本次苏陕劳务协作专场招聘会，求职者众多。",
    # cumulative states: counterparts counted before the agreement (EV9)
    "目前该市已与省内外28个地区签订了劳务合作协议。",
    "该县累计与12家企业签订用工协议。",
    # generic mentions in commentary, interviews and surveys
    "每到年底，各地都要发文件、搞督查。",  # a habit
    "政府包车送务工人员返岗是为民办实事的体现。",  # an act judged, not told
    "该局帮助务工人员安全返岗，赢得好评。",  # an aim of help
    "该市在技术工人培训方面的经验值得学习。",  # a field of work
    "调查显示，多数受访者参加过技能培训。",  # a survey's finding
    "笔者以为，开行返岗专列温暖人心。",  # a commentator's view
    "他曾在老家参加过电工培训。",  # someone's past
    "他说，这次包车帮我省了不少路费。",  # an act thanked, not told
    # a clause that sets up zones: the trigger names a zone's service, not an occurrence
    "大会将设重大项目专厅。",
    # a rule applied, not laid down; a subsidy named as a means
    "按规定，企业须按时支付工资。",
    "该县通过发放交通补贴等方式，帮助群众外出。",
    # a trigger naming a line of work or a service, not an act
    "春风行动还出动专车，提供点对点输送服务。",
    # a "besides" clause frames another act; a wide-spread practice is a habit
    "除了包车返岗，还有不少人自驾。",
    "一些乡镇还广泛设立服务站，方便群众。",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_not_events(text: str) -> None:
    assert _drafts(text).events == []


# A movement of workers needs an anchor: a day, a count of workers or vehicles, a named station.
MOVEMENTS = [
    ("该县通过开行包车、专列等方式，组织务工人员有序输转。", []),  # a measure
    # no transfer, but a free service opened is a benefit (as labelled in evals/real r35, r42)
    ("该区开通返岗直通车，点对点免费接送务工人员。", ["policy"]),
    ("该市引导企业组织员工乘坐返岗包机有序接回员工。", []),
    ("对目的地集中的农民工，该县开通送工直通车。", ["policy"]),
    ("该县分批次输送务工人员前往广东等地务工。", []),
    ("两地合作搭建人才供需“直通车”，方便毕业生求职。", []),  # a metaphor
    ("3月2日，该县用包车送务工人员前往广东。", ["worker_transfer"]),  # a day
    ("该县组织3辆包车，送务工人员前往广东。", ["worker_transfer"]),  # a count of vehicles
    ("在县汽车站，该县用包车送务工人员前往广东。", ["worker_transfer"]),  # a named station
]


@pytest.mark.parametrize(("text", "types"), MOVEMENTS)
def test_movement_needs_an_anchor(text: str, types: list[str]) -> None:
    assert [e.type for e in _drafts(text).events] == types
