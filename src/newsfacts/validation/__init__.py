"""The guard: every check a release must pass, and the report of what fails.

What it is for: ``checks.validate`` is the entry point. A small release is read row by row
(``rows``) and each record goes through the checks of its family: ``identity`` (ids once,
references that resolve), ``texts`` (spans, hashes, assembly, mentions), ``values`` (value
texts, formulas, with ``formulas`` evaluating them) and ``files`` (the Parquet copy, the
manifest; ``descriptors`` for ``datapackage.json`` and ``croissant.json``). A large release
that parses cleanly takes the column path in :mod:`newsfacts.validation.fast` first; the
records it flags are explained by the same row checks. ``report`` holds the report and the
catalogue of error types.

The package is named ``validation`` so that ``newsfacts.validate`` stays the function.

What it may import: :mod:`newsfacts.text`, :mod:`newsfacts.release` and
:mod:`newsfacts.models`. Not ``curation``, ``diff``, ``synth`` or the CLI.

What it offers: ``checks.validate``, ``report.Report``, ``report.Problem`` and
``report.ERROR_TYPES``.
"""
