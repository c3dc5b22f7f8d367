"""Write schemas/*.schema.json from the models. Run after changing src/newsfacts/models.py."""

from __future__ import annotations

from pathlib import Path

from newsfacts.schemas import SCHEMA_MODELS, schema_text

ROOT = Path(__file__).resolve().parent.parent


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
