"""A source and its articles from their curated files: every quote resolved in the page, the
edits applied, markup edits and sections derived, each record checked against its model.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Any

from newsfacts.curation.curated import CuratedSource
from newsfacts.models import Article, Edit, Element, Fact, Section, Segment, Source, page_split
from newsfacts.release.reading import read_regular
from newsfacts.text.spans import (
    Assembled,
    AssemblyError,
    assemble,
    make_span,
    marked_text,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from newsfacts.curation.problems import Problems

__all__ = ["build_article", "build_source", "load_toml"]

#: Conversion markup inside a segment, removed by edits the build records itself.
_MARKUP = (
    (re.compile(r"(?m)^## "), "Markdown heading marker added by the layout conversion."),
    (re.compile(r"\*\*"), "Markdown bold marker added by the layout conversion."),
)


def load_toml(path: Path, problems: Problems, *, empty: bool = False) -> dict[str, Any]:
    """A curated file's tables; {} with its problem where it cannot be read, or holds nothing
    unless it may be ``empty`` (a source or an article emptied by mistake must not drop out of
    the release without a word; a file of entities may hold only the names it proposes)."""
    try:
        data: dict[str, Any] = tomllib.loads(read_regular(path).decode("utf-8"))
    except OSError as exc:
        problems.add(path, None, f"cannot read: {exc.strerror or exc}")
        return {}
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.add(path, None, f"cannot read: {exc}")
        return {}
    except RecursionError:
        problems.add(path, None, "cannot read: its values are nested too deeply")
        return {}
    if not data and not empty:
        problems.add(path, None, "the file holds nothing (no key, no table): fill it or delete it")
    return data


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_source(folder: Path, sources_dir: Path, problems: Problems) -> tuple[Source | None, str]:
    path = folder / "source.toml"
    meta = load_toml(path, problems)
    if not meta or not problems.shape(path, CuratedSource, meta):
        return None, ""
    raw_path = sources_dir / str(meta.get("file", ""))
    try:
        raw = read_regular(raw_path)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(path, "$.file", f"cannot read the raw source {raw_path.name}: {exc}")
        return None, ""
    sha = _sha256(raw)
    data = {k: v for k, v in meta.items() if k != "file"}
    data.update(id=f"s-{sha[:8]}", sha256=sha, text=text, path=f"sources/{raw_path.name}")
    for name in ("publisher", "date", "place", "notes"):  # TOML has no null: absent is unknown
        data.setdefault(name, None)
    data.setdefault("inferred", [])
    data["split"] = page_split(data["id"])
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


def _line(quote: str | None) -> str | None:
    """A display line as the record keeps it: the marked part of a quote with context."""
    return marked_text(quote) if quote else None


def _element(
    path: Path, problems: Problems, source: str, role: str, quote: str, at: str
) -> Element | None:
    found = problems.quote(path, at, source, quote)
    if not found:
        return None
    start, end = found[0]
    return Element(role=role, start=start, end=end, exact=source[start:end])  # type: ignore[arg-type]


def build_article(
    path: Path, cur: dict[str, Any], source_id: str, source: str, problems: Problems
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
    # a headline line printed again in the text is quoted with its context: # [[…]]（今日谈）
    headline = " ".join(marked_text(line) for line in headline_lines) if headline_lines else None
    data = {
        "id": article_id,
        "source_id": source_id,
        "headline": headline,
        "title": headline or cur.get("title"),
        "title_editorial": headline is None,
        "kicker": _line(cur.get("kicker")),
        "overline": _line(cur.get("overline")),
        "subheadline": _line(cur.get("subheadline")),
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
        "review": cur.get("status", "accepted"),
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
        body = {k: v for k, v in spec.items() if k not in ("id", "evidence", "inputs", "status")}
        body["review"] = spec.get("status", cur.get("status", "accepted"))
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
