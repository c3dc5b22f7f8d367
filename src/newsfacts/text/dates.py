"""The calendar of dates printed without their year: which year a day or a run of months
belongs to, given the page's date (a page of January reporting 12月30日 or 1—11月 means the
year before)."""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = ["month_end", "period_year", "shift_month", "year_of"]


def month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def year_of(month: int, day: int, base: dt.date) -> int:
    """The year of a month and day printed without one: the page's, or the one before."""
    try:
        candidate = dt.date(base.year, month, day)
    except ValueError:
        return base.year
    return base.year - 1 if (candidate - base).days > 62 else base.year


def period_year(first_month: int, last_month: int, base: dt.date) -> int:
    """The year of months printed without one (1—10月, 前三季度, 下半年): the page's, or the one
    before when they would begin more than two months after the page (四季度 on a page of
    January), or had begun less than two months before it and would end more than four months
    after it (前三季度, 1—11月 on a page of January: figures are reported once their months are
    over). 下半年 on a page of June is this year's."""
    start = dt.date(base.year, first_month, 1)
    end = dt.date.fromisoformat(month_end(base.year, last_month))
    ahead = (start - base).days > 62
    barely_begun = 0 <= (base - start).days < 62 and (end - base).days > 122
    return base.year - 1 if ahead or barely_begun else base.year


def shift_month(base: dt.date, months: int) -> tuple[int, int]:
    """The year and month ``months`` from the page's month."""
    index = base.year * 12 + base.month - 1 + months
    return index // 12, index % 12 + 1
