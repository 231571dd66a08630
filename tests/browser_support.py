"""Drive Voilà and JupyterLab in headless Chromium, offline, and time what readers wait for.

Used by tests/test_browser.py and by the benchmark::

    from tests.browser_support import Change, measure_voila
    result = measure_voila("00_start_here.ipynb", [Change("button", "Norsk", expect=("Deltakere etter hovedgruppe",))],
                           first_chart="Participants by status group")
    result["first_chart_ms"], result["changes"][0]["redraw_ms"], result["external_requests"]

What "a chart is drawn" means here: a ``.vega-embed`` element is visible and the chart's text
(its title, a value label) has been painted. Vega draws on a <canvas> by default, so its text is
not in the DOM; a script injected before the page loads records every ``fillText`` call per
canvas with its time (``performance.now()``), and SVG charts are read from their ``<text>``
elements. Times are measured inside the page: from navigation start to the first chart, and from
the input event (click/change) to the moment the expected text was painted.

Offline: every request the page makes to anything other than 127.0.0.1/localhost (or data:,
blob:, about:) is aborted and recorded; callers assert that the list is empty.

Servers: :func:`voila_server` and :func:`lab_server` start Voilà/JupyterLab on a free port with
throw-away Jupyter config/runtime/data/settings/workspace directories and a temporary copy of
the notebooks, and always stop the server (and its kernels) on exit. Voilà uses the
collection's template ``voila/templates/nav`` (Voilà's "lab" template without the Font Awesome
links to cdn.jsdelivr.net), found through ``JUPYTER_PATH=<repository root>``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
VOILA_TEMPLATE = "nav"  # voila/templates/nav, found through JUPYTER_PATH=ROOT
BIN = Path(sys.executable).parent

CHROMIUM = Path(os.environ.get("NAV_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
MISSING_BROWSER = f"Chromium not found at {CHROMIUM}: run `make browser` (installs Debian's chromium)"

TIMEOUT_S = 60.0  # longest single wait (server start, chart drawn, redraw)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}
LAB_SETTINGS = {
    # No news feed, no update check: both would make the page or the server reach the internet.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": '{"fetchNews": "false", "checkForUpdates": false}',
}


class BrowserError(AssertionError):
    """A server, the browser or a page did not do what was expected (the message says what)."""


# -- servers ---------------------------------------------------------------------------------------
@dataclass
class Server:
    """A running Voilà or JupyterLab server."""

    kind: str
    process: subprocess.Popen
    port: int
    token: str
    workdir: Path
    notebook_dir: Path
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def check_chromium() -> Path:
    """The Chromium executable, or an error telling how to install it."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        raise BrowserError(MISSING_BROWSER)
    return CHROMIUM


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_env(workdir: Path) -> dict[str, str]:
    """Environment for a server that reads nothing from the user's home or the machine's Jupyter config."""
    dirs = {name: workdir / name for name in ("config", "runtime", "data", "ipython", "settings", "workspaces")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    for name, text in LAB_SETTINGS.items():
        target = dirs["settings"] / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_", "IPYTHON"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_PATH=str(ROOT),  # <ROOT>/voila/templates/nav
        JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
        IPYTHONDIR=str(dirs["ipython"]),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


def copy_notebooks(source: Path, target: Path) -> Path:
    """A throw-away copy of the notebooks (JupyterLab autosaves; the checkout must not change)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return target


def voila_command(port: int, notebook_dir: Path) -> list[str]:
    return [str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
            f"--template={VOILA_TEMPLATE}", "--VoilaConfiguration.show_tracebacks=True", str(notebook_dir)]


def lab_command(port: int, token: str, notebook_dir: Path, workdir: Path) -> list[str]:
    command = [str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
               f"--ServerApp.token={token}", "--LabApp.expose_app_in_browser=True", f"--ServerApp.root_dir={notebook_dir}",
               f"--LabApp.user_settings_dir={workdir / 'settings'}", f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
               "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.extension_manager=readonly"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    return command


def _descendants(pid: int) -> list[int]:
    """Child processes (recursively) of pid, read from /proc (kernels run in their own session)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop a server started by :func:`start_server`: SIGTERM to its process group (it shuts its
    kernels down), then SIGKILL to whatever of the group and of its descendants is left."""
    if process.poll() is not None:
        return
    descendants = _descendants(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)
    for pid in descendants:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except (urllib.error.URLError, OSError):
        return False


def start_server(kind: str, notebook_dir: Path, workdir: Path, timeout: float = TIMEOUT_S, attempts: int = 3) -> Server:
    """Start "voila" or "lab" on a free 127.0.0.1 port and wait until it answers HTTP."""
    env = jupyter_env(workdir)
    for attempt in range(1, attempts + 1):
        port, token = free_port(), secrets.token_hex(16)
        command = voila_command(port, notebook_dir) if kind == "voila" else lab_command(port, token, notebook_dir, workdir)
        log = workdir / f"{kind}-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       cwd=notebook_dir, env=env, start_new_session=True)
        server = Server(kind, process, port, token, workdir, notebook_dir, log)
        probe = f"{server.base}/voila/" if kind == "voila" else f"{server.base}/api/status?token={token}"
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and process.poll() is None:
                if _answers(probe):
                    return server
                time.sleep(0.1)
        except BaseException:
            stop(process)
            raise
        stop(process)
        if process.returncode is None or attempt == attempts or "already in use" not in server.log_tail():
            raise BrowserError(f"{kind} did not answer on port {port} within {timeout:.0f} s "
                               f"(exit code {process.returncode}); command: {' '.join(command)}\n--- log ---\n{server.log_tail()}")
    raise AssertionError("unreachable")


@contextlib.contextmanager
def running_server(kind: str, notebooks: Path = NOTEBOOKS, workdir: Path | None = None) -> Iterator[Server]:
    """A Voilà ("voila") or JupyterLab ("lab") server on a copy of ``notebooks``; always stopped on exit."""
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"nav-{kind}-")))
        notebook_dir = copy_notebooks(notebooks, workdir / "notebooks")
        server = start_server(kind, notebook_dir, workdir)
        try:
            yield server
        finally:
            stop(server.process)


def voila_server(notebooks: Path = NOTEBOOKS, workdir: Path | None = None):
    return running_server("voila", notebooks, workdir)


def lab_server(notebooks: Path = NOTEBOOKS, workdir: Path | None = None):
    return running_server("lab", notebooks, workdir)


# -- browser ---------------------------------------------------------------------------------------
def launch_chromium(playwright):
    """Debian's Chromium through Playwright (no `playwright install`)."""
    check_chromium()
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class NetworkLog:
    """Every request of a browser context; those that tried to leave the machine were aborted."""

    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        def route(route, request) -> None:
            if is_local(request.url):
                route.fallback()
            else:
                self._external(request.url)
                route.abort("blockedbyclient")

        context.route("**/*", route)
        context.on("request", lambda request: self._seen(request.url))
        context.on("page", lambda page: page.on("websocket", lambda ws: self._seen(ws.url)))

    def _seen(self, url: str) -> None:
        self.requests.append(url)
        if not is_local(url):
            self._external(url)

    def _external(self, url: str) -> None:
        if url not in self.external:
            self.external.append(url)

    def assert_offline(self, where: str) -> None:
        assert not self.external, (f"{where}: {len(self.external)} request(s) tried to leave the machine "
                                   f"(aborted): {self.external}")


# Injected before any page script: records the text Vega paints on each canvas, with its time,
# the time of the first input event after arm(), and when each chart first became visible.
PAINT_HOOK = r"""
(() => {
  if (window.__nav) return;
  const log = [];
  let nextId = 0, armed = null, armedAt = null;
  const idOf = (canvas) => canvas.__navId || (canvas.__navId = ++nextId);
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fillText', 'strokeText']) {
    const original = proto[name];
    proto[name] = function (text, ...rest) {
      try { log.push({id: idOf(this.canvas), t: performance.now(), text: String(text)}); } catch (e) {}
      return original.call(this, text, ...rest);
    };
  }
  for (const type of ['click', 'input', 'change']) {
    document.addEventListener(type, () => { if (armed && armedAt === null) armedAt = performance.now(); }, true);
  }
  const visibleSince = new WeakMap();
  const visible = (el) => el.isConnected && el.checkVisibility({opacityProperty: true, visibilityProperty: true})
                          && el.getBoundingClientRect().width > 0;
  window.__nav = {
    log,
    arm() { armed = true; armedAt = null; return performance.now(); },
    armedAt() { return armedAt; },
    // Charts (.vega-embed, in document order) whose painted text after `since` includes every
    // string of `texts`; returns {index, t} for the first such visible chart, t = when the last
    // expected text was painted (or when the chart became visible, if later), else null.
    find(texts, since, within) {
      const now = performance.now();
      const scope = within ? document.querySelectorAll(within) : [document];
      const embeds = [];
      for (const root of scope) embeds.push(...root.querySelectorAll('.vega-embed'));
      const all = [...document.querySelectorAll('.vega-embed')];
      for (const embed of embeds) {
        if (!visible(embed)) { visibleSince.delete(embed); continue; }
        if (!visibleSince.has(embed)) visibleSince.set(embed, now);
        const painted = new Map();
        const canvas = embed.querySelector('canvas');
        if (canvas && canvas.__navId) {
          for (const e of log) if (e.id === canvas.__navId && e.t > since && !painted.has(e.text)) painted.set(e.text, e.t);
        }
        for (const node of embed.querySelectorAll('svg text')) if (!painted.has(node.textContent)) painted.set(node.textContent, now);
        if (painted.size === 0) continue;
        let t = visibleSince.get(embed), ok = true;
        for (const text of texts) {
          if (!painted.has(text)) { ok = false; break; }
          t = Math.max(t, painted.get(text));
        }
        if (ok) return {index: all.indexOf(embed), t, texts: [...painted.keys()]};
      }
      return null;
    },
    // Every text painted on the n-th chart after `since`.
    texts(index, since) {
      const embed = document.querySelectorAll('.vega-embed')[index];
      if (!embed) return null;
      const canvas = embed.querySelector('canvas');
      if (canvas) return log.filter(e => e.id === canvas.__navId && e.t > since).map(e => e.text);
      return [...embed.querySelectorAll('svg text')].map(n => n.textContent);
    },
  };
})();
"""


def new_page(browser, network: NetworkLog, viewport: tuple[int, int] = (1280, 900)):
    """A fresh context (no cache, no service workers) whose requests are checked, with the paint hook."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    context.set_default_timeout(TIMEOUT_S * 1000)
    network.attach(context)
    context.add_init_script(PAINT_HOOK)
    return context, context.new_page()


def wait_chart(page, texts: Sequence[str] = (), since: float = 0.0, within: str | None = None,
               timeout: float = TIMEOUT_S, what: str = "chart") -> dict:
    """Wait until a visible Vega chart has painted all ``texts`` after ``since`` (page ms)."""
    try:
        handle = page.wait_for_function("([texts, since, within]) => window.__nav && window.__nav.find(texts, since, within)",
                                        arg=[list(texts), since, within], timeout=timeout * 1000, polling="raf")
    except Exception as error:  # playwright TimeoutError, or the page went away
        painted = page.evaluate("() => window.__nav ? [...new Set(window.__nav.log.map(e => e.text))].slice(0, 60) : null")
        raise BrowserError(f"{what}: no visible chart painted {list(texts)!r} within {timeout:.0f} s "
                           f"({type(error).__name__}). Texts painted so far: {painted}") from error
    return handle.json_value()


@dataclass(frozen=True)
class Change:
    """One control a reader changes, and the chart text that proves the chart was redrawn.

    kind:
      "button"       an ipywidgets button or ToggleButtons option, found by its label (``label``)
      "dropdown"     an ipywidgets Dropdown found by its description ``label``; ``value`` is the option's label
      "chart-select" the ``index``-th Vega-Lite <select> (``.vega-bindings select``); ``value`` is the option's label
    expect: strings the redrawn chart paints (a title, value labels), all required.
    """

    kind: str
    label: str = ""
    value: str = ""
    expect: tuple[str, ...] = ()
    index: int = 0

    def describe(self) -> str:
        return {"button": f"click {self.label!r}", "dropdown": f"{self.label} = {self.value!r}",
                "chart-select": f"chart menu #{self.index} = {self.value!r}"}.get(self.kind, self.kind)


def apply_change(page, change: Change, timeout: float = TIMEOUT_S) -> dict:
    """Make one change as a reader would and wait for the redraw; returns {"change", "redraw_ms", "texts"}."""
    ms = timeout * 1000
    if change.kind == "button":
        target = page.locator(".widget-toggle-button, .widget-button, .jupyter-button").filter(has_text=change.label)
        target = target.filter(visible=True).first
    elif change.kind == "dropdown":
        target = page.locator(".widget-dropdown").filter(has=page.locator("label", has_text=change.label)).locator("select").first
    elif change.kind == "chart-select":
        target = page.locator(".vega-bindings select").nth(change.index)
    else:
        raise ValueError(f"unknown change kind {change.kind!r}")
    try:
        target.wait_for(state="visible", timeout=ms)
    except Exception as error:
        raise BrowserError(f"{change.describe()}: control not visible within {timeout:.0f} s") from error
    before = page.evaluate("() => window.__nav.arm()")
    if change.kind == "button":
        target.click(timeout=ms)
    else:
        target.select_option(label=change.value, timeout=ms)
    started = page.evaluate("() => window.__nav.armedAt()") or before
    found = wait_chart(page, change.expect, since=started, timeout=timeout, what=change.describe())
    return {"change": change.describe(), "redraw_ms": round(found["t"] - started, 1), "chart": found["index"],
            "texts": found["texts"]}


def measure_voila(notebook: str | Path, changes: Sequence[Change] = (), *, first_chart: str | None = None,
                  voila_base: str | None = None, browser=None, screenshot: Path | None = None,
                  timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Open a notebook in Voilà, wait for its first chart, make each change in turn and time the redraws.

    notebook:     file name in notebooks/ (e.g. "dashboard.ipynb"), or a path to a notebook there.
    changes:      the controls to change, in order (see :class:`Change`).
    first_chart:  a text the first chart paints (its title); None = any chart with painted text.
    voila_base:   URL of a running Voilà server (``Server.base``); None = start one for this call.
    browser:      a Playwright Browser to reuse; None = launch Chromium for this call.
    screenshot:   if given, a full-page PNG is written there at the end.

    Returns {"notebook", "first_chart_ms" (navigation start -> first chart visible and painted),
    "changes": [{"change", "redraw_ms" (input event -> expected text painted), "chart", "texts"}],
    "external_requests": [URLs that tried to leave the machine, aborted], "requests": count}.
    Raises BrowserError (an AssertionError) if a chart or control does not show up in time.
    """
    name = Path(notebook).name
    with contextlib.ExitStack() as stack:
        if voila_base is None:
            voila_base = stack.enter_context(voila_server()).base
        if browser is None:
            from playwright.sync_api import sync_playwright

            browser = launch_chromium(stack.enter_context(sync_playwright()))
        network = NetworkLog()
        context, page = new_page(browser, network)
        stack.callback(context.close)
        page.goto(f"{voila_base}/voila/render/{name}", wait_until="commit", timeout=timeout * 1000)
        first = wait_chart(page, [first_chart] if first_chart else [], timeout=timeout, what=f"{name}: first chart")
        results = [apply_change(page, change, timeout) for change in changes]
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=True)
        return {"notebook": name, "first_chart_ms": round(first["t"], 1), "changes": results,
                "external_requests": list(network.external), "requests": len(network.requests)}
