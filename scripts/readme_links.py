"""Write the Binder links into README.md (between its link markers) and into the stored outputs of the
notebooks that show them (00_start_here), from helpers/collection.py.

    .venv/bin/python scripts/readme_links.py                # from REPOSITORY in helpers/collection.py
    .venv/bin/python scripts/readme_links.py --from-remote  # first set REPOSITORY from `git remote get-url origin`
    make links                                              # the same as --from-remote

REPOSITORY ("owner/name") is a placeholder until the collection is published on GitHub. With
--from-remote, a GitHub remote (https://github.com/owner/name.git, git@github.com:owner/name.git or
ssh://git@github.com/owner/name) becomes the REPOSITORY; any other remote is refused with a message and
nothing changes. Notebook outputs are rewritten in place (only the repository part of each mybinder.org
link), so they stay what a fresh kernel prints and nbval still passes; no notebook is re-executed.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import helpers.collection as collection  # noqa: E402

START, END = "<!-- binder-links:start -->", "<!-- binder-links:end -->"
COLLECTION = ROOT / "helpers" / "collection.py"
GITHUB = re.compile(
    r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$"
)
BINDER_REPO = re.compile(r"(https://mybinder\.org/v2/gh/)[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/")


def repository_from_url(url: str) -> str | None:
    """'owner/name' for a GitHub remote URL, else None."""
    match = GITHUB.match(url.strip())
    return match["repo"] if match else None


def remote_url(remote: str = "origin") -> str:
    result = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", remote], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"no git remote {remote!r}: {result.stderr.strip()}")
    return result.stdout.strip()


def set_repository(repository: str) -> bool:
    """Write REPOSITORY = "owner/name" into helpers/collection.py; True if it changed."""
    text = COLLECTION.read_text(encoding="utf-8")
    new, count = re.subn(r'^REPOSITORY = "[^"]*"', f'REPOSITORY = "{repository}"', text, count=1, flags=re.M)
    if count != 1:
        raise SystemExit(f'{COLLECTION}: no line REPOSITORY = "..."')
    if new != text:
        COLLECTION.write_text(new, encoding="utf-8")
    return new != text


TABLE_START, TABLE_END = "<!-- notebooks:start -->", "<!-- notebooks:end -->"


def replace_block(readme: str, start: str, end: str, body: str) -> str:
    new, count = re.subn(re.escape(start) + r".*?" + re.escape(end), lambda _: f"{start}\n{body}\n{end}", readme, flags=re.S)
    if count != 1:
        raise SystemExit(f"README.md must contain exactly one {start} … {end} block")
    return new


def updated(readme: str) -> str:
    """README with its Binder links and its table of notebooks written from helpers/collection.py."""
    readme = replace_block(readme, START, END, collection.binder_links_markdown())
    return replace_block(readme, TABLE_START, TABLE_END, collection.notebooks_table_markdown())


def relink_notebooks(repository: str) -> list[str]:
    """Point every mybinder.org link stored in a notebook at the repository; returns the files changed."""
    changed = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        new = BINDER_REPO.sub(lambda m: f"{m[1]}{repository}/", text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path.name)
    return changed


def main(argv: list[str]) -> int:
    if "--from-remote" in argv:
        url = remote_url()
        repository = repository_from_url(url)
        if repository is None:
            print(
                f"The git remote 'origin' is {url}, not a GitHub repository: Binder links need one "
                f"(mybinder.org/v2/gh/owner/name). Nothing changed; REPOSITORY stays {collection.REPOSITORY!r}.",
                file=sys.stderr,
            )
            return 1
        if set_repository(repository):
            print(f"helpers/collection.py: REPOSITORY = {repository!r}")
        importlib.reload(collection)
    path = ROOT / "README.md"
    path.write_text(updated(path.read_text(encoding="utf-8")), encoding="utf-8")
    changed = relink_notebooks(collection.REPOSITORY)
    print(f"README.md links point to {collection.REPOSITORY}; notebook outputs relinked: {', '.join(changed) or 'none needed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
