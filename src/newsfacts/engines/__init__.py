"""Engines: an archive validated on one machine or on a cluster, with the same checks and the
same report.

What it is for: ``local.validate_archive`` is the entry point. ``partition`` checks one
partition of an archive with the validator of a release and reads its id columns; ``cross``
checks the archive manifest and, on the id columns the engines group, what lies across
partitions (ids used in two partitions, references to another partition, entity copies that
disagree), and makes the report; ``local`` runs the partitions one after another in this
process, ``on_dask`` maps them over a Dask cluster (``newsfacts[dask]``; dask is imported only
there), ``on_spark`` over the executors of a Spark cluster (``newsfacts[spark]``; pyspark is
imported only there); ``errors`` names the engines and the error of one that cannot run.

What it may import: :mod:`newsfacts.validation`, :mod:`newsfacts.release` and
:mod:`newsfacts.models`; pyarrow, and dask, distributed and pandas inside ``on_dask``, pyspark
inside ``on_spark``. Not ``curation``, ``diff``, ``synth`` or the CLI.

What it offers: ``local.validate_archive``, ``errors.ENGINES``, ``errors.EngineError``,
``partition.check_partition``, ``cross.report_of``, ``on_dask.local_cluster`` and
``on_spark.spark_session``.
"""
