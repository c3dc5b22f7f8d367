"""Every quantity a text states: ``find_quantities``.

The finder walks the text with the quantity reader (:mod:`newsfacts.text.quantity`) and keeps
what states a quantity of the world. It leaves out, and with ``explain=True`` says why:

=============  ============================================================================
reason         what is left out
=============  ============================================================================
``date``       dates, years and months (2025年, 11月14日, 1—10月), clock times (9时30分) and
               durations that name a time (7年前, 这两天, 80年代)
``ordinal``    ordinals and editions (第十三届, 第三场); 第N位/名 after 居, 排名 ... is a rank
``title``      numbers inside a title 《...》 (《中老年人必知的365个养生法》)
``name``       numbers inside a short quoted name (“十四五”, “双11”) or glued to Latin letters
               (5G, 4K, G20, C919)
``code``       codes and phone numbers: seven or more digits in a row, digits joined by
               hyphens (0351-1234567), or a leading zero (030001)
``list``       list markers at the start of a line (1. 2、 （一） (3))
``page``       page and edition numbers (第 04 版, A3版)
``phrase``     a reduplicated classifier (一批批秋裤: one after another), 一 with a classifier
               as an article (一场盛宴, 一位老人), the field of a rank (中部六省首位), a word
               that holds a numeral (零部件, 四处, 亿万人民), a rhythm (五年一个规划)
``unit``       a number in a unit the vocabulary lacks (20分钟, 100英寸, 360度 as an angle)
=============  ============================================================================

Each quantity kept has a ``kind``: ``change`` after 增长, 增加, 提高, 下降, 减少 ... (with
its ``direction``, ``up`` or ``down``), ``share`` after 占 or 比重/占比 (a percentage),
``rank`` for 居第3位, 排名第一, 首位, and ``quantity`` otherwise. The counted noun is the
classifier and up to two characters of the noun after it (343家企业 -> 家企业). Given the page's
date (``base``), the period or as-of date stated in the same sentence before the quantity, or
else at the opening of its paragraph, is resolved and attached (``time``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, overload

from newsfacts.text.numerals import read_number
from newsfacts.text.quantity import RANK_WORDS, Quantity, is_start, normalise, read_at
from newsfacts.text.times import Time
from newsfacts.text.timing import Stated, stated_times, time_of

__all__ = ["Found", "Skipped", "find_quantities"]


@dataclass(frozen=True)
class Found:
    """A quantity a text states, with its span (code points, end-exclusive)."""

    start: int
    end: int
    exact: str
    quantity: Quantity
    kind: str = "quantity"  #: quantity, change, share or rank
    direction: str | None = None  #: up or down, for a change
    counted: str | None = None  #: the counted noun (家企业, 个基站, 人次)
    time: Time | None = None  #: the period or as-of date the sentence states
    rate: str | None = None  #: ``per_10000_people`` for 每万人拥有33个: the unit of the fact


@dataclass(frozen=True)
class Skipped:
    """A number that states no quantity of the world, and why."""

    start: int
    end: int
    exact: str
    reason: str  #: date, ordinal, title, name, code, list, page, phrase or unit


_UP = ("增长", "增加", "提高", "提升", "上升", "上涨", "增幅", "增速", "攀升", "扩大", "增", "涨")
_DOWN = ("下降", "减少", "降低", "下滑", "回落", "下跌", "缩小", "降幅", "减", "降", "跌")
#: Words that hold a change verb but count what is new: 新增企业343家 is a count.
_NOT_CHANGE = ("新增", "新减", "增值", "增加值")
_CHANGE = tuple(
    sorted([(w, "up") for w in _UP] + [(w, "down") for w in _DOWN], key=lambda x: -len(x[0]))
)
_RANK_BEFORE = ("排名", "位列", "位居", "名列", "排在", "排", "居", "列")
#: How far before a quantity its verb may stand: 同比增长6.2%, 比上年增长了 6.2%.
_REACH = 8
_CLAUSE_END = "，。；！？、：,;!?:\n（）()"
_NOUN_STOPS = set(
    "的和与及等在是了为将已共中上下来以其均同比增占达约左右万亿个，。、；：！？（）《》“”\"' \n"
)
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")
_LIST_MARKER = re.compile(
    r"(?m)^[ \t\u3000]*(?:[(（][0-9一二三四五六七八九十]{1,3}[)）]"
    r"|[0-9]{1,2}[.、．)）]|[一二三四五六七八九十]{1,3}、)"
)
_PLACES = set("省市县区镇乡村")
#: Digits glued to Latin letters: names and codes (C919, G20), or pages (A3版).
_LATIN_GLUED = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,4}\d+[A-Za-z\d]*")
_PHONE = re.compile(r"\d{3,4}-\d{7,8}|\d{7,}")
_LATIN_UNITS = ("km", "kg", "kw", "kwh", "mw", "gw", "m2", "m²", "k", "w", "p", "e")


def _clause_before(s: str, start: int) -> str:
    """The words of the clause before ``start``, at most ``_REACH`` characters."""
    head = s[max(0, start - _REACH) : start]
    for i in range(len(head) - 1, -1, -1):
        if head[i] in _CLAUSE_END:
            return head[i + 1 :]
    return head


def _inside(s: str, start: int, opening: str, closing: str, longest: int) -> bool:
    """Whether ``start`` lies inside an ``opening``..``closing`` pair spanning at most
    ``longest`` characters."""
    left = s.rfind(opening, 0, start)
    if left == -1 or s.rfind(closing, left, start) != -1:
        return False
    right = s.find(closing, start)
    return right != -1 and right - left - 1 <= longest


#: Words that hold a numeral but count nothing: 零部件, 四处 (everywhere), 三位一体, 亿万人民.
_WORDS_RE = re.compile(
    "零部件|零件|零售|零距离|零星|零碎|零散|零食|四处|四周|四方|四季|三位一体|"
    "亿万|千家万户|千方百计|千言万语|万众|万一|五湖四海|四面八方|三番五次|一体化|"
    "十分(?!之)|百姓|百货|千万(?=[不别要])|之一|五台山|九州"
)
#: Units the vocabulary does not have: the number is left for the curator, said why.
_OTHER_UNITS = ("分钟", "秒钟", "秒", "英寸", "英里", "海里", "摄氏度", "℃", "寸", "斤两")
#: A five-year plan named without quotes, a congress or its session without 第.
_PLAN_OR_SESSION = re.compile(
    r"十[一二三四五]五(?:时期|期间|规划|以来)|[一二三四五六七八九十]{1,3}届(?:[一二三四五六七八九]中全会|全国人大|全国政协|中央)"
)
#: What a number that is a code follows: a postal code, a telephone number, a serial number.
_CODE_BEFORE = re.compile(r"(?:邮编|邮政编码|电话|热线|拨打|致电|编号|代码|代号)[:：\s]*$")
#: Durations that name a time: 7年前, 一年之后, 上一年, 这两天, 过去一年.
_TIME_AFTER = ("前", "后", "之后", "以后", "之前", "以前", "年代")
_TIME_BEFORE = ("上", "这", "那", "过去", "头", "每")


def _skip_reason(s: str, q: Quantity, markers: list[tuple[int, int]]) -> str | None:
    before = _clause_before(s, q.start)
    after = s[q.end : q.end + 2]
    if q.unit in ("calendar_year", "calendar_month"):
        return "date"
    nearby = _WORDS_RE.finditer(s, max(0, q.start - 4), q.start + 6)
    if any(m.start() <= q.start < m.end() for m in nearby):
        return "phrase"
    if len(q.number_text) == 1 and q.number_text in "壹贰叁肆伍陆柒捌玖拾":
        return "phrase"  # 陆家镇: a financial numeral stands for a number only among others
    if q.unit == "year" and q.text.startswith("近") and not s.startswith("年", q.end):
        return "date"  # 近3年: the last three years, a period of what follows
    if q.unit in ("year", "month", "day", "hour") and (
        s.startswith(_TIME_AFTER, q.end) or before.endswith(_TIME_BEFORE)
    ):
        return "date"  # 7年前, 这两天: a time, for resolve_time, not an amount
    if q.unit == "dimensionless" and s.startswith(("年代", "后"), q.end):
        return "date"  # 80年代, 90后
    if s.startswith("一个", q.end) and q.unit in ("year", "month", "day"):
        return "phrase"  # 五年一个规划: a rhythm, not an amount
    if q.unit == "dimensionless" and s.startswith(_OTHER_UNITS, q.end):
        return "unit"
    if q.unit == "kWh" and q.text.endswith("度") and "电" not in s[max(0, q.start - 8) : q.end + 1]:
        return "unit"  # 360度旋转: an angle (度 is kWh only of electricity)
    if q.text.endswith("K") and q.unit == "dimensionless":
        return "name"  # 8K画质: a resolution
    if _PLAN_OR_SESSION.match(s, q.start):
        return "name"  # 十四五期间, 二十届三中全会: a plan's or a congress's name
    if q.counted and len(q.counted) == 1 and s[q.end : q.end + 1] == q.counted:
        return "phrase"  # 一批批, 一个个, 一次次: "one after another", no count
    if q.number_text == "一" and q.qualifier == "exact" and q.unit in ("count", "times"):
        return "phrase"  # 一场盛宴, 一位老人: 一 with a classifier is an article, not a count
    if s.startswith(("首位", "第", "之首", "前列"), q.end):
        return "phrase"  # 中部六省首位: the field a rank is taken in
    if re.match(r"\s*[日号时点]|:\d", after) and q.unit in ("dimensionless", "times"):
        return "date"  # 14日, 9时30分, 9:30
    if q.unit == "hour" and re.search(r"\d+[时点]$", s[q.start : q.end]):
        return "date"
    if after[:1] == "分" and q.start > 0 and s[q.start - 1] in "时点":
        return "date"  # the minutes of 9时30分
    if "版" in s[q.end : q.end + 2] or (q.counted == "版"):
        return "page"
    if _inside(s, q.start, "《", "》", 60):
        return "title"
    if _inside(s, q.start, "“", "”", 6) or _inside(s, q.start, '"', '"', 6):
        return "name"
    following = s[q.end : q.end + 1]
    if following.isascii() and following.isalpha():
        return "name"  # 5G, 4K
    if q.start > 0 and s[q.start - 1].isascii() and s[q.start - 1].isalpha():
        return "name"  # G20, C919
    digits = q.number_text.replace(",", "").replace(".", "")
    if _PHONE.fullmatch(s[q.start : q.end]) or (
        digits.isdigit() and len(digits) >= 7 and q.unit == "dimensionless"
    ):
        return "code"
    if digits.isdigit() and len(digits) > 1 and digits.startswith("0") and "." not in q.number_text:
        return "code"
    if s[q.end : q.end + 1] == "-" and s[q.end + 1 : q.end + 2].isdigit():
        return "code"
    if q.unit == "dimensionless" and _CODE_BEFORE.search(s, max(0, q.start - 8), q.start):
        return "code"  # 邮编100086, 拨打12345
    if any(start <= q.start < end for start, end in markers):
        return "list"
    if q.unit == "ordinal" and not _is_rank(s, q, before):
        return "ordinal"
    if q.unit == "dimensionless" and re.fullmatch(r"(19|20)\d\d", q.number_text):
        return "date"  # a year printed without 年
    return None


#: Scopes a rank is taken in: 全国第8, 全省第一, 中部六省首位.
_RANK_SCOPES = ("全国", "全省", "全市", "全区", "全球", "世界", "中部", "西部", "东部", "行业")
_RANK_AFTER = re.compile(r"(?:[、,，][一二三四五六七八九十\d]{1,3})*[名位]")


def _is_rank(s: str, q: Quantity, before: str) -> bool:
    """An ordinal that ranks: after 居, 排名, 位列 ... or a scope (全国第8), or before 名 or 位
    (第3位, 第一、二、三名). Editions (第十三届, 第一批) are not ranks."""
    if q.counted in ("位", "名"):
        return True
    if q.counted is not None:
        return False
    if before.endswith(_RANK_BEFORE) or before.endswith(_RANK_SCOPES):
        return True
    return _RANK_AFTER.match(s, q.end) is not None


def _kind(s: str, q: Quantity) -> tuple[str, str | None]:
    before = _clause_before(s, q.start)
    if q.unit == "ordinal" or q.text in RANK_WORDS:
        return "rank", None
    fraction = "/" in q.number_text or "分之" in q.number_text
    share_words = "占" in before or "比重" in before or "占" in q.text[:3]  # 约占全国的14%
    if (q.unit == "percent" or fraction) and share_words:
        return "share", None
    before = before.removesuffix("了")  # 降了5%
    for word, direction in _CHANGE:
        at = before.rfind(word)
        gap = len(before) - at - len(word)
        if at == -1 or gap > (4 if len(word) > 1 else 0):
            continue
        if before[at + len(word) :].lstrip("了").startswith(("到", "至", "为")):
            return "quantity", None  # 增加到了490种, 增至8231家: the new level, not the change
        if any(
            before.find(w, max(0, at - 2)) in range(max(0, at - 2), at + 1) for w in _NOT_CHANGE
        ):
            continue
        return "change", direction
    return "quantity", None


def _is_noun_start(s: str, at: int) -> bool:
    """Whether a noun seems to follow a bare number (31万中国家庭), not a verb or a word
    of degree."""
    char = s[at : at + 1]
    return "\u4e00" <= char <= "\u9fff" and char not in "的和与及等是了为将已以上下来左右余多元"


def _noun_at(s: str, at: int) -> str:
    """The noun that starts at ``at``: up to four characters of Chinese before a stop."""
    noun = ""
    for char in s[at : at + 4]:
        if char in _NOUN_STOPS or not ("\u4e00" <= char <= "\u9fff"):
            break
        noun += char
    return noun


def _counted(s: str, q: Quantity) -> str | None:
    if q.unit == "person_time":
        return "人次"
    if q.unit == "count" and q.counted is None:  # 31万中国家庭
        return (s[q.end] + _noun_at(s, q.end + 1))[:4] if _is_noun_start(s, q.end) else None
    if q.unit != "count" or q.counted is None:
        return None
    if q.counted in _PLACES:
        return q.counted  # 晋中3市: the place is the noun
    noun = ""
    for char in s[q.end : q.end + 2]:
        if char in _NOUN_STOPS or not ("\u4e00" <= char <= "\u9fff"):
            break
        noun += char
    return q.counted + noun


#: A count per ten thousand people: 每万人拥有33个, 每万人口拥有.
_PER_10000 = re.compile(r"每万人口?")
_NUMERAL = "一二两三四五六七八九十"
#: The ranks after the first of a list: 第一、二、三名 ranks three.
_MORE_RANKS = re.compile(rf"、([{_NUMERAL}]{{1,3}}|\d{{1,3}})(?=、|[名位])")
#: A count of kinds: 两大服务, 三大产业 (the number, then 大 and the noun); not 党的二十大 (a
#: congress), 一大批 or 一大早.
_KINDS = re.compile(
    rf"(?<![{_NUMERAL}第党])(?<!党的)([二两三四五六七八九十]{{1,2}})大"
    r"(?![精以代报会召开批早量多部])(?=[\u4e00-\u9fff])"
)


def _small(word: str) -> int | None:
    """A small whole number printed alone: 二, 十二, 3."""
    number = read_number(word, 0)
    if number is None or number.end != len(word) or number.value is None:
        return None
    return int(number.value)


def _numeral(
    m: re.Match[str],
    value: int,
    unit: str,
    kind: str,
    counted: str | None,
    text: str,
    s: str,
    times: list[Stated],
) -> Found:
    """The quantity of a numeral printed alone (the 二 of 第一、二名, the 两 of 两大服务)."""
    q = Quantity(
        float(value),
        unit,
        counted=counted and counted[:1],
        text=m.group(1),
        number_text=m.group(1),
        start=m.start(1),
        end=m.end(1),
    )
    time = time_of(q.start, s, times, change=False)
    return Found(q.start, q.end, text[q.start : q.end], q, kind, None, counted, time)


def _enumerated_ranks(s: str, text: str, found: list[Found], times: list[Stated]) -> list[Found]:
    """The ranks listed after a first one (第一、二、三名: 二 and 三 rank too; 三名 is no count)."""
    out = list(found)
    for rank in [f for f in found if f.kind == "rank" and s.startswith("第", f.start)]:
        at = rank.end
        while (m := _MORE_RANKS.match(s, at)) is not None:
            value = _small(m.group(1))
            if value is None:
                break
            out = [f for f in out if not (f.start < m.end(1) and m.start(1) < f.end)]
            out.append(_numeral(m, value, "ordinal", "rank", None, text, s, times))
            at = m.end(1)
    return out


def _counts_of_kinds(s: str, text: str, found: list[Found], times: list[Stated]) -> list[Found]:
    """两大服务, 三大产业: a count of the kinds named after 大."""
    out = []
    for m in _KINDS.finditer(s):
        value = _small(m.group(1))
        if value is None or any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        counted = "大" + _noun_at(s, m.end())[:2]
        out.append(_numeral(m, value, "count", "quantity", counted, text, s, times))
    return out


@overload
def find_quantities(
    text: str, *, base: dt.date | str | None = ..., explain: Literal[False] = ...
) -> list[Found]: ...


@overload
def find_quantities(
    text: str, *, base: dt.date | str | None = ..., explain: Literal[True]
) -> tuple[list[Found], list[Skipped]]: ...
def find_quantities(
    text: str, *, base: dt.date | str | None = None, explain: bool = False
) -> list[Found] | tuple[list[Found], list[Skipped]]:
    """Every quantity ``text`` states, in order. With ``explain``, also the numbers left out
    and why; with ``base`` (the page's date), the period or as-of date of each.

    >>> [f.exact for f in find_quantities("第三届大会上，全市新增企业343家，增长6.2%。")]
    ['343家', '6.2%']
    """
    s = normalise(text)
    markers = [(m.start(), m.end()) for m in _LIST_MARKER.finditer(s)]
    times = stated_times(s, base)
    found: list[Found] = []
    skipped: list[Skipped] = []
    i = 0
    while i < len(s):
        q = read_at(s, i) if is_start(s, i) else None
        if q is None:
            i += 1
            continue
        reason = _skip_reason(s, q, markers)
        exact = text[q.start : q.end]
        bare = q.text.rstrip("多余")[-1:]
        if q.unit == "dimensionless" and bare and bare in "万亿" and _is_noun_start(s, q.end):
            q = dataclasses.replace(q, unit="count")  # 31万中国家庭: a count of the noun
        if reason is not None:
            skipped.append(Skipped(q.start, q.end, exact, reason))
        else:
            kind, direction = _kind(s, q)
            rate = (
                "per_10000_people"
                if _PER_10000.search(
                    re.split("[，。；！？,;]", s[max(0, q.start - 16) : q.start])[-1]
                )
                else None
            )
            found.append(
                Found(
                    q.start,
                    q.end,
                    exact,
                    q,
                    kind,
                    direction,
                    _counted(s, q),
                    time_of(q.start, s, times, change=kind == "change"),
                    rate if q.unit == "count" else None,
                )
            )
        i = max(q.end, i + 1)
    for word in RANK_WORDS:
        for m in re.finditer(word, s):
            if not any(f.start <= m.start() < f.end for f in found):
                q = Quantity(
                    1.0, "ordinal", text=word, number_text=word, start=m.start(), end=m.end()
                )
                found.append(
                    Found(
                        m.start(),
                        m.end(),
                        word,
                        q,
                        "rank",
                        time=time_of(q.start, s, times, change=False),
                    )
                )
    found = _enumerated_ranks(s, text, found, times)
    found += _counts_of_kinds(s, text, found, times)
    for m in _LATIN_GLUED.finditer(s):
        if not any(f.start < m.end() and m.start() < f.end for f in found):
            reason = "page" if s.startswith("版", m.end()) else "name"
            skipped.append(Skipped(m.start(), m.end(), text[m.start() : m.end()], reason))
    found.sort(key=lambda f: f.start)
    skipped.sort(key=lambda k: k.start)
    return (found, skipped) if explain else found
