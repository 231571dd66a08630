"""Write notebooks/glossary.md from helpers/glossary.yaml (a test checks it is up to date).

    .venv/bin/python scripts/write_glossary.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.glossary import glossary_markdown  # noqa: E402

PAGE = ROOT / "notebooks" / "glossary.md"


def main() -> int:
    PAGE.write_text(glossary_markdown(), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
