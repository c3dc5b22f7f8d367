"""Reading printed Chinese: numbers, units and quantities; quotes and spans.

What it is for: everything that reads the characters of a page. ``quantity`` reads one
quantity expression (its number from ``numerals``, built from ``characters``; its unit and
qualifier words from ``markers``, over the printed forms in ``units``; money's 角 and 分 and a
currency before the number from ``money``). ``finder`` finds every quantity of a text,
``times`` resolves time expressions against the page's date, ``timing`` tells which of them a
quantity is stated for, ``events`` finds dated happenings, ``names`` the names of persons,
organisations, places and works. ``spans`` finds a curator's quote in a text,
makes spans with their context, and assembles an article's text from a page's segments and
edits.

What it may import: the standard library, cn2an, and :mod:`newsfacts.models` (the unit and
qualifier vocabularies, the span models). Nothing of ``release``, ``validation``,
``curation`` or the CLI.

What it offers: ``quantity.read_quantity``, ``quantity.Quantity``, ``quantity.UNITS`` and
``quantity.QUALIFIERS``; ``spans.find_quote``, ``spans.make_span``, ``spans.assemble``,
``spans.assembled_text`` and ``spans.QuoteError``; ``finder.find_quantities``,
``times.resolve_time``, ``times.find_times`` and ``events.find_events``. The submodules are
imported where they are used, so ``import newsfacts`` does not load the number reader."""
