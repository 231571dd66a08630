"""Write the Binder links into README.md between its link markers, from helpers/collection.py.

    .venv/bin/python scripts/readme_links.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.collection import binder_links_markdown  # noqa: E402

START, END = "<!-- binder-links:start -->", "<!-- binder-links:end -->"


def updated(readme: str) -> str:
    block = f"{START}\n{binder_links_markdown()}\n{END}"
    new, count = re.subn(re.escape(START) + r".*?" + re.escape(END), lambda _: block, readme, flags=re.S)
    if count != 1:
        raise SystemExit(f"README.md must contain exactly one {START} … {END} block")
    return new


def main() -> int:
    path = ROOT / "README.md"
    path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
    print("README.md links updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
