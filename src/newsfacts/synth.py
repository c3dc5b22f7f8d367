"""Synthetic releases: valid data of any size, for tests, property tests and benchmarks.

``synth_tables(n, rng)`` makes ``n`` articles of realistic Chinese news text (2-5 KB each) on
pages of up to ten articles, about ten facts per article of every kind, and entities with
mentions. Every span, edit and derived value holds, so the release validates clean; the
hypothesis strategies in ``tests/strategies.py`` drive the same code with hypothesis's random.

The text is generated article first; the page (the source) is then made from the articles by
putting back what edits remove: a column break inside a word, and heading markup. So the
segments and edits are known exactly, as a curator would record them.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.models import (
    Article,
    Edit,
    Entity,
    Fact,
    Manifest,
    Mention,
    Section,
    Segment,
    Source,
    Tables,
    page_split,
)
from newsfacts.release.atomic import room_for
from newsfacts.release.manifest import ArchiveManifest
from newsfacts.release.writer import ReleaseWriter
from newsfacts.text.spans import make_span

__all__ = ["synth_pages", "synth_tables", "write_synth", "write_synth_archive"]

#: The papers and years a synthetic archive's pages are spread over (page by page, in turn).
ARCHIVE_PAPERS = ["山西日报", "太原日报", "人民日报"]
ARCHIVE_YEARS = [2021, 2022, 2023, 2024]

PLACES = ["太原市", "大同市", "长治市", "晋中市", "运城市", "临汾市", "吕梁市", "忻州市", "阳泉市"]
DISTRICTS = ["小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区", "清徐县", "阳曲县"]
ORGS = [
    ("工业和信息化局", "organization"),
    ("统计局", "organization"),
    ("教育局", "organization"),
    ("文化和旅游局", "organization"),
    ("水务局", "organization"),
    ("卫生健康委员会", "organization"),
    ("消防救援支队", "organization"),
    ("青少年宫", "organization"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "海燕俊杰旭梅建国志刚晓勇学军佳敏静茹雪丽辛华风飞男男波丹嘉欣伟强秀英桂兰明华文"
POSTS = ["党组书记、局长", "副局长", "主任", "总经理", "负责人", "支队长", "校长"]
EVENTS = [
    "主题知识竞赛",
    "义诊活动",
    "文艺汇演",
    "诵读展演",
    "主题宣传活动",
    "招商推介会",
    "座谈会",
]
FILLER = [
    "各项工作稳步推进,发展质量和效益持续提升。",
    "相关部门加强统筹协调,推动政策措施落地见效。",
    "活动现场气氛热烈,群众参与积极性高。",
    "下一步,将继续完善工作机制,扎实推进各项任务。",
    "通过持续优化服务流程,细化服务举措,精准对接群众多样化需求。",
    "据介绍,该项工作聚焦重点领域和关键环节,取得了阶段性成效。",
    "与会人员表示,将以此为契机,进一步提升专业能力和服务水平。",
]
HEADINGS = ["工作稳中有进", "基础持续夯实", "动能持续增强", "服务提质增效"]
#: (subject, predicate, predicate_en, unit, counted, printed unit, scale, measure)
QUANTITIES = [
    ("规上工业企业", "数量", "number of industrial enterprises", "count", "企业", "家", 1, "count"),
    ("5G基站", "累计建成", "5G base stations built", "count", "5G基站", "万个", 1e4, "level"),
    ("规上工业增加值", "同比增长", "year-on-year growth", "percent", None, "%", 1, "growth_rate"),
    ("重点产业链", "营收", "revenue", "CNY", None, "亿元", 1e8, "level"),
    ("参赛队伍", "数量", "teams taking part", "count", "队伍", "支", 1, "count"),
    ("志愿服务活动", "开展", "activities held", "count", "活动", "场", 1, "count"),
    ("受益群众", "覆盖", "people reached", "person_time", None, "人次", 1, "level"),
    ("管辖面积", "面积", "area", "km2", None, "平方公里", 1, "level"),
]


@dataclass
class _Draft:
    """An article being written: its text so far, and what has been stated where."""

    text: str = ""
    facts: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)  # entity key, start, end
    sections: list[tuple[int, int]] = field(default_factory=list)

    def add(self, piece: str) -> int:
        start = len(self.text)
        self.text += piece
        return start


#: How many quantities an article states, at most (drawn for each): with its event, its
#: relation and a derived check, 8 to 12 facts, ten on average.
QUANTITIES_PER_ARTICLE = (5, 9)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _number(rng: random.Random, scale: float, unit: str) -> tuple[str, float]:
    """A printed number and its value in base units."""
    if unit == "percent":
        tenths = rng.randint(1, 300)
        return f"{tenths / 10:g}", tenths / 10
    if scale == 1:
        n = rng.randint(2, 9999)
        return str(n), float(n)
    tenths = rng.randint(11, 9999)
    return f"{tenths / 10:g}", tenths / 10 * scale


def _write_article(rng: random.Random, entities: dict[str, tuple[str, str]]) -> _Draft:
    draft = _Draft()
    place = rng.choice(PLACES)
    year = rng.randint(2019, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    target = rng.randint(700, 1600)  # code points: 2-5 KB of UTF-8
    org, org_type = rng.choice(ORGS)
    org_name = place + org
    entities.setdefault(org_name, (org_type, place))
    start = draft.add(f"{month}月{day}日,")
    at = draft.add(org_name)
    draft.mentions.append((org_name, at, at + len(org_name)))
    event = rng.choice(EVENTS)
    draft.add(f"举办{event},")
    draft.facts.append(
        {
            "kind": "event",
            "subject": org_name,
            "predicate": f"举办{event}",
            "predicate_en": "held an event",
            "span": (start, len(draft.text) - 1),
            "date": f"{year}-{month:02d}-{day:02d}",
            "time_precision": "day",
            "place": place,
            "organizers": [org_name],
            "participants": [],
        }
    )
    person = _name(rng)
    post = rng.choice(POSTS)
    entities.setdefault(person, ("person", place))
    clause = draft.add(f"{org}{post}")
    at = draft.add(person)
    draft.mentions.append((person, at, at + len(person)))
    draft.add("介绍了有关情况。")
    draft.facts.append(
        {
            "kind": "relation",
            "subject": person,
            "predicate": "任职",
            "predicate_en": "holds the post of",
            "span": (clause, at + len(person)),
            "subject_entity": person,
            "object_entity": org_name,
            "object_text": f"{org}{post}",
            "date": None,
            "time_precision": None,
        }
    )
    quantities: list[int] = []
    most = rng.randint(*QUANTITIES_PER_ARTICLE)
    while len(draft.text) < target:
        if rng.random() < 0.15:
            heading = rng.choice(HEADINGS)
            at = draft.add("\n\n")
            draft.sections.append((at + 2, at + 2 + len(heading)))
            draft.add(heading + "\n\n")
        if rng.random() < 0.5 and len(quantities) < most:
            subject, pred, pred_en, unit, counted, printed, scale, measure = rng.choice(QUANTITIES)
            digits, value = _number(rng, scale, unit)
            value_text = digits + printed
            clause = draft.add(f"{year}年,")
            at = draft.add(place)
            draft.mentions.append((place, at, at + len(place)))
            entities.setdefault(place, ("location", place))
            draft.add(f"{subject}{pred}{value_text}")
            draft.facts.append(
                {
                    "kind": "quantity",
                    "subject": place + subject,
                    "predicate": pred,
                    "predicate_en": pred_en,
                    "span": (clause, len(draft.text)),
                    "value": value,
                    "unit": unit,
                    "counted": counted,
                    "value_text": value_text,
                    "qualifier": "exact",
                    "measure": measure,
                    "period_start": str(year),
                    "period_end": str(year),
                    "time_precision": "year",
                    "place": place,
                }
            )
            quantities.append(len(draft.facts) - 1)
            draft.add("。")
        else:
            draft.add(rng.choice(FILLER))
    if len(quantities) >= 2:
        a, b = quantities[-2], quantities[-1]
        fa, fb = draft.facts[a], draft.facts[b]
        draft.facts.append(
            {
                "kind": "derived",
                "subject": f"{fa['subject']}与{fb['subject']}",
                "predicate": "数值之差",
                "predicate_en": "difference of two stated values",
                "span": fb["span"],
                "inputs": [a, b],
                "formula": "a - b",
                "value": fa["value"] - fb["value"],
                "unit": fa["unit"] if fa["unit"] == fb["unit"] else "dimensionless",
                "qualifier": "exact",
                "consistent": None,
            }
        )
    return draft


def _page(drafts: list[_Draft], rng: random.Random) -> tuple[str, list[list[Edit]], list[int]]:
    """The page the drafts were cut from: markup and column breaks put back, edits recorded."""
    page = ""
    edits: list[list[Edit]] = []
    starts: list[int] = []
    for draft in drafts:
        if page:
            page += "\n\n"
        starts.append(len(page))
        mine: list[Edit] = []
        cuts = {s for s, _ in draft.sections}
        break_at = rng.randint(1, len(draft.text) - 1) if rng.random() < 0.3 else -1
        if break_at in cuts or draft.text[break_at - 1 : break_at + 1].count("\n"):
            break_at = -1
        for i, char in enumerate(draft.text):
            if i in cuts:
                mine.append(_edit("markup", len(page), "## ", "heading marker"))
                page += "## "
            if i == break_at:
                mine.append(_edit("column_break", len(page), "\n\n", "column break in a word"))
                page += "\n\n"
            page += char
        edits.append(mine)
    return page, edits, starts


def _edit(kind: str, at: int, before: str, why: str) -> Edit:
    return Edit(
        kind=kind,  # type: ignore[arg-type]
        start=at,
        end=at + len(before),
        before=before,
        after="",
        confidence="certain",
        rationale=why,
        reference=None,
    )


def _pages(n_articles: int, per_page: int) -> Iterator[int]:
    while n_articles > 0:
        yield min(per_page, n_articles)
        n_articles -= per_page


def synth_pages(n_articles: int, rng: random.Random, *, per_page: int = 10) -> Iterator[Tables]:
    """The release of ``n_articles`` articles page by page: each page's source, articles,
    facts and entities (entities are scoped to their page, so memory stays flat)."""
    seen: set[str] = set()
    for count in _pages(n_articles, per_page):
        registry: dict[str, tuple[str, str]] = {}
        drafts = [_write_article(rng, registry) for _ in range(count)]
        page, edits, starts = _page(drafts, rng)
        sha = hashlib.sha256(page.encode("utf-8")).hexdigest()
        source_id = f"s-{sha[:8]}"
        if source_id in seen:
            continue  # the same page twice: keep the first
        seen.add(source_id)
        tables = Tables()
        tables.sources.append(
            Source(
                id=source_id,
                title=f"合成版面 {source_id}",
                publisher="newsfacts synth",
                date=None,
                place=None,
                language="zh-Hans",
                path=f"sources/{source_id}.txt",
                sha256=sha,
                text=page,
                license="CC0-1.0 (synthetic text)",
                inferred=[],
                notes="Synthetic page made by newsfacts.synth for tests and benchmarks.",
                split=page_split(source_id),
            )
        )
        mentions: dict[str, list[Mention]] = {}
        for number, (draft, mine, start) in enumerate(zip(drafts, edits, starts), 1):
            _emit(tables, mentions, draft, mine, start, source_id, number)
        for name, (kind, place) in sorted(registry.items()):
            if name in mentions:
                tables.entities.append(
                    Entity(
                        id=_entity_id(source_id, name),
                        type=kind,  # type: ignore[arg-type]
                        name=name,
                        aliases=[],
                        mentions=mentions[name],
                        posts=[],
                        parent=None,
                        description=f"合成实体({place})",
                        review="accepted",
                    )
                )
        yield tables


def synth_tables(n_articles: int, rng: random.Random, *, per_page: int = 10) -> Tables:
    """A valid release of ``n_articles`` articles, deterministic for ``rng``'s state."""
    tables = Tables()
    for page in synth_pages(n_articles, rng, per_page=per_page):
        for name, records in page.as_dict().items():
            getattr(tables, name).extend(records)
    for records in tables.as_dict().values():
        records.sort(key=lambda r: r.id)
    return tables


#: About the bytes an article takes, both formats and its facts and entities (17.6 KB measured).
BYTES_PER_ARTICLE = 18_000


def write_synth(n_articles: int, seed: int, out: Path, *, per_page: int = 10) -> Manifest:
    """Write a synthetic release of ``n_articles`` to ``out``, streaming, atomically."""
    room_for(out, n_articles * BYTES_PER_ARTICLE, f"{n_articles} articles")
    rng = random.Random(seed)
    with ReleaseWriter(out, version="0.0.0") as writer:
        for page in synth_pages(n_articles, rng, per_page=per_page):
            writer.add(page.as_dict())
    assert writer.manifest is not None
    return writer.manifest


def _entity_id(source_id: str, name: str) -> str:
    return f"e-{source_id[2:]}-{hashlib.sha256(name.encode()).hexdigest()[:10]}"


def _emit(
    tables: Tables,
    mentions: dict[str, list[Mention]],
    draft: _Draft,
    edits: list[Edit],
    start: int,
    source_id: str,
    number: int,
) -> None:
    article_id = f"a-{source_id[2:]}-{number:02d}"
    added = sum(len(e.before) for e in edits)
    text = draft.text
    tables.articles.append(
        Article(
            id=article_id,
            source_id=source_id,
            headline=None,
            title=text[:16],
            title_editorial=True,
            kicker=None,
            overline=None,
            subheadline=None,
            series=None,
            series_number=None,
            genre="news",
            dateline=None,
            bylines=[],
            text=text,
            sections=[Section(heading=text[s:e], start=s, end=e) for s, e in draft.sections],
            segments=[Segment(start=start, end=start + len(text) + added)],
            edits=edits,
            elements=[],
            flags=[],
            related=[],
            notes=None,
            review="accepted",
        )
    )
    fact_ids = [f"f-{article_id[2:]}-{i:03d}" for i in range(1, len(draft.facts) + 1)]
    for fact_id, spec in zip(fact_ids, draft.facts):
        body: dict[str, Any] = {name: None for name in Fact.model_fields}
        body["review"] = "accepted"
        body.update(participants=[], organizers=[], inputs=[])
        body.update({k: v for k, v in spec.items() if k != "span"})
        for key in ("subject_entity", "object_entity"):
            if body.get(key):
                body[key] = _entity_id(source_id, body[key])
        body["inputs"] = [fact_ids[i] for i in spec.get("inputs", [])]
        body.update(id=fact_id, article_id=article_id, evidence=make_span(text, *spec["span"]))
        tables.facts.append(Fact.model_validate(body))
    for name, s, e in draft.mentions:
        span = make_span(text, s, e)
        mentions.setdefault(name, []).append(Mention(article_id=article_id, **span.model_dump()))


def write_synth_archive(
    n_articles: int, seed: int, out: Path, *, per_page: int = 10
) -> ArchiveManifest:
    """Write a synthetic archive of ``n_articles`` to ``out``: the pages of
    :func:`write_synth` (the same seed, the same pages), each dated and given a paper in turn,
    so that they fill every partition ``publisher=<paper>/year=<yyyy>`` alike."""
    from newsfacts.release.archive import ArchiveWriter

    room_for(out, n_articles * BYTES_PER_ARTICLE, f"{n_articles} articles")
    rng = random.Random(seed)
    keys = [(paper, year) for year in ARCHIVE_YEARS for paper in ARCHIVE_PAPERS]
    with ArchiveWriter(out, version="0.0.0") as writer:
        for number, page in enumerate(synth_pages(n_articles, rng, per_page=per_page)):
            paper, year = keys[number % len(keys)]
            date = f"{year}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
            page.sources = [
                s.model_copy(update={"publisher": paper, "date": date}) for s in page.sources
            ]
            writer.add(page.as_dict())
    assert writer.manifest is not None
    return writer.manifest
