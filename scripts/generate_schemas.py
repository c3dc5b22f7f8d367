"""Write schemas/*.schema.json from the models. Run after changing src/newsfacts/models.py."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the checkout's models, even beside an installed copy

from newsfacts.release.schemas import SCHEMA_MODELS, schema_text  # noqa: E402


def main() -> None:
    out = ROOT / "schemas"
    out.mkdir(exist_ok=True)
    for name in SCHEMA_MODELS:
        path = out / f"{name}.schema.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(schema_text(name), encoding="utf-8")
        tmp.replace(path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
