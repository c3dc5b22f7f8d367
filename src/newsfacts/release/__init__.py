"""A release on disk: reading it safely, writing it atomically, and what describes it.

What it is for: ``reading`` is the one guarded path by which every reader opens a release file
(regular files inside the release only, bounded, duplicate keys and deep nesting refused);
``loader`` loads a release into models and Arrow tables; ``formats`` (JSONL lines, Arrow
schemas, CSV cells), ``manifest``, ``atomic`` (folders replaced only when newsfacts wrote
everything in them) and ``writer`` write releases and exports; ``archive`` writes and reads
archives (Hive partitions ``publisher=<p>/year=<yyyy>/`` of Parquet files, read through
``pyarrow.dataset``); ``schemas`` (JSON Schemas),
``metadata`` (``datapackage.json``, ``croissant.json``) and ``stats`` describe one;
``resources`` finds the packaged release and schemas.

What it may import: the standard library, pydantic, pyarrow and :mod:`newsfacts.models`.
Nothing of ``text``, ``validation``, ``curation`` or the CLI: a release is written and read
without judging it.

What it offers: ``loader.load``, ``loader.Dataset``, ``reading.LoadError``,
``writer.write_release``, ``writer.export``, ``writer.ReleaseWriter``,
``atomic.atomic_directory``, ``atomic.TargetError``, ``archive.write_archive``,
``archive.ArchiveWriter``, ``archive.read_archive_table``, ``archive.is_archive``,
``formats.arrow_schema``,
``schemas.json_schema``, ``metadata.datapackage``, ``metadata.croissant``,
``stats.summarise``, ``resources.release_dir`` and ``resources.schema_dir``.
"""
