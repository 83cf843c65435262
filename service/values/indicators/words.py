"""The words and units the indicator rows read (ANNOTATION.md "`indicator`"): what counts as a
unit of each kind, and the words of each code, in the table's order. Data only; the rows and
their order of precedence are in service/values/indicators/classify.py."""

# --- units, as the contract's table expects them ------------------------------------------------
PEOPLE = frozenset({"人", "人次"})
FIRMS = frozenset({"家", "户", "家次", "个"})
MONEY = frozenset({"元"})
RATE = frozenset({"%", "个百分点"})  # a change in a rate is in points
SESSIONS = frozenset({"场", "场次", "次", "期", "批", "个", "所"})
VEHICLES = frozenset(
    {"趟", "辆", "列", "班次", "架次", "车次", "架", "台", "班", "辆/列/架次", "次", "批", "场"}
)
CASES = frozenset({"宗", "件", "起", "条", "家", "个", "户", "家次"})
POSTS = frozenset({"个", "人", "人次"})
PACTS = frozenset({"份", "个", "项", "家", "所", "对"})

# --- words ------------------------------------------------------------------------------------
ARREARS = (
    r"欠薪|拖欠|讨薪|清欠|欠款|劳动报酬|工资待遇|工资款|追回工资|追发|追讨|补发工资|清偿|"
    r"根治欠薪|拒不支付"
)
SUBSIDY = (
    r"补贴|补助|奖补|稳岗返还|稳岗|扶持资金|就业资金|专项资金|奖励|以工代赈|贴息|给予|资助|"
    r"减负|减免|返还|投入[^，。；]{0,4}资金|出资"
)
FAIR = (
    r"招聘|双选|供需见面|洽谈会|交流会|人才市场|招才|引才|揽才|春风行动|直播带岗|专场|招工|"
    r"人才集市|大集|对接会"
)
FIRM = r"企业|单位|公司|商家|厂家|雇主|商户|园区"
POST = r"岗位|职位|用工需求|需求|缺工|空缺|工位"
# Organised movement; working away on one's own ("外出务工") and going home ("返乡") are none.
MOVE = (
    r"转移|输出|输转|输送|送工|劳务协作|劳务合作|赴外|抵达|到达|专列|专车|包车|包机|大巴|点对点|"
    r"运送|运输|护送|乘坐|搭乘|搭载|载着|载有|前往|开往|上车|登车|启程|出发|来自|对口|"
    r"赴[^，。；]{1,8}务工|"
    r"(?:组织|引导|帮助|促进|推动|带动|引领|实现|为)[^，。；]{0,12}(?:外出|跨省|跨区域|省外)(?:务工|就业)|"
    r"外出就业|跨省就业|跨区域就业|省外就业|劳务派遣|外派"
)
# Posts a period or a project creates are jobs added, not posts offered ("创造就业岗位500个").
CREATED = r"(?:创造|新增|带动)[^，。；]{0,4}岗位"
OUTCOME = (
    r"达成[^，。；]{0,6}意向|意向|签约|录用|入职|上岗|聘用|招用|成功就业|选择[^，。；]{0,12}工作|"
    r"签订[^，。；]{0,6}(?:劳动合同|就业协议|用工协议)"
)

# The words of the other rows, in the table's order.
# Posts right after their number ("3.7万个岗位") are posts, whatever fair the clause names.
COUNTED_POSTS = r"\d[^，。；\d]{0,3}(?:岗位|职位)"
CASE = ARREARS + r"|欠薪案件|黑名单|移送公安|移送[^，。；]{0,6}公安"
HELD = FAIR + r"|引才活动|招才引智|高校"
TOOK_PART = r"参会|参展|参加|参与|进场|入场|提供|携|带来|设展|展位|报名|招聘|邀请|组织|岗位"
WANTED = r"(?:招聘|招收|招录|招工|需求)(?![会活现专大网])[^，。；]{0,16}?\d"  # "招聘…16人"
CAME = r"求职|应聘|进场|入场|参会|观看|浏览|简历|咨询|前来|到场|参加|参与|吸引"
# A movement the text splits between going back and new work is a transfer (CA1).
SPLIT = r"[或和及]新增就业"
BACK = r"返岗|返工|复工|接返|接回|返程|回岗|返厂|返企|到岗"
ADDED = (
    r"新增[^，。；]{0,4}就业|城镇新增|(?:实现|带动|吸纳|安置|解决|促进|创造|提供)[^，。；]{0,8}就业|"
    r"就近就业|就地就业|稳定就业|灵活就业|就业岗位|"
    r"毕业生[^，。；未]{0,6}就业(?!率|见习|指导|服务|困难)"  # graduates placed, not their rate
)
# A stock of workers away, with no word of sending them, is the workforce (CA10, CB9).
STOCK = r"^(?!.*(?:转移|输出|输转|输送|送工)).*(?:总量|常年|现有|目前有|在外|长期|累计有)"
# A bureau's or a firm's own people, who are not the workers a story moves.
STAFF = r"同事|工作人员|干部|志愿者|记者|专家|队员"
WORKERS = r"农民工|务工|劳动力|员工|职工|工人|在岗|从业|打工|外来|劳动者"
PAY = r"月薪|薪|工资|时薪|日薪|年薪|待遇|餐补|每月|月收入|个月|月均|/月|拿到|能拿|到手"
# A share of a whole by category is `other`, even of income ("工资性收入占…比重").
SHARE_OF = r"占|比重"
# A firm's or a treasury's takings are no one's income ("营业收入", "财政收入").
TURNOVER = r"营业收入|营收|销售收入|主营|经营收入|财政收入|税收|产值|销售额|营业额"
TRAINED = r"培训|技能人才|证书|鉴定|取证|研修|学员|学徒|技能提升|见习"
DRAWN = r"引进|招引|引才|吸引|涌入|集聚|聚集|培育|培养|留|落户|招募|招录|来|新增"
# Words of posts and hiring, which make graduates counted beside them graduates wanted.
HIRING = r"岗位|招聘|需求|招收|招录"
TALENT = r"人才|大学生|博士|硕士|研究生|专家|毕业生|青年|工程师"
RIDES = r"专列|专车|包车|包机|大巴|客车|车辆|航班|班车|车次|列车|车|机|点对点|开行|发车|欢送|送行"
# Partners of a cooperation counted by the predicate after them (CA8).
PARTNERS = r"院校|高校|学校|地区|省份|省市|城市|市州|县"
PACT = r"协议|合作|签约|签订|结对|基地|工作站|联络站|协作|服务站"
SERVING = r"走访|服务|检查|帮扶|调研|上门|对接|覆盖|摸排|约谈|排查|联系|指导|督查|收集|征集|为"
