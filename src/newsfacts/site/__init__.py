"""The review site: a release as static pages a curator or a reader would rather look at.

What it is for: ``newsfacts review`` writes a folder of HTML pages that open from ``file://``
or any static host, with no network: ``render`` loads a release, runs ``validate`` on it and
makes every page; ``pages`` the index (sources and articles, with counts and review status),
the facts table and the entity pages; ``article`` an article's page (its text with every
fact's evidence highlighted and every mention linked, the source view with segments and edits,
the details of each fact); ``spans`` draws overlapping spans so that each one is a single
element holding exactly its text; ``cards`` a fact's fields and the problems found on a
record; ``chart`` inline SVG charts of an article's quantities; ``shell`` the frame of every
page and the escaping helpers; ``write`` writes the site atomically, replacing only a site
that newsfacts wrote (listed in its ``newsfacts-site.json``). ``assets/`` holds the one
stylesheet and the one script every page uses, shipped in the package.

What it may import: :mod:`newsfacts.validation` (the problems it shows), :mod:`newsfacts.release`
(loading, atomic writing), :mod:`newsfacts.text` and :mod:`newsfacts.models`. Nothing but the
CLI imports it.

What it offers: ``render.build_site``, ``render.render_site``, ``render.SiteSummary``,
``write.write_site``, ``write.check_site_replaceable``, ``write.SITE_MANIFEST`` and
``spans.render_layers``.
"""
