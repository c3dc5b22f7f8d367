"""resolve_time: each form of the issue, worked by hand against a page of 2025-11-14."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts.text.times import find_times, resolve_time

BASE = "2025-11-14"

CASES = [
    # printed, kind, first, last, precision, vague
    ("11月14日", "date", "2025-11-14", "2025-11-14", "day", False),
    ("11月13日晚", "date", "2025-11-13", "2025-11-13", "day", False),
    ("2024年3月5号", "date", "2024-03-05", "2024-03-05", "day", False),
    ("2025年11月", "date", "2025-11", "2025-11", "month", False),
    ("截至7月底", "as_of", None, "2025-07-31", "day", False),
    ("截至2月末", "as_of", None, "2025-02-28", "day", False),
    ("截至2024年年底", "as_of", None, "2024-12-31", "day", False),
    ("截至10月20日", "as_of", None, "2025-10-20", "day", False),
    ("2021年至2024年", "period", "2021", "2024", "year", False),
    ("2021—2024年", "period", "2021", "2024", "year", False),
    ("2025年1—10月", "period", "2025-01", "2025-10", "month", False),
    ("1至10月", "period", "2025-01", "2025-10", "month", False),
    ("前三季度", "period", "2025-01", "2025-09", "month", False),
    ("去年前三季度", "period", "2024-01", "2024-09", "month", False),
    ("第三季度", "period", "2025-07", "2025-09", "month", False),
    ("上半年", "period", "2025-01", "2025-06", "month", False),
    ("今年年初以来", "period", "2025-01", "2025-11", "month", False),
    ("去年", "period", "2024", "2024", "year", False),
    ("今年", "period", "2025", "2025", "year", False),
    ("二〇二四年", "period", "2024", "2024", "year", False),
    ("3年来", "period", "2022", "2025", "year", False),
    ("五年来", "period", "2020", "2025", "year", False),
    ("“十四五”时期", "period", "2021", "2025", "year", False),
    ("“十三五”期间", "period", "2016", "2020", "year", False),
    ("近日", "date", None, "2025-11-14", "day", True),
    ("前不久", "date", None, "2025-11-14", "day", True),
    ("日前", "date", None, "2025-11-14", "day", True),
    ("近年来", "period", None, "2025", "year", True),
    ("过去一年", "period", "2024-11", "2025-11", "month", False),
    ("昨天", "date", "2025-11-13", "2025-11-13", "day", False),
    ("昨日", "date", "2025-11-13", "2025-11-13", "day", False),
    ("前天", "date", "2025-11-12", "2025-11-12", "day", False),
    ("今天", "date", "2025-11-14", "2025-11-14", "day", False),
    ("明日", "date", "2025-11-15", "2025-11-15", "day", False),
    ("13日", "date", "2025-11-13", "2025-11-13", "day", False),  # a day of the page's month
    ("上个月", "date", "2025-10", "2025-10", "month", False),
    ("本月", "date", "2025-11", "2025-11", "month", False),
    ("年内", "period", "2025", "2025", "year", False),
    ("前10个月", "period", "2025-01", "2025-10", "month", False),
    ("今年5月以来", "period", "2025-05", "2025-11", "month", False),
    ("截至三季度末", "as_of", None, "2025-09-30", "day", False),
    ("2024年底", "as_of", None, "2024-12-31", "day", False),
    ("去年末", "as_of", None, "2024-12-31", "day", False),
    ("10月下旬", "period", "2025-10-21", "2025-10-31", "day", False),
    ("11月上旬", "period", "2025-11-01", "2025-11-10", "day", False),
]


@pytest.mark.parametrize(("text", "kind", "first", "last", "precision", "vague"), CASES)
def test_each_form_resolves(
    text: str, kind: str, first: str | None, last: str, precision: str, vague: bool
) -> None:
    time = resolve_time(text, BASE)
    assert time is not None, text
    assert (time.kind, time.first, time.last, time.precision, time.vague) == (
        kind,
        first,
        last,
        precision,
        vague,
    )
    assert time.text == text[time.start : time.end]


def test_a_date_after_the_page_by_months_is_of_the_year_before() -> None:
    january = dt.date(2026, 1, 5)
    assert resolve_time("12月30日", january).first == "2025-12-30"  # type: ignore[union-attr]
    assert resolve_time("1月20日", january).first == "2026-01-20"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("前三季度", "2025-01", "2025-09"),  # reported once the months are over
        ("1—11月", "2025-01", "2025-11"),
        ("上半年", "2025-01", "2025-06"),
        ("前5个月", "2025-01", "2025-05"),
        ("今年前三季度", "2026-01", "2026-09"),  # the year printed wins
        ("一季度", "2026-01", "2026-03"),  # ends within four months of the page
        ("上月", "2025-12", "2025-12"),
        ("昨天", "2026-01-04", "2026-01-04"),
    ],
)
def test_months_without_a_year_on_a_page_of_january(text: str, first: str, last: str) -> None:
    time = resolve_time(text, dt.date(2026, 1, 5))
    assert time is not None and (time.first, time.last) == (first, last)


def test_months_to_come_are_this_years_and_months_long_past_last_years() -> None:
    assert resolve_time("下半年", "2025-06-18").first == "2025-07"  # type: ignore[union-attr]
    assert resolve_time("四季度", "2026-01-05").first == "2025-10"  # type: ignore[union-attr]
    assert resolve_time("前三季度", "2025-06-18").first == "2025-01"  # type: ignore[union-attr]


def test_an_as_of_date_months_ahead_is_of_the_year_before() -> None:
    assert resolve_time("截至9月末", "2026-01-05").last == "2025-09-30"  # type: ignore[union-attr]
    assert resolve_time("截至9月末", "2025-06-18").last == "2024-09-30"  # type: ignore[union-attr]
    assert resolve_time("截至12月底", BASE).last == "2025-12-31"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    ["20日", "3日游", "7日内", "15日以内", "今日头条", "年底前", "17日电"],
)
def test_days_that_are_no_date_of_the_page_month(text: str) -> None:
    """A day later than the page's (last month's, or one to come), a length of days, a name,
    a dispatch's date (read as the dateline, not as a time of the text)."""
    assert all(t.kind != "date" or t.precision != "day" for t in find_times(text, BASE)), text


def test_not_a_time() -> None:
    assert resolve_time("全市新增企业343家", BASE) is None
    assert resolve_time("13月5日", BASE) is None
    assert resolve_time("2月30日", BASE) is None


def test_every_time_of_a_sentence_in_order() -> None:
    text = "今年前三季度，全市规上工业增加值同比增长6.2%；截至10月底，累计新增企业343家。"
    times = list(find_times(text, BASE))
    assert [(t.text, t.kind, t.first, t.last) for t in times] == [
        ("今年前三季度", "period", "2025-01", "2025-09"),
        ("截至10月底", "as_of", None, "2025-10-31"),
    ]
    assert all(text[t.start : t.end] == t.text for t in times)


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("截至去年5月10日", "2024-05-10"),
        ("截至前年3月1日", "2023-03-01"),
        ("截至去年底", "2024-12-31"),
    ],
)
def test_as_of_a_day_of_a_year_named_relative_to_the_page(text: str, last: str) -> None:
    (time,) = find_times(text, "2025-05-20")
    assert (time.kind, time.last) == ("as_of", last)


def test_a_day_not_on_the_calendar_is_no_as_of_date() -> None:
    assert all(t.kind != "as_of" for t in find_times("截至4月31日，截至今年2月29日", "2025-05-20"))
