"""Binder links come from one place, point to files that exist, and README shows them."""

from __future__ import annotations

import importlib.util
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from helpers.collection import BRANCH, DASHBOARD, NOTEBOOKS, REPOSITORY, binder_links

from .conftest import ROOT


def readme_module():
    spec = importlib.util.spec_from_file_location("readme_links", ROOT / "scripts" / "readme_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_shows_the_generated_links():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_module().updated(readme) == readme, "run scripts/readme_links.py"


@pytest.mark.parametrize(
    "label,link,path", binder_links(), ids=lambda x: x if isinstance(x, str) and x.startswith("notebooks") else ""
)
def test_each_link_opens_an_existing_file(label, link, path):
    url = urlparse(link)
    assert url.scheme == "https" and url.netloc == "mybinder.org"
    assert url.path == f"/v2/gh/{REPOSITORY}/{BRANCH}"
    query = parse_qs(url.query)
    if "labpath" in query:
        target = query["labpath"][0]
    else:
        urlpath = unquote(query["urlpath"][0])
        assert urlpath.startswith("voila/render/")
        target = urlpath[len("voila/render/") :]
    assert target == path and (ROOT / target).is_file(), target


def test_there_is_a_link_for_every_notebook_and_the_dashboard():
    paths = [path for _, _, path in binder_links()]
    assert {f"notebooks/{nb.file}" for nb in (*NOTEBOOKS, DASHBOARD)} <= set(paths)
    assert sum("voila" in link for _, link, _ in binder_links()) == 1
