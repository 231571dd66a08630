"""`make links` (scripts/readme_links.py --from-remote): Binder links derived from the git remote.

Each test works in a temporary clone of the repository (with this tree's script copied in), whose
remote is set to a GitHub URL (or not), and runs the script there as `make links` does.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess

import pytest

from .conftest import ROOT, reader_env

SCRIPT = ROOT / "scripts" / "readme_links.py"


def load_script():
    spec = importlib.util.spec_from_file_location("readme_links", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://github.com/someone/nav-copy.git", "someone/nav-copy"),
        ("https://github.com/someone/nav-copy", "someone/nav-copy"),
        ("git@github.com:some-org/nav.tiltak.git", "some-org/nav.tiltak"),
        ("ssh://git@github.com/some_org/nav/", "some_org/nav"),
        ("https://gitlab.com/someone/nav-copy.git", None),
        ("/srv/git/nav.git", None),
        ("https://github.com/only-owner", None),
    ],
)
def test_repository_from_a_remote_url(url, expected):
    assert load_script().repository_from_url(url) == expected


@pytest.fixture
def clone(tmp_path):
    target = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    shutil.copy2(SCRIPT, target / "scripts" / "readme_links.py")
    # `make links` in the clone uses this checkout's environment, set up from this tree's locks: with the same
    # locks and pyproject.toml (nav.py compares their contents with the set-up's) make installs nothing and
    # runs the command as a reader types it.
    for name in ("requirements.lock", "requirements-dev.lock", "pyproject.toml", "nav.py", "Makefile"):
        shutil.copy2(ROOT / name, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return target


def run_links(clone, remote: str) -> subprocess.CompletedProcess:
    subprocess.run(["git", "-C", str(clone), "remote", "set-url", "origin", remote], check=True)
    done = subprocess.run(["make", "links"], cwd=clone, capture_output=True, text=True, env=reader_env())
    assert "pip install" not in done.stdout, done.stdout
    return done


def binder_repositories(text: str) -> set[str]:
    return set(re.findall(r"mybinder\.org/v2/gh/([^/\s\"]+/[^/\s\"]+)/", text))


def test_links_follow_a_github_remote(clone):
    result = run_links(clone, "git@github.com:someone-else/nav-copy.git")
    assert result.returncode == 0, result.stderr
    readme = (clone / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- binder-links:start -->")[1].split("<!-- binder-links:end -->")[0]
    assert binder_repositories(block) == {"someone-else/nav-copy"}
    assert 'REPOSITORY = "someone-else/nav-copy"' in (clone / "helpers" / "collection.py").read_text(encoding="utf-8")
    start = (clone / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")
    assert binder_repositories(start) <= {"someone-else/nav-copy"}
    json.loads(start)  # still a notebook
    assert binder_repositories(start), "00_start_here shows no Binder links"
    again = run_links(clone, "https://github.com/someone-else/nav-copy.git")  # the same repository: nothing moves
    assert again.returncode == 0, again.stderr
    assert (clone / "README.md").read_text(encoding="utf-8") == readme


def test_a_remote_that_is_not_github_changes_nothing(clone):
    before = {
        p: (clone / p).read_text(encoding="utf-8")
        for p in ("README.md", "helpers/collection.py", "notebooks/00_start_here.ipynb")
    }
    result = run_links(clone, "https://gitlab.example/someone/nav.git")
    assert result.returncode != 0  # make reports the script's failure
    assert "not a GitHub repository" in result.stderr
    assert {p: (clone / p).read_text(encoding="utf-8") for p in before} == before
