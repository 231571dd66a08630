"""Speed and size figures for the collection. Prints numbers; asserts nothing (see README).

    make bench

Figures: cold parse of the three tables (parse, check, build the frame), a load from the disk
cache in a fresh process, an in-memory cached load, and the number of facts; the same for the
monthly series 2023-2026 (its cold load in a fresh process with the disk cache removed). Later sections
(added as the kit lands) time the first chart in a fresh kernel and the dashboard.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 7


def median_ms(function, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fresh_process_seconds(setup: str, code: str, runs: int) -> float:
    """Median wall time of ``code`` in fresh interpreters, after ``setup`` (imports, cache removal), which is not timed."""
    script = f"import time\n{setup}\nstart = time.perf_counter()\n{code}\nprint(time.perf_counter() - start)"
    times = [
        float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def fresh_process_ms(code: str, runs: int = 5) -> float:
    """Median wall time of a statement in fresh interpreters, helpers.tidy imported (as t) beforehand."""
    return fresh_process_seconds("import helpers.tidy as t", code, runs) * 1000


def first_chart_code() -> str:
    """Notebook 00's code cells up to and including the one that shows its first chart."""
    import nbformat

    cells = []
    for cell in nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4).cells:
        if cell.cell_type == "code":
            cells.append(cell.source)
            if "show(" in cell.source:
                break
    return "\n".join(cells)


def first_chart_in_fresh_kernel(runs: int = 3) -> dict[str, float]:
    """Seconds from asking for a kernel to the first chart's output arriving (median of runs)."""
    from jupyter_client.manager import start_new_kernel

    code = first_chart_code()
    kernel_start, to_chart = [], []
    for _ in range(runs):
        begin = time.perf_counter()
        manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks"))
        started = time.perf_counter()
        try:
            msg_id = client.execute(code)
            while True:
                msg = client.get_iopub_msg(timeout=120)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "display_data" and "application/vnd.vegalite.v5+json" in msg["content"]["data"]:
                    break
                if msg["msg_type"] == "error":
                    raise RuntimeError(msg["content"]["evalue"])
            done = time.perf_counter()
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
        kernel_start.append(started - begin)
        to_chart.append(done - begin)
    return {"kernel start": statistics.median(kernel_start), "fresh kernel to first chart": statistics.median(to_chart)}


def import_times() -> dict[str, float]:
    """Median seconds to import the heavy packages in a fresh interpreter."""
    modules = ("pandas", "altair", "ipywidgets", "helpers.notebook")
    return {module: fresh_process_seconds("", f"import {module}", 3) for module in modules}


def main() -> None:
    import helpers
    import helpers.tidy as tidy

    frame = tidy.build_participants()
    print("Participant tables")
    print(
        f"  facts: {len(frame):,} ({', '.join(f'{n:,} from {s}' for s, n in frame['source'].value_counts().sort_index().items())})"
    )
    print(f"  cold parse + check + frame (median of {RUNS}): {median_ms(tidy.build_participants):.1f} ms  (aim: < 150 ms)")
    helpers.load_participants()  # make sure the disk cache exists
    print(
        f"  disk-cached load in a fresh process (median of 5): {fresh_process_ms('t.load_participants()'):.1f} ms  (aim: < 20 ms)"
    )
    print(f"  in-memory cached load (median of {RUNS}): {median_ms(helpers.load_participants):.2f} ms")
    print(f"  reconcile report (median of {RUNS}): {median_ms(lambda: helpers.reconcile(frame)):.1f} ms")

    monthly_series()
    checker_speed()

    print("Notebook start-up (what every notebook, test and dashboard view pays first)")
    for module, seconds in import_times().items():
        print(f"  import {module} in a fresh interpreter (median of 3): {seconds * 1000:.0f} ms")
    try:
        import rfc3987_syntax  # noqa: F401

        print("  rfc3987-syntax is installed: expect about a second more for `import altair`")
    except ImportError:
        print("  rfc3987-syntax is not installed (left out of the locks): `import altair` skips its ~1 s grammar build")
    for name, seconds in first_chart_in_fresh_kernel().items():
        print(f"  {name} (median of 3): {seconds:.2f} s")

    print(
        "Dashboard in Voilà, headless Chromium, offline (aim: first chart ≤ 1.5 s, every chart ≤ 4.5 s, "
        "each menu's redraw ≤ 100 ms median: the menus are Vega-Lite menus, no kernel round trip)"
    )
    dashboard_latency()

    print("Dashboard on the static site, opened from disk in headless Chromium (aim: first chart ≤ 1 s, menu ≤ 100 ms)")
    site_dashboard_latency()

    print(
        "Dashboard kernels: 30 views in a row on the `make dashboard` / Binder server, shipped culling "
        "(aim: at most 2 kernels 2 minutes after the last tab closed)"
    )
    dashboard_kernels()


def checker_speed() -> None:
    """How fast the exercise checker answers odd input (tests/test_checker.py only asserts that it answers)."""
    import time

    import numpy as np
    import pandas as pd

    from helpers.exercises import EXERCISES, _load_all, check

    _load_all()
    odd = [float("nan"), 10**400, "x" * 1_000_000, pd.DataFrame({"a": [1, 2]}), np.array([1, 2, 3]), pd.NaT, {"a": 1}, -1e308]
    worst, where, total = 0.0, "", 0
    for ident in sorted(i for i, e in EXERCISES.items() if e.module == "helpers.answers"):
        check(ident, 1)  # the first call loads the data
        for answer in odd:
            started = time.thread_time()
            check(ident, answer)
            spent = time.thread_time() - started
            total += 1
            if spent > worst:
                worst, where = spent, f"{ident} with {type(answer).__name__}"
    print(f"Exercise checker: {total} odd answers to {total // len(odd)} exercises")
    print(f"  slowest answer: {worst * 1000:.0f} ms CPU ({where})  (aim: < 200 ms)")


def monthly_series() -> None:
    """The monthly series 2023-2026: cold load (fresh process, no disk cache) and warm loads."""
    import helpers
    from helpers import monthly

    cold_ms = 1000 * fresh_process_seconds(
        "import helpers.monthly as m\nm._cache_path().unlink(missing_ok=True)", "m.load_monthly_series()", 5
    )
    print(f"Monthly series 2023-2026 ({len(helpers.load_monthly_series()):,} rows)")
    print(f"  cold load in a fresh process, disk cache removed (median of 5): {cold_ms:.1f} ms  (aim: < 100 ms)")
    print(
        f"  disk-cached load in a fresh process (median of 5): {fresh_process_ms('import helpers.monthly as m; m.load_monthly_series()'):.1f} ms"
    )
    print(f"  in-memory cached load (median of {RUNS}): {median_ms(helpers.load_monthly_series):.2f} ms")
    print(f"  reconcile_monthly report (median of {RUNS}): {median_ms(monthly.reconcile_monthly):.1f} ms")


def dashboard_latency(runs: int = 3) -> None:
    """Open the dashboard in Voilà (a fresh server, a new page and kernel each run); print the time to
    the first chart, to every chart, and each control's redraw (median and worst over the runs)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import (
        DASHBOARD,
        DASHBOARD_CHANGES,
        DASHBOARD_CHARTS,
        DASHBOARD_FIRST_CHART,
        DASHBOARD_FIRST_CHART_NB,
        launch_chromium,
        measure_voila,
        open_voila,
        voila_server,
    )

    first, every, complete, redraws, picture, first_byte, first_nb, picture_nb = [], [], [], {}, [], [], [], []
    with voila_server() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for _ in range(runs):
            picture.append(first_picture_ms(browser, server.base))
            first_byte.append(picture[-1].pop("first byte"))
            picture_nb.append(first_picture_ms(browser, server.base, "?lang=nb")["picture"])
            session, found, _ = open_voila(browser, server.base, DASHBOARD + "?lang=nb", DASHBOARD_FIRST_CHART_NB)
            whole_page_run(session.page)
            session.close()
            first_nb.append(found["t"])
            result = measure_voila(
                DASHBOARD,
                DASHBOARD_CHANGES,
                first_chart=DASHBOARD_FIRST_CHART,
                voila_base=server.base,
                browser=browser,
                charts=DASHBOARD_CHARTS,
            )
            first.append(result["first_chart_ms"])
            every.append(result["all_charts_ms"])
            complete.append(result["complete_ms"])
            for change in result["changes"]:
                redraws.setdefault(change["change"], []).append(change["redraw_ms"])
        browser.close()
    print(
        f"  page load to the first chart's stored picture, English (median of {runs}): "
        f"{statistics.median(p['picture'] for p in picture):.0f} ms  (aim ≤ 1500; the live chart takes its place when drawn); "
        f"the page's first byte (Voilà answers once the kernel's process is started): {statistics.median(first_byte):.0f} ms"
    )
    print(
        f"  page load to the first chart's stored picture, ?lang=nb (its bokmål picture) (median of {runs}): "
        f"{statistics.median(picture_nb):.0f} ms  (aim ≤ 1500)"
    )
    print(f"  page load to the first live chart, ?lang=nb (median of {runs}): {statistics.median(first_nb):.0f} ms")
    print(f"  page load to the first live chart, English (median of {runs}): {statistics.median(first):.0f} ms  (aim ≤ 3000)")
    print(
        f"  page load to every chart ({DASHBOARD_CHARTS}) drawn (median of {runs}): {statistics.median(every):.0f} ms  (aim ≤ 4500)"
    )
    print(f"  page load to the whole page run (median of {runs}): {statistics.median(complete):.0f} ms")
    for name, times in redraws.items():
        print(f"  {name}: median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms")
    medians = [statistics.median(times) for times in redraws.values()]
    worst = max(max(times) for times in redraws.values())
    print(
        f"  redraws over {len(redraws)} controls: slowest median {max(medians):.0f} ms (aim ≤ 100), worst {worst:.0f} ms (aim ≤ 500)"
    )


def whole_page_run(page) -> None:
    """Wait until every chart of the dashboard is drawn: its kernel is then idle, and the next run's
    figures do not share the machine with it."""
    from tests.browser_support import DASHBOARD_CHARTS

    page.wait_for_function(
        f"document.readyState === 'complete' && document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length >= {DASHBOARD_CHARTS}",
        timeout=120000,
    )


def first_picture_ms(browser, voila_base: str, query: str = "") -> dict[str, float]:
    """Page ms from navigation to the first chart's stored picture drawn (the `nav` template's .first-view,
    shown before the kernel has run anything; English page, or ``query="?lang=nb"`` for its bokmål picture),
    and to the page's first byte."""
    from tests.browser_support import DASHBOARD, new_session

    session = new_session(browser)
    try:
        session.page.goto(f"{voila_base}/voila/render/{DASHBOARD}{query}", wait_until="commit")
        times = session.page.wait_for_function(
            "() => { const img = document.querySelector('.first-view img');"
            " return img && img.complete && img.naturalWidth > 0 && img.checkVisibility() ? {picture: performance.now(),"
            " 'first byte': performance.getEntriesByType('navigation')[0].responseStart} : null; }",
            polling="raf",
            timeout=60000,
        ).json_value()
        whole_page_run(session.page)
        return times
    finally:
        session.close()


# In the page from its first frame: the time of the first frame that shows the first chart's stored picture, and of the
# first that shows its live chart (each holding FIRST_TEXT). Read in the page, because a wait from outside (Playwright's
# polling) may first look after the picture has already made way for the live chart.
FIRST_FRAMES = """
window.__firstFrames = {};
const holds = (kind) => [...document.querySelectorAll(`.vega-chart svg.${kind}`)].some(svg => svg.textContent.includes(FIRST_TEXT));
const look = () => {
  const seen = window.__firstFrames, now = performance.now();
  if (seen.picture === undefined && holds('chart-picture')) seen.picture = now;
  if (seen.live === undefined && holds('marks')) seen.live = now;
  if (seen.live === undefined) requestAnimationFrame(look);
};
requestAnimationFrame(look);
"""


def site_dashboard_latency(runs: int = 3) -> None:
    """The static site's dashboard in both languages (site/ from `make site`, else built into a temporary
    folder), opened from disk: time from navigation to the first chart holding its first subtitle line, as the
    stored picture (which needs no script) and as the live chart, and each Vega-Lite menu's redraw (the change
    event to the chart's new text), measured in the page."""
    import tempfile
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from tests.browser_support import launch_chromium, new_session

    redraw = """async (i) => { const select = document.querySelectorAll('.vega-bindings select')[i];
        const chart = select.closest('.vega-embed'), before = chart.querySelector('svg.marks').textContent;
        select.selectedIndex = (select.selectedIndex + 1) % select.options.length; const start = performance.now();
        select.dispatchEvent(new Event('change'));
        while (chart.querySelector('svg.marks').textContent === before) await new Promise(r => requestAnimationFrame(r));
        return performance.now() - start; }"""
    with tempfile.TemporaryDirectory() as scratch:
        site = ROOT / "site"
        if not (site / "dashboard_nb.html").exists():
            site = Path(scratch) / "site"
            subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site)], check=True, cwd=ROOT, capture_output=True
            )
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for page_name, first_text in (
                ("dashboard.html", "People on a programme, month by month."),
                ("dashboard_nb.html", "Personer på tiltak, måned for måned."),
            ):
                picture, first, menus = [], [], []
                for _ in range(runs):
                    session = new_session(browser)
                    try:
                        page = session.page
                        page.add_init_script(FIRST_FRAMES.replace("FIRST_TEXT", json.dumps(first_text)))
                        page.goto((site / page_name).as_uri(), wait_until="commit")
                        page.wait_for_function("window.__firstFrames.live !== undefined", polling=100, timeout=60000)
                        seen = page.evaluate("window.__firstFrames")
                        picture.append(seen.get("picture", float("nan")))
                        first.append(seen["live"])
                        page.wait_for_function(
                            "document.querySelectorAll('.vega-chart svg.marks').length === "
                            "document.querySelectorAll('.vega-chart').length",
                            timeout=60000,
                        )
                        page.wait_for_timeout(500)  # vega-embed adds a chart's menus just after its SVG
                        count = page.evaluate("document.querySelectorAll('.vega-bindings select').length")
                        menus += [page.evaluate(redraw, i) for i in range(count)]
                    finally:
                        session.close()
                shown = [t for t in picture if t == t]  # NaN: no frame showed the picture before the live chart
                stored = f"{statistics.median(shown):.0f} ms" if shown else "not shown (the live chart came first)"
                print(
                    f"  {page_name}: navigation to the first chart's stored picture (median of {runs}): "
                    f"{stored}  (aim ≤ 1000); to the live chart: {statistics.median(first):.0f} ms"
                )
                if menus:
                    print(
                        f"  {page_name}: {len(menus) // runs} menus × {runs}: median redraw {statistics.median(menus):.0f} ms, "
                        f"worst {max(menus):.0f} ms  (aim ≤ 100 median)"
                    )
            browser.close()


def dashboard_kernels(views: int = 30) -> None:
    """Open the dashboard `views` times in a row (open, first chart, close the tab) on the server
    `make dashboard` runs (./start jupyter server, jupyter-config/ as shipped), then watch the kernels."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from tests.binder_support import binder_server, dashboard_views, kernels, server_memory, wait_for_kernels
    from tests.browser_support import BIN, DASHBOARD_FIRST_CHART, launch_chromium

    with (
        tempfile.TemporaryDirectory(prefix="nav-kernels-") as workdir,
        binder_server(Path(workdir), BIN) as server,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        url = f"{server.base}/voila/render/notebooks/dashboard.ipynb?token={server.token}"
        start = time.monotonic()
        times = dashboard_views(browser, url, views, DASHBOARD_FIRST_CHART)
        print(f"  {views} views in {time.monotonic() - start:.0f} s (first chart, median {statistics.median(times):.0f} ms)")
        print(f"  at the last close: {len(kernels(server))} kernels; memory (MB) {server_memory(server)}")
        timeline = wait_for_kernels(server, at_most=0, within=150)
        at_two_minutes = [alive for seconds, alive in timeline if seconds <= 120][-1]
        print(f"  kernels alive after the last close (seconds, kernels): {timeline}; at 2 minutes: {at_two_minutes}")
        refused = server.log_tail(10**7).count("'_xsrf' argument missing")
        print(f"  memory then (MB): {server_memory(server)}; Voilà shutdown requests refused (xsrf): {refused}")
        browser.close()


if __name__ == "__main__":
    main()
