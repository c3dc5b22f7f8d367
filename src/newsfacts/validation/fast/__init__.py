"""The column path of ``validate``: a release checked a block at a time with whole-column
operations, in flat memory.

What it is for: ``blocks`` reads each JSONL file in blocks of whole lines next to its Parquet
copy; ``pipeline`` runs readers a block ahead in threads and the checks a block can make by
itself in a pool, several blocks at once; ``columns`` checks the models' rules as Arrow
kernels; ``vectors`` checks spans and article assembly as slices of texts end to end;
``stores`` holds the texts and columns kept between blocks; ``cross`` checks across tables and
values; ``memory`` keeps glibc from returning what a scan frees; ``scan`` runs the passes and
returns the rows to explain, or None where the row path must read everything.

What it may import: :mod:`newsfacts.validation.values` (the plain-number reader both paths
share), :mod:`newsfacts.text`, :mod:`newsfacts.release` and :mod:`newsfacts.models`. The
entry point (``validation.checks``) imports it, never the other way round.

What it offers: ``scan.scan`` and ``scan.Scan``.
"""
