"""The site of a release: load it, run ``validate`` on it, make every page, write them.

``build_site(release, out)`` is what ``newsfacts review`` calls. The pages are made in memory
(:func:`render_site`: relative path -> bytes) and written in one atomic step
(:func:`newsfacts.site.write.write_site`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from newsfacts.models import Entity, Fact, Mention
from newsfacts.release.atomic import TargetError
from newsfacts.release.loader import Dataset, load
from newsfacts.site.article import article_page
from newsfacts.site.pages import entities_page, entity_page, facts_page, index_page
from newsfacts.site.write import write_site
from newsfacts.validation.checks import validate
from newsfacts.validation.report import Problem, Report

__all__ = ["ASSETS", "SiteSummary", "build_site", "render_site"]

#: The script and style every page links to, shipped in the package.
ASSETS = ("site.css", "site.js")


@dataclass(frozen=True)
class SiteSummary:
    """What a site holds, for the command to tell."""

    path: Path
    release: Path
    version: str | None
    pages: int
    articles: int
    facts: int
    entities: int
    problems: int
    seconds: float


def _asset(name: str) -> bytes:
    return (files("newsfacts.site") / "assets" / name).read_bytes()


def _problems_by_record(report: Report) -> tuple[dict[str, list[Problem]], list[Problem]]:
    by_record: dict[str, list[Problem]] = defaultdict(list)
    others = []
    for problem in report.problems:
        if problem.record_id:
            by_record[problem.record_id].append(problem)
        else:
            others.append(problem)
    return by_record, others


def render_site(ds: Dataset, report: Report) -> dict[str, bytes]:
    """Every file of the site of ``ds``, with the problems of ``report`` shown on the records
    they concern: relative path -> bytes."""
    problems, release_problems = _problems_by_record(report)
    version = ds.version
    articles = sorted(ds.articles, key=lambda a: a.id)
    facts_of: dict[str, list[Fact]] = defaultdict(list)
    for fact in sorted(ds.facts, key=lambda f: (f.article_id, f.evidence.start, f.id)):
        facts_of[fact.article_id].append(fact)
    mentions_of: dict[str, list[tuple[Entity, Mention, int]]] = defaultdict(list)
    for entity in ds.entities:
        for number, mention in enumerate(entity.mentions):
            mentions_of[mention.article_id].append((entity, mention, number))
    sources = {s.id: s for s in ds.sources}
    by_id = {a.id: a for a in articles}
    names = {e.id: e.name for e in ds.entities}
    out: dict[str, str] = {
        "index.html": index_page(
            ds.sources, articles, facts_of, ds.entities, problems, release_problems, version
        ),
        "facts.html": facts_page(
            [f for a in articles for f in facts_of.get(a.id, [])]
            + [f for f in ds.facts if f.article_id not in by_id],
            {a.id: a.title for a in articles},
            version,
        ),
        "entities.html": entities_page(sorted(ds.entities, key=lambda e: e.name), version),
    }
    for article in articles:
        out[f"articles/{article.id}.html"] = article_page(
            article,
            sources.get(article.source_id),
            facts_of.get(article.id, []),
            mentions_of.get(article.id, []),
            problems,
            version,
        )
    for entity in ds.entities:
        out[f"entities/{entity.id}.html"] = entity_page(
            entity, by_id, sources, names, problems.get(entity.id, []), version
        )
    data = {name: html.encode("utf-8") for name, html in out.items()}
    for name in ASSETS:
        data[f"assets/{name}"] = _asset(name)
    return data


def build_site(
    release: str | Path | None,
    out: str | Path,
    *,
    progress: Callable[[str], None] | None = None,
    check: Callable[[Path], Report] = validate,
) -> SiteSummary:
    """Write the review site of the release at ``release`` (default: the packaged one) to the
    folder ``out``. Raises ``LoadError`` for what is not a release and ``TargetError`` for an
    ``out`` that newsfacts did not write, or that is inside the release (which would then hold
    a folder its manifest does not list). ``check`` validates what is read (an archive needs
    the engines' validation: the CLI gives it)."""
    started = time.perf_counter()
    if progress:
        progress("loading")
    ds = load(release)
    if Path(out).resolve().is_relative_to(Path(ds.path).resolve()):
        raise TargetError(
            f"{out} is or is inside the release it reviews: the release would then hold a "
            "folder its manifest does not list; nothing was written. Choose a folder outside it."
        )
    if progress:
        progress("validating")
    report = check(Path(ds.path))
    if progress:
        progress("writing pages")
    data = render_site(ds, report)
    write_site(data, Path(out), version=ds.version)
    return SiteSummary(
        path=Path(out),
        release=ds.path,
        version=ds.version,
        pages=sum(name.endswith(".html") for name in data),
        articles=len(ds.articles),
        facts=len(ds.facts),
        entities=len(ds.entities),
        problems=len(report.problems),
        seconds=time.perf_counter() - started,
    )
