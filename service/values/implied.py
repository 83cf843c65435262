"""A number the text leaves without a unit -> the unit its metric implies (LABELLING.md S3). Pure.

On the LLM path the model names what a number measures. When the evidence writes no unit and
no noun beside the number implies one ("外出务工人员总量达到35.2万", "城镇新增就业1.37万", "劳动力
转移达12.6万"), the metric still says what is counted: people, money or posts. A ratio is never
given a unit this way.

>>> unit_implied_by("外出务工人员"), unit_implied_by("城镇新增就业"), unit_implied_by("务工收入")
('人', '人', '元')
>>> unit_implied_by("招聘岗位"), unit_implied_by("培训人次"), unit_implied_by("就业率")
('个', '人次', '')
"""

from service.values.words import COUNTED_NOUNS, MONEY_NOUNS, PEOPLE_NOUNS

# Metrics that end in these count people though they name no person: 人数, and the labour
# flows a count of people is reported by (新增就业, 劳动力转移, 用工缺口).
_PEOPLE_ENDINGS = ("人数", "就业", "转移", "务工", "返乡", "返岗", "输出", "缺口", "招工")
# A ratio or share has no unit to imply.
_RATIO_ENDINGS = ("率", "比", "比例", "比重", "占比", "倍数", "增速", "增幅", "指数")


def unit_implied_by(metric: str) -> str:
    """The unit `metric` implies for a number written without one; "" when it implies none."""
    m = metric.strip()
    if not m or m.endswith(_RATIO_ENDINGS):
        return ""
    if m.endswith(MONEY_NOUNS):
        return "元"
    counted = next((u for noun, u in COUNTED_NOUNS.items() if m.endswith(noun)), None)
    if counted:
        return counted
    if "人次" in m:
        return "人次"
    if m.endswith(_PEOPLE_ENDINGS) or any(noun in m for noun in PEOPLE_NOUNS):
        return "人"
    return ""
