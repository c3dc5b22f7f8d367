"""Build a release from raw sources and curated files.

Curated files hold quotes, never offsets (see ``docs/curation.md``). The build resolves every
quote, applies the edits, derives what can be derived (markup edits, sections, spans' context)
and validates each record against its model. Every problem is collected and reported with the
curated file it comes from; nothing is written unless the whole build succeeds.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from newsfacts._version import __version__
from newsfacts.curation.curated import CuratedArticle, CuratedEntities, CuratedSource, shape_errors
from newsfacts.models import Article, Edit, Element, Entity, Fact, Section, Segment, Source
from newsfacts.models.messages import describe, json_path
from newsfacts.release.io import write_release
from newsfacts.text.spans import (
    Assembled,
    AssemblyError,
    QuoteError,
    assemble,
    find_quote,
    make_span,
)
from newsfacts.validation.report import Problem, Report

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["BuildError", "Tables", "build", "build_tables"]

M = TypeVar("M", bound=BaseModel)

#: Conversion markup inside a segment, removed by edits the build records itself.
_MARKUP = (
    (re.compile(r"(?m)^## "), "Markdown heading marker added by the layout conversion."),
    (re.compile(r"\*\*"), "Markdown bold marker added by the layout conversion."),
)


class BuildError(Exception):
    """The curated files do not build; ``problems`` lists every one as 'file: message'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


#: The curated key a derived id comes from: an article's from its number, a source's from the
#: raw file's hash.
_ID_KEYS = {"a": "$.number", "s": "$.file"}


@dataclass
class Tables:
    """The records of a release, by table, sorted by id."""

    sources: list[Source] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    #: The curated file each record was built from, by record id.
    #: Where each record is curated: the file and the JSON path of the record in it.
    origins: dict[str, tuple[Path, str]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, problems: _Problems, table: list[Any], record: Any, path: Path, at: str) -> None:
        """Add a record curated at ``path`` and ``at``; a second record of its id is a problem."""
        if record.id in self.origins:
            first, first_at = self.origins[record.id]
            key = _ID_KEYS.get(record.id[:1], f"{at}.id")
            first_place = f"{problems.name(first)} {first_at}"
            problems.add(path, key, f"id {record.id} is used twice (first at {first_place})")
            return
        self.origins[record.id] = (path, at)
        table.append(record)

    def as_dict(self) -> dict[str, list[Any]]:
        return {
            "sources": self.sources,
            "articles": self.articles,
            "facts": self.facts,
            "entities": self.entities,
        }


#: Record fields the build derives from one curated key: a problem of the field is told at
#: that key (``evidence.start`` comes from the ``evidence`` quote).
_DERIVED_FROM = {
    "evidence": "evidence",
    "mentions": "mentions",
    "sha256": "file",
    "text": "file",
    "path": "file",
}


def curated_key(at: str, loc: tuple[int | str, ...]) -> str:
    """The JSON path in a curated file of a record field: ``at`` is where the record is curated
    (``$.facts[5]``), ``loc`` the field's place in the record (``("evidence", "start")``)."""
    if loc and loc[0] in _DERIVED_FROM:
        loc = (_DERIVED_FROM[str(loc[0])],)
    return json_path(loc, root=at)


class _Problems:
    """Collects problems so that one build run reports all of them, each as
    ``FILE $.path: message``: the curated file and the JSON path of the key, 0-based, the
    style ``newsfacts validate`` prints."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[str] = []

    def name(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path, at: str | None, message: str) -> None:
        """A problem at the key ``at`` of the file (None: of the file as a whole)."""
        where = self.name(path) + (f" {at}" if at else "")
        self.items.append(f"{where}: {message}")

    def model(self, path: Path, at: str, cls: type[M], data: dict[str, Any]) -> M | None:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                self.add(path, curated_key(at, tuple(err["loc"])), describe(err, cls))
            return None

    def shape(self, path: Path, model: type[BaseModel], data: dict[str, Any]) -> bool:
        """Whether a curated file is shaped as it should be; its problems are recorded."""
        errors = shape_errors(model, data)
        for at, message in errors:
            self.add(path, at, message)
        return not errors

    def quote(self, path: Path, at: str, text: str, quote: str, **kw: Any) -> list[tuple[int, int]]:
        try:
            return find_quote(text, quote, **kw)
        except QuoteError as exc:
            self.add(path, at, f"quote {quote!r}: {exc}")
            return []


def _load_toml(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.add(path, None, f"cannot read: {exc}")
        return {}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _source(folder: Path, sources_dir: Path, problems: _Problems) -> tuple[Source | None, str]:
    path = folder / "source.toml"
    meta = _load_toml(path, problems)
    if not meta or not problems.shape(path, CuratedSource, meta):
        return None, ""
    raw_path = sources_dir / str(meta.get("file", ""))
    try:
        raw = raw_path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(path, "$.file", f"cannot read the raw source {raw_path.name}: {exc}")
        return None, ""
    sha = _sha256(raw)
    data = {k: v for k, v in meta.items() if k != "file"}
    data.update(id=f"s-{sha[:8]}", sha256=sha, text=text, path=f"sources/{raw_path.name}")
    if folder.name != data["id"]:
        problems.add(path, None, f"the folder must be named after the source id {data['id']}")
    return problems.model(path, "$", Source, data), text


def _markup_edits(source: str, segments: list[Segment]) -> list[Edit]:
    edits = []
    for seg in segments:
        for pattern, rationale in _MARKUP:
            for match in pattern.finditer(source, seg.start, seg.end):
                edits.append(
                    Edit(
                        kind="markup",
                        start=match.start(),
                        end=match.end(),
                        before=match.group(),
                        after="",
                        confidence="certain",
                        rationale=rationale,
                        reference=None,
                    )
                )
    return edits


def _sections(text: str, assembled: Assembled, edits: list[Edit]) -> list[Section]:
    """Headings are the lines whose source starts with a heading marker."""
    markers = {(e.start, e.end) for e in edits if e.kind == "markup" and e.before == "## "}
    sections = []
    for piece in assembled.pieces:
        if not piece.verbatim and (piece.source_start, piece.source_end) in markers:
            begin = piece.text_end
            stop = text.find("\n", begin)
            stop = len(text) if stop == -1 else stop
            sections.append(Section(heading=text[begin:stop], start=begin, end=stop))
    return sections


def _element(
    path: Path, problems: _Problems, source: str, role: str, quote: str, at: str
) -> Element | None:
    found = problems.quote(path, at, source, quote)
    if not found:
        return None
    start, end = found[0]
    return Element(role=role, start=start, end=end, exact=source[start:end])  # type: ignore[arg-type]


def _article(
    path: Path, cur: dict[str, Any], source_id: str, source: str, problems: _Problems
) -> tuple[Article | None, list[tuple[str, Fact]]]:
    """The article of a curated file, and its facts with the JSON path each is curated at."""
    number = int(cur.get("number", 0))
    article_id = f"a-{source_id[2:]}-{number:02d}"
    segments = []
    for i, seg in enumerate(cur.get("segments", [])):
        first = problems.quote(path, f"$.segments[{i}].start", source, seg.get("start", ""))
        last = problems.quote(path, f"$.segments[{i}].end", source, seg.get("end", ""))
        if first and last:
            segments.append(Segment(start=first[0][0], end=last[0][1]))
    if not cur.get("segments"):
        problems.add(path, "$.segments", "an article needs at least one segment")
    if not segments or len(segments) != len(cur.get("segments", [])):
        return None, []  # the unresolved quotes are reported already
    edits = _markup_edits(source, segments)
    for i, spec in enumerate(cur.get("edits", [])):
        at = f"$.edits[{i}]"
        for start, end in problems.quote(path, f"{at}.quote", source, spec.get("quote", "")):
            extra = {k: v for k, v in spec.items() if k != "quote"}
            edit = problems.model(
                path,
                at,
                Edit,
                {
                    "start": start,
                    "end": end,
                    "before": source[start:end],
                    "reference": None,
                    **extra,
                },
            )
            if edit:
                edits.append(edit)
    edits.sort(key=lambda e: (e.start, e.end))
    try:
        assembled = assemble(source, segments, edits)
    except AssemblyError as exc:
        problems.add(path, "$.segments", f"the segments and edits do not assemble: {exc}")
        return None, []
    text = assembled.text

    def span_of(at: str, quote: str) -> Any:
        found = problems.quote(path, at, text, quote)
        return make_span(text, *found[0]) if found else None

    elements = []
    for role in ("kicker", "overline", "subheadline"):
        if cur.get(role):
            elements.append(_element(path, problems, source, role, cur[role], f"$.{role}"))
    headline_lines = cur.get("headline", [])
    for i, line in enumerate(headline_lines):
        elements.append(_element(path, problems, source, "headline", line, f"$.headline[{i}]"))
    if cur.get("series_printed"):
        series = cur["series_printed"]
        elements.append(_element(path, problems, source, "series", series, "$.series_printed"))
    if cur.get("byline"):
        elements.append(_element(path, problems, source, "byline", cur["byline"], "$.byline"))
    bylines = []
    for b in cur.get("bylines", []):
        bylines.append(
            {
                "name": re.sub(r"\s+", "", b.get("printed", "")),
                "printed": b.get("printed"),
                "role": b.get("role"),
                "role_printed": b.get("role_printed"),
            }
        )
    flags = []
    for i, f in enumerate(cur.get("flags", [])):
        span = span_of(f"$.flags[{i}].quote", f["quote"]) if f.get("quote") else None
        flags.append({"type": f.get("type"), "note": f.get("note"), "span": span})
    headline = " ".join(headline_lines) if headline_lines else None
    data = {
        "id": article_id,
        "source_id": source_id,
        "headline": headline,
        "title": headline or cur.get("title"),
        "title_editorial": headline is None,
        "kicker": cur.get("kicker"),
        "overline": cur.get("overline"),
        "subheadline": cur.get("subheadline"),
        "series": cur.get("series"),
        "series_number": cur.get("series_number"),
        "genre": cur.get("genre"),
        "dateline": cur.get("dateline"),
        "bylines": bylines,
        "text": text,
        "sections": _sections(text, assembled, edits),
        "segments": segments,
        "edits": edits,
        "elements": [e for e in elements if e is not None],
        "flags": flags,
        "related": [f"a-{source_id[2:]}-{int(n):02d}" for n in cur.get("related", [])],
        "notes": cur.get("notes"),
    }
    if headline and cur.get("title"):
        problems.add(path, "$.title", "give a title only where the page prints no headline")
    article = problems.model(path, "$", Article, data)
    facts: list[tuple[str, Fact]] = []
    for i, spec in enumerate(cur.get("facts", [])):
        at = f"$.facts[{i}]"
        evidence = span_of(f"{at}.evidence", spec.get("evidence", ""))
        if evidence is None:
            continue
        body = {k: v for k, v in spec.items() if k not in ("id", "evidence", "inputs")}
        body.update(
            id=f"f-{article_id[2:]}-{int(spec.get('id', 0)):03d}",
            article_id=article_id,
            evidence=evidence,
            inputs=[f"f-{article_id[2:]}-{int(n):03d}" for n in spec.get("inputs", [])],
        )
        for name in Fact.model_fields:
            body.setdefault(name, [] if name in ("participants", "organizers") else None)
        fact = problems.model(path, at, Fact, body)
        if fact:
            facts.append((at, fact))
    return article, facts


def _entities(
    path: Path, problems: _Problems, texts: dict[str, str], failed: set[str]
) -> list[tuple[str, Entity]]:
    """The entities of a curated file, with the JSON path each is curated at."""
    entities: list[tuple[str, Entity]] = []
    data = _load_toml(path, problems)
    if not problems.shape(path, CuratedEntities, data):
        return entities
    for i, spec in enumerate(data.get("entities", [])):
        at = f"$.entities[{i}]"
        mentions = []
        places: dict[tuple[str, int, int], int] = {}
        for j, m in enumerate(spec.get("mentions", [])):
            article_id = m.get("article", "")
            if article_id in failed:
                continue  # that article's own problems are reported; its mentions wait for it
            if article_id not in texts:
                problems.add(path, f"{at}.mentions[{j}].article", f"no article {article_id!r}")
                continue
            text = texts[article_id]
            for start, end in problems.quote(
                path,
                f"{at}.mentions[{j}].quote",
                text,
                m.get("quote", ""),
                every=m.get("every", False),
            ):
                place = (article_id, start, end)
                if place in places:
                    problems.add(
                        path,
                        f"{at}.mentions[{j}]",
                        f"names the mention {text[start:end]!r} of {article_id} at {start}-{end} "
                        f"that {at}.mentions[{places[place]}] names already",
                    )
                    continue
                places[place] = j
                mentions.append(
                    {"article_id": article_id, **make_span(text, start, end).model_dump()}
                )
        body = {k: v for k, v in spec.items() if k != "mentions"}
        body["mentions"] = sorted(mentions, key=lambda m: (m["article_id"], m["start"]))
        for name, default in (
            ("aliases", []),
            ("posts", []),
            ("parent", None),
            ("description", None),
        ):
            body.setdefault(name, default)
        entity = problems.model(path, at, Entity, body)
        if entity:
            entities.append((at, entity))
    return entities


def build_tables(dataset_dir: Path) -> Tables:
    """Read ``sources/`` and ``curated/`` under ``dataset_dir`` and return the checked records."""
    curated = dataset_dir / "curated"
    problems = _Problems(dataset_dir)
    tables = Tables()
    texts: dict[str, str] = {}
    failed: set[str] = set()
    if not curated.is_dir():
        raise BuildError([f"{curated}: no curated folder"])
    for folder in sorted(p for p in curated.glob("s-*") if p.is_dir()):
        source, raw = _source(folder, dataset_dir / "sources", problems)
        for path in sorted(folder.glob("a*.toml")):
            # the id an article file stands for, even if the file or its source does not build
            article_id = f"a-{folder.name[2:]}-{path.stem[1:]}"
            cur = _load_toml(path, problems) if source is not None else {}
            article: Article | None = None
            facts: list[tuple[str, Fact]] = []
            if cur and source is not None and problems.shape(path, CuratedArticle, cur):
                article, facts = _article(path, cur, source.id, raw, problems)
            if article is None:
                failed.add(article_id)
                continue
            expected = f"a{int(cur.get('number', 0)):02d}.toml"
            if path.name != expected:
                problems.add(path, "$.number", f"the file of article {article.id} is {expected}")
            tables.add(problems, tables.articles, article, path, "$")
            texts[article.id] = article.text
            for at, fact in facts:
                tables.add(problems, tables.facts, fact, path, at)
        if source is not None:
            tables.add(problems, tables.sources, source, folder / "source.toml", "$")
    for path in sorted((curated / "entities").glob("*.toml")):
        for at, entity in _entities(path, problems, texts, failed):
            tables.add(problems, tables.entities, entity, path, at)
    for records in tables.as_dict().values():
        records.sort(key=_id_key)
    for name, records in tables.as_dict().items():
        if not records and not problems.items:
            problems.add(curated, None, f"no {name}; a release holds at least one of each table")
    if problems.items:
        raise BuildError(problems.items)
    return tables


def _id_key(record: Any) -> str:
    return str(record.id)


#: What a reference field names, for the message of a dangling reference.
_TARGETS = {
    "source_id": "source",
    "article_id": "article",
    "related": "article",
    "subject_entity": "entity",
    "object_entity": "entity",
    "parent": "entity",
    "inputs": "fact",
}
_KINDS = {"s": "source", "a": "article", "f": "fact", "e": "entity"}


def _toml_key(kind: str, json_path: str | None) -> str:
    """The part of a record's JSON path that names a curated key (``$.inputs[1]`` ->
    ``.inputs[1]``; a derived field is told at the key it is derived from)."""
    if not json_path or json_path == "$":
        return ""
    key = json_path.removeprefix("$")
    if kind == "fact" and key.startswith(".evidence"):
        return ".evidence"  # the span is resolved from the evidence quote
    if kind == "entity" and key.startswith(".mentions"):
        return ".mentions"  # mentions are resolved and sorted: their order is not the file's
    return key


def _message(problem: Problem) -> str:
    if problem.type == "dangling-reference" and problem.field:
        name = re.sub(r"\[\d+\]$", "", problem.field.split(".")[-1])
        target = problem.message.split(" names ", 1)[-1].split(", which", 1)[0]
        if name in _TARGETS:
            return f"no {_TARGETS[name]} has the id {target!r}"
    return problem.message


def release_problems(report: Report, tables: Tables, root: Path) -> list[str]:
    """Each problem of a validated release, at the curated file and key it comes from:
    ``FILE RECORD $.path: message``."""
    items = []
    for problem in report.problems:
        origin = tables.origins.get(problem.record_id or "")
        if origin is None:
            items.append(str(problem))
            continue
        path, at = origin
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.as_posix()
        kind = _KINDS.get((problem.record_id or "?")[0], "record")
        key = at + _toml_key(kind, problem.field)
        items.append(f"{name} {problem.record_id} {key}: {_message(problem)}")
    return items


def build(dataset_dir: Path, out: Path | None = None, *, version: str = __version__) -> Path:
    """Build the release of ``dataset_dir`` into ``out`` (default ``dataset_dir/release``).

    The release is written into a temporary folder and validated there, with every check of
    ``newsfacts validate``; only a valid release replaces ``out``.
    """
    from newsfacts.validation.checks import validate

    tables = build_tables(dataset_dir)
    target = out if out is not None else dataset_dir / "release"

    def check(folder: Path) -> None:
        report = validate(folder)
        if not report.valid:
            raise BuildError(release_problems(report, tables, dataset_dir))

    write_release(tables.as_dict(), target, version=version, check=check)
    return target
