"""Every page curated after the first has its second reading and its reconciliation, and the
curation log names each source."""

from __future__ import annotations

import sys

from ...conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RECONCILIATION = ROOT / "dataset" / "reconciliation"
FIRST_PAGE = "000_498095c5033c9e5e.txt"  # curated by hand before the loop; audited instead


def test_every_page_has_its_second_reading_and_reconciliation() -> None:
    log = (ROOT / "docs" / "curation-log.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "dataset" / "curated").glob("s-*/source.toml")):
        page = tomllib.loads(path.read_text(encoding="utf-8"))["file"]
        if page == FIRST_PAGE:
            continue
        stem = page.removesuffix(".txt")
        assert (RECONCILIATION / "second-reading" / f"{stem}.md").is_file(), page
        assert (RECONCILIATION / "compared" / f"reconciliation-{stem}.md").is_file(), page
        assert path.parent.name in log, f"{path.parent.name} is not in docs/curation-log.md"
