"""The facts ``newsfacts draft`` proposes for an article: each quantity the finder reads, with
its evidence sentence, subject, measure and baseline, and each dated happening.

A proposal is a curated fact in the TOML shape ``newsfacts build`` reads, marked ``draft``. The
subject is the clause before the number without its time words and verbs (全省规上工业增加值
for 2021年至2024年，全省规上工业增加值年均增速达到6.2%); a rate printed after a level of the
same clause (进出口完成1868.7亿元、增长5.9%) takes the level's subject. The measure follows the
kind the finder gives (a change in percent is a growth rate; 年均 an average one), and the
baseline is what the change is measured against (同比: 上年同期; 较2021年: 2021年).
"""

from __future__ import annotations

import re
from typing import Any

from newsfacts.text.events import Event
from newsfacts.text.finder import Found

__all__ = ["propose_event", "propose_quantity", "skipped_note"]

_SENTENCE_END = "。！？!?；;"
#: Words that open a clause before its subject: times, connectives, sources.
_LEAD = re.compile(
    r"^(?:(?:今年|去年|目前|当前|如今|其中|同时|此外|另外|据统计|据了解|包括|含|截至[^，,]{0,10}?[底末日]"
    r"|\d{4}年(?:至\d{4}年)?|[一二三四]季度|前三季度|上半年|下半年|全年)[，,、]?)+"
)
#: What stands between a subject and its number: verbs, qualifiers, 同比 ...
_TAIL = re.compile(
    r"(?:同比|比上年|较上年|环比)?(?:分别)?(?:年均|平均)?"
    r"(?:增长|增加|增速|下降|减少|降低|提高|提升|上升|达到|达|为|是|完成|实现|超过|超|近|约|突破|"
    r"累计|共|有|拥有|稳定在|保持在|占|至|到|了|已|逾|多达|高达|仅|只有|不足|接近|建成?|设立|"
    r"设有|达成|新增|现有|从)*$"
)
_BASELINE = re.compile(
    r"^(?P<subject>.*?)(?:较|比|高于|低于|快于|慢于)(?P<baseline>[^，,；;。较比]{1,14}?)(?:分别)?"
    r"(?:增长|增加|下降|减少|提高|提升|上升|降低|高出|多|少)?了?$"
)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in _SENTENCE_END + "\n") + 1
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END + "\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return left, right


def _clause(text: str, left: int, at: int) -> str:
    """The clause before offset ``at``: back to the last ，；：, but past a 、 that joins the
    figures of one subject."""
    return re.split(r"[，,；;：:]", text[left:at])[-1].strip()


def _subject(clause: str) -> str:
    words = _LEAD.sub("", clause.lstrip('“"（('))
    words = re.split(r"、", words)[0] if re.search(r"\d", words) else words
    return _TAIL.sub("", words).strip(' “”"') or ""


#: Where a sentence's subject ends: its verb (国家级经开区坚持扩大开放: 国家级经开区).
_VERB_AT = re.compile(
    r"坚持|由|已|在|是|为|从|将|正|共有|现有|拥有|(?<![拥现共])有|累计|实现|达|通过|不断|持续|加快|推动"
)


#: A clause that is only its verb: the count's subject is the noun after it (提出14项具体举措).
_BARE_VERBS = frozenset(
    {"提出", "设立", "推出", "部署", "发布", "包括", "形成", "建成", "培育", "开展", "举办"}
    | {"组织", "实施", "出台", "吸引", "带动", "覆盖"}
)
_NOUN_END = re.compile(r"[，,。；;：:、（(]|位于|在|是|为|的|实现|达|已|将|均|和|与|及")


def _noun_after(text: str, at: int) -> str:
    """What a count counts, printed after it: 14项具体举措 -> 具体举措."""
    end = _NOUN_END.search(text, at, at + 16)
    return text[at : end.start() if end else at + 10].strip()


def _sentence_subject(evidence: str) -> str:
    """The subject of a sentence: its first clause that is not a time or a lead word, cut at
    its verb (40多年来，国家级经开区由东到西……: 国家级经开区)."""
    for piece in re.split(r"[，,；;：:]", evidence):
        words = _LEAD.sub("", piece.strip())
        if not words or re.fullmatch(
            r"[\d一二三四五六七八九十多余近]+[年月天日](?:来|以来)?", words
        ):
            continue
        verb = _VERB_AT.search(words, 2)
        return (words[: verb.start()] if verb else words)[:16]
    return ""


def _measure(found: Found, clause: str) -> str:
    average = "年均" in clause or "平均" in clause
    if found.kind == "change":
        if found.quantity.unit == "percent":
            return "average_growth_rate" if average else "growth_rate"
        return "average_change" if average else "change"
    if found.kind in ("share", "rank"):
        return found.kind
    return "count" if found.quantity.unit in ("count", "person_time") else "level"


def _baseline(clause: str) -> str | None:
    if "同比" in clause:
        return "上年同期"
    if "环比" in clause:
        return "上期"
    found = _BASELINE.match(clause)
    return found["baseline"] if found else None


def propose_quantity(
    number: int, found: Found, text: str, previous: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The draft fact of one quantity, or None where no unique evidence sentence holds it."""
    q = found.quantity
    if q.value is None:
        return None  # a range (八九个) or a vague amount (几万条): see skipped_note
    left, right = _sentence(text, found.start, found.end)
    evidence = text[left:right].strip()
    printed = text[q.start : q.end]  # as printed: full-width digits and all (１２３家)
    if not evidence or text.count(evidence) != 1 or "[[" in evidence or printed not in evidence:
        return None
    clause = _clause(text, left, found.start)
    compared = None if re.search("同比|环比", clause) else _BASELINE.match(clause)
    kind, baseline = found.kind, _baseline(clause)
    share = re.match(r"^(?P<subject>.*?)(?:约|均|分别)?占(?P<whole>[^，,]*?)的?$", clause)
    if share and q.unit in ("percent", "dimensionless") and kind != "change":
        kind, compared = "share", None  # 约占松下集团全球业务的24.4%: a share of the whole
        clause = share["subject"]
    subject = _subject(compared["subject"] if compared else clause)
    if compared and not subject:
        kind = "change"  # 高于煤炭工业2.5个百分点: how far above the baseline
    joined = text[max(left, found.start - 12) : found.start]
    same = previous is not None and previous["evidence"] == evidence
    if (not subject or "、" in joined[-6:]) and same and previous:
        subject = previous["subject"]  # 进出口完成1868.7亿元、增长5.9%: one subject, two figures
        if previous["measure"] == "share" and kind == found.kind == "quantity":
            kind = "share"  # 占全国15%、全球11%
    vague = not subject or subject in _BARE_VERBS or re.search(r"\d", subject) is not None
    if vague and found.counted:  # 目前有超过30个自贸试验区片区, 提出14项具体举措
        subject = _noun_after(text, found.end)
    subject = subject[-24:] or _sentence_subject(evidence) or evidence[:16]
    fact: dict[str, Any] = {
        "id": number,
        "kind": "quantity",
        "status": "draft",
        "subject": subject,
        "predicate": {"change": "变化", "share": "占比", "rank": "位次"}.get(kind, "数量"),
        "predicate_en": {"change": "change", "share": "share", "rank": "rank"}.get(kind, "amount"),
        "evidence": evidence,
        "value": q.value,
        "unit": found.rate or q.unit,
        "counted": found.counted,
        "value_text": printed,
        "qualifier": q.qualifier,
        "measure": kind
        if kind in ("change", "share") and kind != found.kind
        else (_measure(found, clause)),
        "baseline": baseline if kind == "change" else None,
    }
    time = found.time
    if time is not None and not time.vague:
        if time.kind == "as_of" or (time.kind == "date" and time.precision == "day"):
            fact["as_of"] = time.last
        else:
            fact["period_start"], fact["period_end"] = time.first, time.last
        fact["time_precision"] = time.precision
    fact["notes"] = f"Proposed by newsfacts draft ({kind}); not yet read against the page."
    return fact


def skipped_note(found: Found) -> str | None:
    """A TOML comment for a quantity the record contract cannot hold as a value: a range
    (八九个: 8 to 9) or a vague amount (几万条), for the curator to record by hand if it
    matters."""
    q = found.quantity
    if q.value is not None:
        return None
    what = (
        f"a range, {q.low:g} to {q.high:g}"
        if q.low is not None and q.high is not None
        else ("a vague amount")
    )
    return f"# Not proposed: {found.exact} ({what}; a quantity fact needs one value)\n"


def propose_event(number: int, event: Event, text: str) -> dict[str, Any] | None:
    """The draft fact of a dated happening, or None where its clause is not unique."""
    evidence = event.exact.strip()
    if text.count(evidence) != 1 or "[[" in evidence:
        return None
    return {
        "id": number,
        "kind": "event",
        "status": "draft",
        "subject": event.subject,
        "predicate": event.predicate,
        "predicate_en": "took place",
        "evidence": evidence,
        "date": event.date,
        "time_precision": event.precision,
        "place": event.place,
        "notes": "Proposed by newsfacts draft (event); not yet read against the page."
        + (
            " Its time is vague (近日, 日前): the date is the latest it allows."
            if event.vague
            else ""
        ),
    }
