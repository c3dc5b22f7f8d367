"""The printed forms of units, classifiers and qualifiers: which characters after a number
name which unit (家, 个, 万元, 平方米 ...), and which words before or after it qualify it (约,
超过, 左右, 以上 ...), longest first so that the longest form wins.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from newsfacts.text.characters import MULTIPLIERS

__all__ = [
    "BARE_PREFIXES",
    "CURRENCIES",
    "CURRENCY_PREFIXES",
    "NO_TRAILING_MORE",
    "PREFIXES",
    "RANGE_CONNECTORS",
    "RANGE_TAILS",
    "SUFFIXES",
    "UNITS_AFTER_MULTIPLIER",
    "UNIT_FORMS_LONGEST_FIRST",
    "UnitForm",
]

# --- tables ------------------------------------------------------------------


class UnitForm(NamedTuple):
    printed: str
    unit: str | None  # None: a word that only looks like a unit (成本)
    counted: str | None = None
    scale: Decimal = Decimal(1)
    qualifier: str | None = None
    arabic_only: bool = False
    any_case: bool = False


#: Currencies by the names news prints after a number (ISO 4217 codes); 元, 块 and 圆 are CNY.
CURRENCIES: dict[str, str] = {
    "美元": "USD",
    "美金": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "欧元": "EUR",
    "日元": "JPY",
    "日币": "JPY",
    "英镑": "GBP",
    "澳元": "AUD",
    "澳币": "AUD",
    "加元": "CAD",
    "加币": "CAD",
    "瑞郎": "CHF",
    "瑞士法郎": "CHF",
    "卢比": "INR",
    "印度卢比": "INR",
    "韩元": "KRW",
    "韩币": "KRW",
    "澳门元": "MOP",
    "澳门币": "MOP",
    "林吉特": "MYR",
    "马来西亚林吉特": "MYR",
    "新西兰元": "NZD",
    "纽元": "NZD",
    "卢布": "RUB",
    "新加坡元": "SGD",
    "新元": "SGD",
    "泰铢": "THB",
    "新台币": "TWD",
    "台币": "TWD",
    "越南盾": "VND",
}
#: Currencies printed before the number (人民币1.5亿元, 港币100万): the unit after it, if any,
#: is then their 元.
CURRENCY_PREFIXES: dict[str, str] = {
    "人民币": "CNY",
    "港币": "HKD",
    "美金": "USD",
    "新台币": "TWD",
    "台币": "TWD",
    "澳门币": "MOP",
}

_CLASSIFIERS = (
    "个户家支件所名人场条座项台辆只套种批位例艘本张份处间栋"
    "幢棵株头篇首期笔单对双枚颗册款片门节类轮层组队根部架届宗道段"
    "省市县区镇乡村"  # 晋中3市, 10县(市、区): places counted
)

_UNIT_FORMS: tuple[UnitForm, ...] = (
    UnitForm("%", "percent"),
    UnitForm("成", "percent", scale=Decimal(10)),
    UnitForm("个百分点", "percentage_point"),
    UnitForm("百分点", "percentage_point"),
    UnitForm("‰", "permille"),
    UnitForm("倍", "fold"),
    UnitForm("元人民币", "CNY"),
    UnitForm("人民币", "CNY"),
    UnitForm("元整", "CNY"),
    UnitForm("元", "CNY"),
    UnitForm("块钱", "CNY"),
    UnitForm("块", "CNY"),
    UnitForm("人民币元", "CNY"),
    UnitForm("圆整", "CNY"),
    UnitForm("圆正", "CNY"),
    UnitForm("元正", "CNY"),
    UnitForm("圆", "CNY"),
    UnitForm("圓", "CNY"),
    # money below the yuan: 5毛 (colloquial 角), 5角, 8分钱 (分 alone is a score or a minute)
    UnitForm("毛钱", "CNY", scale=Decimal("0.1")),
    UnitForm("毛", "CNY", scale=Decimal("0.1")),
    UnitForm("角钱", "CNY", scale=Decimal("0.1")),
    UnitForm("角", "CNY", scale=Decimal("0.1"), arabic_only=True),
    UnitForm("分钱", "CNY", scale=Decimal("0.01")),
    *(UnitForm(printed, code) for printed, code in CURRENCIES.items()),
    UnitForm("米", "metre"),
    UnitForm("km", "km"),
    UnitForm("㎞", "km"),
    UnitForm("km²", "km2"),
    UnitForm("m²", "m2"),
    UnitForm("㎡", "m2"),
    UnitForm("kg", "kg"),
    UnitForm("㎏", "kg"),
    UnitForm("公里", "km"),
    UnitForm("千米", "km"),
    UnitForm("平方米", "m2"),
    UnitForm("平方公里", "km2"),
    UnitForm("平方千米", "km2"),
    UnitForm("亩", "mu"),
    UnitForm("公顷", "hectare"),
    UnitForm("公斤", "kg"),
    UnitForm("千克", "kg"),
    UnitForm("吨", "tonne"),
    UnitForm("千瓦时", "kWh"),
    UnitForm("兆瓦时", "kWh", scale=Decimal(1000)),
    UnitForm("MWh", "kWh", scale=Decimal(1000)),
    UnitForm("吉瓦时", "kWh", scale=Decimal(1_000_000)),
    UnitForm("GWh", "kWh", scale=Decimal(1_000_000)),
    UnitForm("斤", "kg", scale=Decimal("0.5")),
    UnitForm("kWh", "kWh"),
    UnitForm("度电", "kWh"),
    UnitForm("度", "kWh", arabic_only=True),
    UnitForm("千瓦", "kW"),
    UnitForm("kW", "kW"),
    UnitForm("兆瓦", "MW"),
    UnitForm("MW", "MW"),
    UnitForm("吉瓦", "GW"),
    UnitForm("GW", "GW"),
    UnitForm("EFLOPS", "EFLOPS", any_case=True),
    UnitForm("E", "EFLOPS", arabic_only=True),
    UnitForm("PFLOPS", "PFLOPS", any_case=True),
    UnitForm("P", "PFLOPS", arabic_only=True),
    UnitForm("年", "year"),
    UnitForm("周年", "year"),
    UnitForm("个月", "month"),
    UnitForm("个多月", "month", qualifier="more_than"),
    UnitForm("月", "calendar_month"),
    UnitForm("天", "day"),
    UnitForm("小时", "hour"),
    UnitForm("个小时", "hour"),
    UnitForm("个多小时", "hour", qualifier="more_than"),
    UnitForm("岁", "age_years"),
    UnitForm("周岁", "age_years"),
    UnitForm("人次", "person_time"),
    UnitForm("次", "times"),
    UnitForm("架次", "count", counted="架次"),
    UnitForm("标准机架", "count", counted="标准机架"),
    UnitForm("起", "count", counted="起", arabic_only=True),
    UnitForm("方面", "count", counted="方面"),  # 4方面: four areas
    *(UnitForm(c, "count", counted=c) for c in _CLASSIFIERS),
    *(
        UnitForm(word, None)
        for word in [
            "成本",
            "成立",
            "成为",
            "成功",
            "成果",
            "成员",
            "成交",
            "成长",
            "成绩",
            "成效",
            "成熟",
            "成都",
            "成品",
            "成型",
            "成就",
            "成分",
            "成份",
            "成不变",
            "块儿",
            "部分",
            "年代",
            "只能",
            "只要",
            "只有",
            "只是",
        ]
    ),
)
UNIT_FORMS_LONGEST_FIRST = tuple(sorted(_UNIT_FORMS, key=lambda f: -len(f.printed)))
# Units that begin with a multiplier character: 千瓦 is not 千 x 瓦.
UNITS_AFTER_MULTIPLIER = tuple(f for f in UNIT_FORMS_LONGEST_FIRST if f.printed[0] in MULTIPLIERS)
NO_TRAILING_MORE = frozenset(
    {"count", "ordinal", "times", "person_time", "calendar_year", "calendar_month"}
)

# One reading per marker.  突破 'broke through' and 逾 'exceeded' say the
# number was passed, so more_than; 余 and 多 after a number (40余场, 两亿多)
# mean 'and some', so more_than too.  以上 is read as 'over' (more_than), as
# in everyday news, though statute language counts the endpoint; 及以上 and
# 及以下 say the endpoint is in.  近 'nearly' is read as approximately, not
# less_than, because news uses it for rounded figures either side.  The
# entries mapped to None are words that end in a marker but are not one.
PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("约", "approximately"),
    ("大约", "approximately"),
    ("大概", "approximately"),
    ("约合", "approximately"),
    ("约为", "approximately"),
    ("近", "approximately"),
    ("将近", "approximately"),
    ("接近", "approximately"),
    ("差不多", "approximately"),
    ("超", "more_than"),
    ("超过", "more_than"),
    ("逾", "more_than"),
    ("突破", "more_than"),
    ("高于", "more_than"),
    ("多于", "more_than"),
    ("大于", "more_than"),
    ("至少", "at_least"),
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("起码", "at_least"),
    ("不到", "less_than"),
    ("不足", "less_than"),
    ("未满", "less_than"),
    ("低于", "less_than"),
    ("少于", "less_than"),
    ("小于", "less_than"),
    ("最多", "at_most"),
    ("最高", "at_most"),  # 最高奖励5000元: up to
    ("最高可达", "at_most"),
    ("最低", "at_least"),
    ("至多", "at_most"),
    ("不超过", "at_most"),
    ("不高于", "at_most"),
    ("不多于", "at_most"),
    ("不大于", "at_most"),
    *(
        (word, None)
        for word in ["最近", "附近", "签约", "预约", "节约", "合约", "违约", "履约", "制约", "赶超"]
    ),
)
# Before a bare 千/万/亿 only: 上万人 'up to ten thousand', 破万, 过万.
BARE_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("上", "at_least"),
    ("过", "more_than"),
    ("破", "more_than"),
)
SUFFIXES: tuple[tuple[str, str | None], ...] = (
    ("及以上", "at_least"),
    ("以上", "more_than"),
    ("及以下", "at_most"),
    ("以下", "less_than"),
    ("以内", "at_most"),
    ("之内", "at_most"),
    ("左右", "approximately"),
    ("上下", "approximately"),
    ("开外", "more_than"),
    ("有余", "more_than"),
    ("上下游", None),
)
RANGE_CONNECTORS = ("——", "--", "至", "到", "-", "~", "—", "–", "～")
RANGE_TAILS: tuple[tuple[str, str | None], ...] = (("之间", "range"), ("不等", "range"))


def _longest_first(table: tuple[tuple[str, str | None], ...]) -> tuple[tuple[str, str | None], ...]:
    return tuple(sorted(table, key=lambda entry: -len(entry[0])))


PREFIXES = _longest_first(PREFIXES)
BARE_PREFIXES = _longest_first(BARE_PREFIXES + PREFIXES)
SUFFIXES = _longest_first(SUFFIXES)
