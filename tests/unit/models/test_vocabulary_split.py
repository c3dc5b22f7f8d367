"""page_split: the documented, deterministic split of a source, and the release follows it."""

from __future__ import annotations

import newsfacts
from newsfacts.models import page_split


def test_the_split_is_the_id_s_number_modulo_four() -> None:
    assert page_split("s-00000000") == "test"
    assert page_split("s-00000004") == "test"
    assert page_split("s-00000001") == "train"
    assert page_split("s-bcfbe062") == "train"  # 0x...62 % 4 == 2


def test_every_source_of_the_release_is_in_the_split_its_id_gives() -> None:
    sources = newsfacts.load().sources
    assert {s.id: s.split for s in sources} == {s.id: page_split(s.id) for s in sources}
    assert {"train", "test"} <= {s.split for s in sources}  # both splits hold pages
