"""The dataset card of a release: ``README.md`` with the YAML header the Hugging Face Hub and
``datasets`` read, one config per table (its Parquet file), so that
``datasets.load_dataset(RELEASE, "facts")`` loads the facts offline; below it, what the
release holds and how to cite it. Derived from the manifest alone, like the descriptors.
"""

from __future__ import annotations

from newsfacts._version import RELEASE_DATE
from newsfacts.models import TABLES, Manifest

__all__ = ["CARD", "CARD_MARK", "dataset_card"]

CARD = "README.md"
#: The line that says newsfacts wrote a card (a card of another version is still its own).
CARD_MARK = "<!-- dataset card written by newsfacts from manifest.json -->"


def dataset_card(manifest: Manifest) -> str:
    """The card of the release ``manifest`` describes: one config per table, its Parquet file
    (a release names them ``<table>.parquet``), and the version. Its counts are the
    manifest's, which ``validate`` checks against the files."""
    configs = "".join(
        f"  - config_name: {table}\n    data_files:\n      - split: train\n"
        f"        path: {table}.parquet\n"
        for table in TABLES
    )
    return (
        "---\n"
        "pretty_name: newsfacts\n"
        "language:\n  - zh\n"
        "license: cc-by-4.0\n"
        "task_categories:\n  - token-classification\n  - text-classification\n"
        "tags:\n  - information-extraction\n  - fact-checking\n  - provenance\n  - news\n"
        f"configs:\n{configs}"
        "---\n"
        f"{CARD_MARK}\n\n"
        f"# newsfacts {manifest.version}\n\n"
        "Chinese newspaper articles and the facts they state (quantities, events, relations,\n"
        "entities), each traceable to the exact characters of the printed page.\n\n"
        f"Release {manifest.version} ({RELEASE_DATE}); `manifest.json` gives each table's rows.\n"
        "One config per table (one split holding every record; the page-level train/test\n"
        "split is each source's `split`, which its articles and facts follow):\n"
        "`sources` (the raw pages, verbatim), `articles` (segments of a page and the edits that\n"
        "make their text), `facts` (each with an evidence span of its article's text) and\n"
        "`entities` (with every mention as a span). Ids link the tables: `facts.article_id`,\n"
        "`articles.source_id`, `facts.subject_entity`, `entities.mentions[].article_id`.\n\n"
        "```python\n"
        "from datasets import load_dataset\n\n"
        'facts = load_dataset("path/to/release", "facts", split="train")\n'
        "```\n\n"
        "The annotations are CC BY 4.0. The news text is not: it remains the copyright of its\n"
        "publishers and is included so that every annotation can be checked against the printed\n"
        "words. `manifest.json` gives each file's rows, bytes and sha256; `datapackage.json` and\n"
        "`croissant.json` describe the JSONL copies; cite the version you used\n"
        "(`CITATION.cff` of the newsfacts package).\n"
    )
