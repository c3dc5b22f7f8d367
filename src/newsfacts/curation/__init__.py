"""Curated files to a release: the curator's room.

What it is for: ``curated`` checks the shape of the curated TOML files before any quote is
resolved; ``articles`` builds a source and its articles and facts from them, ``entities``
the entities and their mentions; ``problems`` tells every problem at the curated file and
key it comes from; ``build`` puts it together, writes the release and runs every check of
``validate`` on it before it replaces the target. ``layout`` reads a new page's articles and
display lines, ``proposals`` makes each proposed line, byline and entity, ``facts`` each
proposed quantity and event, and ``draft`` writes them as curated files for a curator to
review.

What it may import: :mod:`newsfacts.validation` (to check what it wrote), :mod:`newsfacts.text`,
:mod:`newsfacts.release` and :mod:`newsfacts.models`. Not the CLI, ``diff`` or ``synth``.

What it offers: ``build.build``, ``build.build_tables``, ``build.BuildError``,
``build.CuratedTables``, ``draft.draft_page`` and ``draft.DraftError``.
"""
