"""read_quantity on the forms Chinese news prints; expected values are worked out by hand."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

import newsfacts.text.quantity as numbers_module
from newsfacts.text.quantity import QUALIFIERS, UNITS, Quantity, read_quantity

REAL_NEWS = Path(__file__).resolve().parents[2] / "fixtures" / "numbers" / "real_news.tsv"


def _same(got: float | None, expected: float | None) -> bool:
    if got is None or expected is None:
        return got is expected
    return math.isclose(got, expected, rel_tol=1e-12)


def read(text: str) -> Quantity:
    quantity = read_quantity(text)
    assert quantity is not None, text
    return quantity


# text, value, unit, qualifier, counted
SINGLE_VALUES = [
    # Arabic digits with multipliers
    ("11.5万个", 115_000, "count", "exact", "个"),
    ("1.75万亿元", 1_750_000_000_000, "CNY", "exact", None),
    ("7000亿元", 700_000_000_000, "CNY", "exact", None),
    ("4946户", 4946, "count", "exact", "户"),
    ("3032户", 3032, "count", "exact", "户"),
    ("120万户", 1_200_000, "count", "exact", "户"),
    ("51.4万标准机架", 514_000, "count", "exact", "标准机架"),
    ("近180万人", 1_800_000, "count", "approximately", "人"),
    ("超2500家", 2500, "count", "more_than", "家"),
    ("近300支", 300, "count", "approximately", "支"),
    ("52件", 52, "count", "exact", "件"),
    ("1600余户", 1600, "count", "more_than", "户"),
    ("40余场", 40, "count", "more_than", "场"),
    ("300余件", 300, "count", "more_than", "件"),
    ("20余人次", 20, "person_time", "more_than", None),
    ("千余人次", 1000, "person_time", "more_than", None),
    ("50余次", 50, "times", "more_than", None),
    ("1000余万元", 10_000_000, "CNY", "more_than", None),
    ("二十多万", 200_000, "dimensionless", "more_than", None),
    ("万余", 10_000, "dimensionless", "more_than", None),
    ("近万人", 10_000, "count", "approximately", "人"),
    ("上万人", 10_000, "count", "at_least", "人"),
    ("1,234", 1234, "dimensionless", "exact", None),
    ("１２３", 123, "dimensionless", "exact", None),
    ("１２．５％", 12.5, "percent", "exact", None),
    # percentages
    ("6.2%", 6.2, "percent", "exact", None),
    ("44%", 44, "percent", "exact", None),
    ("50%", 50, "percent", "exact", None),
    ("22.2%", 22.2, "percent", "exact", None),
    ("-3.5%", -3.5, "percent", "exact", None),
    ("2.5个百分点", 2.5, "percentage_point", "exact", None),
    ("百分之五十", 50, "percent", "exact", None),
    ("百分之三点五", 3.5, "percent", "exact", None),
    ("百分之百", 100, "percent", "exact", None),
    ("千分之三", 3, "permille", "exact", None),
    ("近五成", 50, "percent", "approximately", None),
    ("1.5倍", 1.5, "fold", "exact", None),
    # money
    ("约3.2亿美元", 320_000_000, "USD", "approximately", None),
    ("两亿多元", 200_000_000, "CNY", "more_than", None),
    ("壹佰元整", 100, "CNY", "exact", None),
    ("500万元人民币", 5_000_000, "CNY", "exact", None),
    ("1200亿港元", 120_000_000_000, "HKD", "exact", None),
    ("30亿港币", 3_000_000_000, "HKD", "exact", None),
    ("100亿欧元", 10_000_000_000, "EUR", "exact", None),
    ("5000亿日元", 500_000_000_000, "JPY", "exact", None),
    ("15亿英镑", 1_500_000_000, "GBP", "exact", None),
    ("三百块", 300, "CNY", "exact", None),
    # measures
    ("32EFlops", 32, "EFLOPS", "exact", None),
    ("300PFLOPS", 300, "PFLOPS", "exact", None),
    ("483平方公里", 483, "km2", "exact", None),
    ("120平方米", 120, "m2", "exact", None),
    ("5.5米及以上", 5.5, "metre", "at_least", None),
    ("12公里", 12, "km", "exact", None),
    ("3千米", 3, "km", "exact", None),
    ("50万亩", 500_000, "mu", "exact", None),
    ("1.2万公顷", 12_000, "hectare", "exact", None),
    ("6.95亿吨", 695_000_000, "tonne", "exact", None),
    ("80公斤", 80, "kg", "exact", None),
    ("9.2万亿千瓦时", 9_200_000_000_000, "kWh", "exact", None),
    ("100度电", 100, "kWh", "exact", None),
    ("4.4亿千瓦", 440_000_000, "kW", "exact", None),
    ("五千瓦", 5, "kW", "exact", None),
    ("100万千瓦", 1_000_000, "kW", "exact", None),
    # time
    ("3年", 3, "year", "exact", None),
    ("3年来", 3, "year", "exact", None),
    ("3年多", 3, "year", "more_than", None),
    ("3个多月", 3, "month", "more_than", None),
    ("78岁", 78, "age_years", "exact", None),
    ("2025年", 2025, "calendar_year", "exact", None),
    ("二〇二五年", 2025, "calendar_year", "exact", None),
    ("近2000年", 2000, "year", "approximately", None),
    ("9月", 9, "calendar_month", "exact", None),
    ("15天", 15, "day", "exact", None),
    ("两个小时", 2, "hour", "exact", None),
    # ordinals
    ("第十三届", 13, "ordinal", "exact", "届"),
    ("第8", 8, "ordinal", "exact", None),
    ("第8名", 8, "ordinal", "exact", "名"),
    ("第一季度", 1, "ordinal", "exact", None),
    # Chinese numerals
    ("一千零五万", 10_050_000, "dimensionless", "exact", None),
    ("五万三", 53_000, "dimensionless", "exact", None),
    ("三千五", 3500, "dimensionless", "exact", None),
    ("一百二", 120, "dimensionless", "exact", None),
    ("一亿五", 150_000_000, "dimensionless", "exact", None),
    ("三点五万", 35_000, "dimensionless", "exact", None),
    ("十三", 13, "dimensionless", "exact", None),
    ("两", 2, "dimensionless", "exact", None),
    ("零", 0, "dimensionless", "exact", None),
    ("〇", 0, "dimensionless", "exact", None),
    ("一千〇五", 1005, "dimensionless", "exact", None),
    ("贰仟零伍", 2005, "dimensionless", "exact", None),
    ("两千两百", 2200, "dimensionless", "exact", None),
    ("十万零一十", 100_010, "dimensionless", "exact", None),
    ("两个", 2, "count", "exact", "个"),
    # qualifiers
    ("超过1.2万家", 12_000, "count", "more_than", "家"),
    ("逾百家", 100, "count", "more_than", "家"),
    ("突破1000亿元", 100_000_000_000, "CNY", "more_than", None),
    ("至少3家", 3, "count", "at_least", "家"),
    ("不少于20人", 20, "count", "at_least", "人"),
    ("不到5%", 5, "percent", "less_than", None),
    ("不足一成", 10, "percent", "less_than", None),
    ("最多3次", 3, "times", "at_most", None),
    ("不超过50万元", 500_000, "CNY", "at_most", None),
    ("3公里以内", 3, "km", "at_most", None),
    ("60岁及以下", 60, "age_years", "at_most", None),
    ("18岁以下", 18, "age_years", "less_than", None),
    ("3000元以上", 3000, "CNY", "more_than", None),
    ("3000元左右", 3000, "CNY", "approximately", None),
    ("50岁上下", 50, "age_years", "approximately", None),
    ("大约两百人", 200, "count", "approximately", "人"),
    ("10多年", 10, "year", "more_than", None),
    ("二十余年", 20, "year", "more_than", None),
    ("百余年", 100, "year", "more_than", None),
    ("上百家", 100, "count", "at_least", "家"),
    ("增长了近一倍", 1, "fold", "approximately", None),
    ("5000多万元", 50_000_000, "CNY", "more_than", None),
    ("1.5万余名", 15_000, "count", "more_than", "名"),
    ("十余名", 10, "count", "more_than", "名"),
    ("五十余万", 500_000, "dimensionless", "more_than", None),
    ("万元以上", 10_000, "CNY", "more_than", None),
    ("1.2亿人次", 120_000_000, "person_time", "exact", None),
    ("负3.5%", -3.5, "percent", "exact", None),
    ("3.5成", 35, "percent", "exact", None),
    ("0.5‰", 0.5, "permille", "exact", None),
    ("20周岁", 20, "age_years", "exact", None),
    ("廿五", 25, "dimensionless", "exact", None),
    ("卅年", 30, "year", "exact", None),
    ("两成半", 25, "percent", "exact", None),  # 半 of a 成: 5 points
    ("2角5分", 0.25, "CNY", "exact", None),
    ("2角5分钱", 0.25, "CNY", "exact", None),
    ("最高5000元", 5000, "CNY", "at_most", None),  # 最高奖励5000元: up to
    ("最高可达5000元", 5000, "CNY", "at_most", None),
    ("最低3000元", 3000, "CNY", "at_least", None),
    ("零下5摄氏度", -5, "dimensionless", "exact", None),  # below zero; no unit of temperature
    ("零下5度", -5, "dimensionless", "exact", None),  # a temperature, not a kWh (度电)
    ("零点五", 0.5, "dimensionless", "exact", None),
    ("一九四九年", 1949, "calendar_year", "exact", None),
    ("十一万三", 113_000, "dimensionless", "exact", None),
    # spaces as some pages set them
    ("3 万元", 30_000, "CNY", "exact", None),
    ("约 3000 元", 3000, "CNY", "approximately", None),
    ("32 EFLOPS", 32, "EFLOPS", "exact", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier", "counted"), SINGLE_VALUES)
def test_single_values(
    text: str, value: float, unit: str, qualifier: str, counted: str | None
) -> None:
    quantity = read(text)
    assert _same(quantity.value, value), quantity
    assert (quantity.unit, quantity.qualifier, quantity.counted) == (unit, qualifier, counted)
    if quantity.qualifier == "more_than" and any(c in quantity.text for c in "多余"):
        assert quantity.low == quantity.value and quantity.high is not None  # see below
        assert quantity.high > quantity.value
    else:
        assert quantity.low is None and quantity.high is None


# text, low, high, unit, qualifier
SPANS = [
    ("1万-5万元", 10_000, 50_000, "CNY", "range"),
    ("1-5万元", 10_000, 50_000, "CNY", "range"),
    ("500-1万元", 500, 10_000, "CNY", "range"),
    ("三五百块", 300, 500, "CNY", "range"),
    ("10%至20%", 10, 20, "percent", "range"),
    ("10-20%", 10, 20, "percent", "range"),
    ("3到5个", 3, 5, "count", "range"),
    ("三到五个", 3, 5, "count", "range"),
    ("3万元至5万", 30_000, 50_000, "CNY", "range"),
    ("约1万至2万元之间", 10_000, 20_000, "CNY", "range"),
    ("3-5年", 3, 5, "year", "range"),
    ("2023-2025年", 2023, 2025, "calendar_year", "range"),
    ("1-9月", 1, 9, "calendar_month", "range"),
    ("七八十岁", 70, 80, "age_years", "range"),
    ("十五六岁", 15, 16, "age_years", "range"),
    ("两三万元", 20_000, 30_000, "CNY", "range"),
    ("一两个", 1, 2, "count", "range"),
    ("数百", 200, 900, "dimensionless", "approximately"),
    ("数十亿元", 2_000_000_000, 9_000_000_000, "CNY", "approximately"),
    ("几十万人", 200_000, 900_000, "count", "approximately"),
    ("十几万", 110_000, 190_000, "dimensionless", "approximately"),
    ("二十几岁", 21, 29, "age_years", "approximately"),
]


@pytest.mark.parametrize(("text", "low", "high", "unit", "qualifier"), SPANS)
def test_ranges_and_vague_numbers(
    text: str, low: float, high: float, unit: str, qualifier: str
) -> None:
    quantity = read(text)
    assert quantity.value is None
    assert _same(quantity.low, low) and _same(quantity.high, high), quantity
    assert (quantity.unit, quantity.qualifier) == (unit, qualifier)


NOTHING = [
    "",
    "   ",
    "发展",
    "abc",
    "%",
    "万",
    "亿元",
    "第",
    "百分之",
    "点五",
    "数据",
    "几个",
    "一些",
    "十分重要",
    "两会",
    "统一部署",
    "千万不要",
    "万万没想到",
    "一成不变",
    "股价一度上涨",
    "一带一路",
    "十四五规划",
    "PM",
    "下午两点",
    "数以万计",
    "每万元GDP能耗",
    "近年来",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_quantity(text: str) -> None:
    assert read_quantity(text) is None


GARBAGE = ["1.2.3", "一百零", "十十三", "一亿亿", "九五", "二零", "COVID-19", "PM2.5", "G20"]


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_rejected(text: str) -> None:
    assert read_quantity(text) is None


def test_first_quantity_in_a_sentence_with_its_span() -> None:
    quantity = read("全年同比增长8.5%，比上年提高0.3个百分点")
    assert (quantity.value, quantity.unit) == (8.5, "percent")
    assert (quantity.text, quantity.start, quantity.end) == ("8.5%", 6, 10)
    assert quantity.number_text == "8.5"


def test_text_includes_the_qualifiers_around_the_number() -> None:
    quantity = read("项目总投资约3000万元左右。")
    assert quantity.text == "约3000万元左右"
    assert quantity.number_text == "3000万"
    assert quantity.qualifier == "approximately"


def test_full_width_text_is_given_back_as_printed() -> None:
    quantity = read("增长１２．５％")
    assert quantity.text == "１２．５％"
    assert quantity.start == 2
    assert _same(quantity.value, 12.5)


def test_a_title_is_read_as_a_quantity_the_caller_decides() -> None:
    quantity = read("《中老年人必知的365个养生法》")
    assert (quantity.value, quantity.unit, quantity.counted) == (365, "count", "个")


def test_quantity_is_frozen_and_validated() -> None:
    quantity = read("44%")
    with pytest.raises(dataclasses.FrozenInstanceError):
        quantity.value = 45.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        Quantity(value=1.0, unit="furlong")
    with pytest.raises(ValueError):
        Quantity(value=1.0, unit="count", qualifier="roughly")
    with pytest.raises(ValueError):
        Quantity(value=None, unit="count")
    with pytest.raises(ValueError):
        Quantity(value=1.0, unit="count", low=1.0, high=2.0)


def test_vocabularies() -> None:
    required = {
        *("percent", "percentage_point", "count", "CNY", "USD", "HKD", "EUR", "JPY", "GBP"),
        *("metre", "km", "km2", "m2", "mu", "hectare", "tonne", "kg", "kWh", "kW"),
        *("EFLOPS", "PFLOPS", "year", "person_time", "times", "ordinal", "dimensionless"),
        *("age_years", "calendar_year"),
    }
    assert required <= UNITS
    assert {
        *("exact", "approximately", "more_than", "at_least", "less_than", "at_most", "range"),
    } == QUALIFIERS


def test_every_code_is_documented() -> None:
    doc = numbers_module.__doc__ or ""
    for code in UNITS | QUALIFIERS:
        assert code in doc, code


def _expected_from_row(value: str) -> tuple[float | None, float | None, float | None]:
    if " (" in value:  # 50 (50..60): the value and the range its 多 or 余 implies
        printed, implied = value.rstrip(")").split(" (")
        low, high = implied.split("..")
        return float(printed), float(low), float(high)
    if ".." in value:
        low, high = value.split("..")
        return None, float(low), float(high)
    return float(value), None, None


def _real_news_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in REAL_NEWS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, value, unit, qualifier = line.split("\t")
            rows.append((text, value, unit, qualifier))
    return rows


def test_real_news_fixture_is_big_enough() -> None:
    assert len(_real_news_rows()) >= 30


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), _real_news_rows())
def test_real_news(text: str, value: str, unit: str, qualifier: str) -> None:
    quantity = read(text)
    expected_value, low, high = _expected_from_row(value)
    assert _same(quantity.value, expected_value), quantity
    assert _same(quantity.low, low) and _same(quantity.high, high), quantity
    assert (quantity.unit, quantity.qualifier) == (unit, qualifier), quantity


@pytest.mark.parametrize("text", ["首位", "位居榜首"])
def test_rank_words_read_as_first_place(text: str) -> None:
    q = read_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.qualifier) == (1.0, "ordinal", "exact")
    assert text[q.start : q.end] in ("首位", "榜首")


@pytest.mark.parametrize(
    ("text", "printed", "value", "qualifier"),
    [
        ("约占松下集团全球业务的24.4%", "约占松下集团全球业务的24.4%", 24.4, "approximately"),
        ("已不足探明总量的30%", "不足探明总量的30%", 30.0, "less_than"),
        ("约占全国的三分之一", "约占全国的三分之一", 1 / 3, "approximately"),
        ("占全省规上工业营收总量的54.2%", "54.2%", 54.2, "exact"),  # no qualifier to carry
    ],
)
def test_a_qualifier_across_the_whole_of_a_share(
    text: str, printed: str, value: float, qualifier: str
) -> None:
    q = read_quantity(text)
    assert q is not None and (q.text, q.value, q.qualifier) == (printed, value, qualifier)
    again = read_quantity(q.text)  # the validator reads the value text again, alone
    assert again is not None and (again.value, again.qualifier) == (value, qualifier)
