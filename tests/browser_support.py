"""Drive Voilà and JupyterLab in headless Chromium, offline, and time what readers wait for.

Used by the browser tests (tests/test_browser.py, tests/test_voila_pages.py, tests/test_site.py, ...) and by the benchmark::

    from tests.browser_support import Change, measure_voila
    result = measure_voila("00_start_here.ipynb",
                           [Change("chart-select", value="July 2019", expect=("46,239",)),
                            Change("button", "Norsk", expect=("Deltakere etter hovedgruppe",))],
                           first_chart="Participants by status group")
    result["first_chart_ms"], [c["redraw_ms"] for c in result["changes"]], result["external_requests"]

What "a chart is drawn" means here: a ``.vega-embed`` element is visible and the chart's text (its
title, a value label) has been painted. Vega draws on a <canvas> by default, so its text is not in
the DOM: a script injected before the page loads records every ``fillText`` call per canvas with
its time (``performance.now()``); SVG charts are read from their ``<text>`` elements. Times are
measured inside the page: from navigation start to the first chart, and from the input event
(click/change) to the moment the expected text was painted.

Offline: every request of the page to anything but 127.0.0.1/localhost (or data:, blob:, about:)
is aborted and recorded (:class:`NetworkLog`); callers assert that the list is empty.

Servers: :func:`voila_server` and :func:`lab_server` start Voilà/JupyterLab on a free 127.0.0.1
port with throw-away Jupyter config/runtime/data/settings/workspace directories and a temporary
copy of the notebooks, and always stop the server (and its kernels) on exit. Voilà renders with
the collection's template ``voila/templates/nav`` (Voilà's "lab" template without the Font Awesome
links to cdn.jsdelivr.net), which Voilà finds through ``JUPYTER_PATH=<repository root>``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
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
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
VOILA_TEMPLATE = "nav"  # voila/templates/nav, found through JUPYTER_PATH=ROOT
BIN = Path(sys.executable).parent

from brief import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (scripts/, on the path from tests/__init__.py: the project's one headless Chromium, as make brief and make teacher print)

TIMEOUT_S = 60.0  # the longest single wait (server start, chart drawn, redraw)
STALL_S = 15.0  # Voilà page still loading and no new cell for this long: its execution is stuck (see open_voila)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "file"}  # file: a static page opened from disk
# JupyterLab's question to every reader, switched off by jupyter-config/jupyterlab/labconfig/page_config.json.
NEWS_PROMPT = "official Jupyter news"


class BrowserError(AssertionError):
    """A server, the browser or a page did not do what was expected (the message says what)."""


class VoilaStalled(BrowserError):
    """Voilà stopped sending the page: no new cell for STALL_S seconds while the page was loading."""


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
    command: list[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def check_chromium() -> Path:
    """The Chromium executable, or an AssertionError telling how to install it."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        raise BrowserError(f"Chromium not found at {CHROMIUM}: run `make browser` (installs Debian's chromium-headless-shell)")
    return CHROMIUM


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_env(workdir: Path) -> dict[str, str]:
    """Environment for a server that reads nothing from the user's home (config, data, settings, workspaces)."""
    dirs = {name: workdir / name for name in ("config", "runtime", "data", "ipython", "settings", "workspaces")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_", "IPYTHON"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_PATH=str(ROOT),  # Voilà templates: <ROOT>/voila/templates/<name>
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
    """`voila` for the collection. Needs JUPYTER_PATH=<repository root> for --template=nav."""
    return [
        str(BIN / "voila"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        f"--template={VOILA_TEMPLATE}",
        "--VoilaConfiguration.show_tracebacks=True",
        "--progressive_rendering=True",  # cells appear as they run: the first chart comes sooner
        str(notebook_dir),
    ]


def lab_command(port: int, token: str, notebook_dir: Path, workdir: Path) -> list[str]:
    command = [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={notebook_dir}",
        f"--LabApp.user_settings_dir={workdir / 'settings'}",
        f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    return command


def _descendants(pid: int) -> list[int]:
    """Child processes (recursively) of pid, from /proc: kernels run in sessions of their own."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop a server: SIGTERM to its process group (it shuts its kernels down), then SIGKILL to
    whatever is left of the group and of the processes it started."""
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


def http_status(url: str, token: str | None = None) -> int:
    """The HTTP status of a GET (the first bytes only: a Voilà page streams while its notebook runs)."""
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            response.read(256)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


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
    if kind not in ("voila", "lab"):
        raise ValueError(f"kind must be 'voila' or 'lab', not {kind!r}")
    env = jupyter_env(workdir)
    if kind == "lab":  # the collection's JupyterLab configuration, as `make lab` and Binder read it (no news, no update check)
        env["JUPYTER_CONFIG_PATH"] = str(ROOT / "jupyter-config" / "jupyterlab")
    for attempt in range(1, attempts + 1):
        port, token = free_port(), secrets.token_hex(16)
        command = voila_command(port, notebook_dir) if kind == "voila" else lab_command(port, token, notebook_dir, workdir)
        log = workdir / f"{kind}-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=notebook_dir,
                env=env,
                start_new_session=True,
            )
        server = Server(kind, process, port, token, workdir, notebook_dir, log, command)
        probe = f"{server.base}/voila/static/voila.js" if kind == "voila" else f"{server.base}/api/status?token={token}"
        deadline, answered = time.monotonic() + timeout, False
        try:
            while time.monotonic() < deadline and process.poll() is None:
                if _answers(probe):
                    answered = True
                    return server
                time.sleep(0.1)
        finally:
            if not answered:
                stop(process)
        # The port was taken between free_port() and the server binding it: try another one.
        if attempt < attempts and process.returncode not in (None, 0) and "already in use" in server.log_tail():
            continue
        raise BrowserError(
            f"{kind} did not answer on port {port} within {timeout:.0f} s (exit code {process.returncode})\n"
            f"command: {' '.join(command)}\n--- log ---\n{server.log_tail()}"
        )
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
    """Debian's Chromium (its headless shell; scripts/brief.py: CHROMIUM says why) through Playwright (no `playwright install`)."""
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


# Injected before any page script: records the text Vega paints on each canvas (with its time),
# the time of the first input event after arm(), and when each chart became visible.
PAINT_HOOK = r"""
(() => {
  if (window.__nav) return;
  const log = [];
  let nextId = 0, armedAt = null, armed = false;
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
    // The first visible chart (.vega-embed) that painted every string of `texts` after `since`
    // (any text if `texts` is empty): {index, t, texts}; t = when the last of them was painted,
    // or when the chart became visible if that was later. null if there is none yet.
    find(texts, since) {
      const now = performance.now();
      const embeds = [...document.querySelectorAll('.vega-embed')];
      for (const [index, embed] of embeds.entries()) {
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
        for (const text of (texts.length ? texts : [...painted.keys()])) {
          if (!painted.has(text)) { ok = false; break; }
          t = Math.max(t, painted.get(text));
        }
        if (ok) return {index, t, texts: [...painted.keys()]};
      }
      return null;
    },
    painted() { return [...new Set(log.map(e => e.text))]; },
    errors() {
      return [...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map(e => e.innerText.trim()).filter(Boolean);
    },
  };
})();
"""


@dataclass
class Session:
    """A browser context and page with the network guard and the paint hook; remember to close()."""

    context: Any
    page: Any
    network: NetworkLog
    page_errors: list[str] = field(default_factory=list)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()

    def output_errors(self) -> list[str]:
        """Texts of the error outputs in the page (tracebacks, "Javascript Error: ..." boxes)."""
        with contextlib.suppress(Exception):
            return self.page.evaluate("() => window.__nav ? window.__nav.errors() : []")
        return []

    def js_errors(self) -> list[str]:
        return [text for text in self.output_errors() if text.startswith("Javascript Error")] + self.page_errors


def new_session(browser, viewport: tuple[int, int] = (1280, 900)) -> Session:
    """A fresh context (no cache, no service workers) whose requests are checked, with the paint hook."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block")
    context.set_default_timeout(TIMEOUT_S * 1000)
    network = NetworkLog()
    network.attach(context)
    context.add_init_script(PAINT_HOOK)
    session = Session(context, context.new_page(), network)
    session.page.on("pageerror", lambda error: session.page_errors.append(str(error)))
    return session


def wait_chart(page, texts: Sequence[str] = (), since: float = 0.0, timeout: float = TIMEOUT_S, what: str = "chart") -> dict:
    """Wait until a visible Vega chart has painted all ``texts`` after ``since`` (page ms).
    Returns {"index" (among .vega-embed), "t" (page ms), "texts" (painted since ``since``)}."""
    try:
        handle = page.wait_for_function(
            "([texts, since]) => window.__nav && window.__nav.find(texts, since)",
            arg=[list(texts), since],
            timeout=timeout * 1000,
            polling="raf",
        )
    except Exception as error:  # playwright's TimeoutError, or the page went away
        try:
            painted = page.evaluate("() => window.__nav ? window.__nav.painted().slice(0, 80) : null")
        except Exception:
            painted = "(page not readable)"
        raise BrowserError(
            f"{what}: no visible chart painted {list(texts)!r} within {timeout:.0f} s "
            f"({type(error).__name__}). Texts painted so far: {painted}"
        ) from error
    return handle.json_value()


def wait_voila_chart(
    page, texts: Sequence[str] = (), timeout: float = TIMEOUT_S, stall: float = STALL_S, what: str = "chart"
) -> dict:
    """:func:`wait_chart` for a Voilà page that is still streaming: raises :class:`VoilaStalled` if
    no new cell arrives for ``stall`` seconds while the page is loading."""
    deadline = time.monotonic() + timeout
    cells, changed = -1, time.monotonic()
    while True:
        remaining = deadline - time.monotonic()
        try:
            return wait_chart(page, texts, timeout=max(0.1, min(2.0, remaining)), what=what)
        except BrowserError:
            if remaining <= 2.0:
                raise
        state = page.evaluate(
            "() => ({loading: document.readyState === 'loading', cells: document.querySelectorAll('[cell-index]').length})"
        )
        if state["cells"] != cells:
            cells, changed = state["cells"], time.monotonic()
        elif state["loading"] and time.monotonic() - changed > stall:
            raise VoilaStalled(
                f"{what}: Voilà stopped sending the page after cell {cells} (no new cell for "
                f"{stall:.0f} s, page still loading): the server-side execution is stuck"
            )


@dataclass(frozen=True)
class Change:
    """One control a reader changes, and the chart text that proves the chart was redrawn.

    kind:
      "button"       an ipywidgets button or ToggleButtons option, found by its text ``label``
      "dropdown"     an ipywidgets Dropdown, found by its description ``label``; ``value`` = the option's text
      "chart-select" a Vega-Lite menu (``.vega-bindings select``); ``value`` = the option's text
    index: which of the matching controls on the page (0 = the first, in page order).
    expect: strings the redrawn chart paints (title, value labels); all are required. Empty = the
      first chart that paints anything after the change.
    """

    kind: str
    label: str = ""
    value: str = ""
    expect: tuple[str, ...] = ()
    index: int = 0

    def describe(self) -> str:
        which = f" #{self.index}" if self.index else ""
        return {
            "button": f"click {self.label!r}{which}",
            "dropdown": f"{self.label}{which} = {self.value!r}",
            "chart-select": f"chart menu #{self.index} = {self.value!r}",
        }.get(self.kind, self.kind)


def apply_change(page, change: Change, timeout: float = TIMEOUT_S) -> dict:
    """Make one change as a reader would and wait for the redraw.
    Returns {"change", "redraw_ms" (input event -> expected text painted), "chart", "texts"}."""
    ms = timeout * 1000
    if change.kind == "button":
        target = page.locator(".widget-toggle-button, .widget-button, .jupyter-button").filter(has_text=change.label)
        target = target.filter(visible=True).nth(change.index)
    elif change.kind == "dropdown":
        target = (
            page.locator(".widget-dropdown")
            .filter(has=page.locator("label", has_text=change.label))
            .locator("select")
            .nth(change.index)
        )
    elif change.kind == "chart-select":
        target = page.locator(".vega-bindings select").nth(change.index)
    else:
        raise ValueError(f"unknown change kind {change.kind!r}")
    try:
        target.wait_for(state="visible", timeout=ms)
    except Exception as error:
        raise BrowserError(f"{change.describe()}: the control was not visible within {timeout:.0f} s") from error
    before = page.evaluate("() => window.__nav.arm()")
    if change.kind == "button":
        target.click(timeout=ms)
    else:
        target.select_option(label=change.value, timeout=ms)
    started = page.evaluate("() => window.__nav.armedAt()") or before
    found = wait_chart(page, change.expect, since=started, timeout=timeout, what=change.describe())
    return {
        "change": change.describe(),
        "redraw_ms": round(found["t"] - started, 1),
        "chart": found["index"],
        "texts": found["texts"],
    }


def screenshot(page, path: Path, max_height: int = 12000) -> None:
    """A picture of the whole page. Voilà and JupyterLab scroll inside an element, not the document,
    so the viewport is made as tall as the tallest scrolling content for the shot."""
    size = page.viewport_size
    height = page.evaluate("""() => {
        const scrolling = [...document.querySelectorAll('*')]
          .filter(e => e.scrollHeight > e.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(e).overflowY));
        for (const e of scrolling) e.scrollTop = 0;
        window.scrollTo(0, 0);
        return Math.max(document.documentElement.scrollHeight,
                        ...scrolling.map(e => e.scrollHeight + e.getBoundingClientRect().top));
    }""")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), max_height))})
    settle(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


# -- Voilà -----------------------------------------------------------------------------------------
# How often a test's page.wait_for_function looks again, in ms. Playwright's default looks at every animation frame,
# which keeps a waiting page drawing 60 frames a second (7 % of a core while a Voilà kernel runs, measured); the
# benchmark's timings keep "raf" (wait_chart, open_and_time) where the frame is what is measured.
POLL_MS = 100


def wait_quiet(page, quiet_ms: int = 500, timeout: float = TIMEOUT_S) -> None:
    """Wait until the page's DOM has not changed for ``quiet_ms``: charts embedded late, their menus, the template's
    fixes (labels, tab stops) are in place. A page still changing after ``timeout`` seconds fails the test."""
    page.evaluate(
        """([quiet, timeout]) => new Promise((done, fail) => {
            let last = performance.now();
            const seen = new MutationObserver(() => { last = performance.now(); });
            seen.observe(document, {childList: true, subtree: true, attributes: true});
            const started = performance.now();
            const look = () => {
              const now = performance.now();
              if (now - last >= quiet) { seen.disconnect(); done(); }
              else if (now - started > timeout) { seen.disconnect(); fail(new Error('the page kept changing')); }
              else setTimeout(look, 100);
            };
            setTimeout(look, 100);
        })""",
        [quiet_ms, timeout * 1000],
    )


def open_voila(
    browser,
    voila_base: str,
    notebook: str,
    first_chart: str | None = None,
    timeout: float = TIMEOUT_S,
    retries: int = 2,
    init_script: str | None = None,
) -> tuple[Session, dict, list[str]]:
    """Open a notebook in Voilà and wait for its first chart. If Voilà's execution gets stuck
    (:class:`VoilaStalled`), the page is opened again (a new kernel), at most ``retries`` times,
    with a RuntimeWarning each time. Returns (session, first chart {"index", "t", "texts"}, the
    stalls that were retried). ``init_script`` runs in the page before its own scripts (an observer
    that must see the page from its first frame).

    Why: Voilà 0.5.13 executes the notebook with nbclient 0.11, which waits for each cell's
    execute_reply by polling the shell socket with no timeout. When a cell draws into an ipywidgets
    Output during execution (``explore()``'s first draw), nbclient's Output-widget emulation sends
    comm messages on that same socket, and the poll sometimes never wakes up although the reply has
    arrived: the page stops at "Executing N of M" for ever (nbclient issue #312, PR #311). Seen on
    5 of 10 first page loads of a fresh server and about 1 in 8 later loads; with a 1 s poll timeout
    patched into nbclient, 0 of 10.
    """
    stalls: list[str] = []
    while True:
        session = new_session(browser)
        if init_script:
            session.context.add_init_script(init_script)
        try:
            session.page.goto(f"{voila_base}/voila/render/{notebook}", wait_until="commit", timeout=timeout * 1000)
            first = wait_voila_chart(
                session.page, [first_chart] if first_chart else [], timeout=timeout, what=f"{notebook}: first chart"
            )
            return session, first, stalls
        except VoilaStalled as stalled:
            session.close()
            if len(stalls) >= retries:
                raise BrowserError(f"{stalled} ({len(stalls) + 1} times in a row)") from stalled
            stalls.append(str(stalled))
            warnings.warn(f"{stalled}; opening the page again", RuntimeWarning, stacklevel=2)
        except BaseException:
            session.close()
            raise


def measure_voila(
    notebook: str | Path,
    changes: Sequence[Change] = (),
    *,
    first_chart: str | None = None,
    voila_base: str | None = None,
    browser=None,
    screenshot_path: Path | None = None,
    timeout: float = TIMEOUT_S,
    charts: int | None = None,
) -> dict[str, Any]:
    """Open a notebook in Voilà, wait for its first chart, make each change in turn and time the redraws.

    notebook:        file name in notebooks/ (e.g. "dashboard.ipynb") or a path to a notebook there.
    changes:         the controls to change, in order (see :class:`Change`).
    first_chart:     a text the first chart paints (its title); None = any chart with painted text.
    voila_base:      URL of a running Voilà server (``Server.base``); None = start one for this call.
    browser:         a Playwright Browser to reuse; None = launch Chromium for this call.
    screenshot_path: if given, a picture of the whole page is saved there at the end.

    Returns {"notebook", "first_chart_ms" (navigation start -> first chart visible and painted),
    "complete_ms" (navigation start -> every cell has run and the page is complete),
    "all_charts_ms" (navigation start -> ``charts`` charts drawn, when ``charts`` is given),
    "changes": [{"change", "redraw_ms" (input event -> expected text painted), "chart", "texts"}],
    "external_requests" (URLs that tried to leave the machine; aborted), "requests" (count),
    "js_errors" ("Javascript Error" outputs and uncaught page errors), "output_errors" (all error
    outputs shown), "stalls" (stuck Voilà executions that were retried)}.
    Raises BrowserError (an AssertionError) if a chart or control does not show up in time.
    """
    name = Path(notebook).name
    with contextlib.ExitStack() as stack:
        if voila_base is None:
            voila_base = stack.enter_context(voila_server()).base
        if browser is None:
            from playwright.sync_api import sync_playwright

            browser = launch_chromium(stack.enter_context(sync_playwright()))
        session, first, stalls = open_voila(browser, voila_base, name, first_chart, timeout)
        stack.callback(session.close)
        # Progressive rendering shows cells while later ones still run; controls are timed once the
        # whole page has run, so a redraw is not measured waiting behind cells still executing.
        session.page.wait_for_function("document.readyState === 'complete'", timeout=timeout * 1000)
        complete = session.page.evaluate("() => performance.now()")
        all_charts = None
        if charts:  # every chart visible and painted (Vega draws on a canvas, or an SVG)
            all_charts = session.page.wait_for_function(
                """(n) => { const drawn = [...document.querySelectorAll('.vega-embed')].filter(e => e.getBoundingClientRect().width > 0
                              && (e.querySelector('svg.marks') || (e.querySelector('canvas') && window.__nav.log.some(l => l.id === e.querySelector('canvas').__navId))));
                            return drawn.length >= n ? performance.now() : null; }""",
                arg=charts,
                timeout=timeout * 1000,
            ).json_value()
        session.page.evaluate("() => new Promise(done => requestIdleCallback(done, {timeout: 5000}))")
        results = [apply_change(session.page, change, timeout) for change in changes]
        if screenshot_path is not None:
            screenshot(session.page, Path(screenshot_path))
        return {
            "notebook": name,
            "first_chart_ms": round(first["t"], 1),
            "complete_ms": round(complete, 1),
            "changes": results,
            "all_charts_ms": None if all_charts is None else round(all_charts, 1),
            "external_requests": list(session.network.external),
            "requests": len(session.network.requests),
            "js_errors": session.js_errors(),
            "output_errors": session.output_errors(),
            "stalls": stalls,
        }


# -- JupyterLab ------------------------------------------------------------------------------------
LAB_READY = """(path) => {
  const app = window.jupyterapp;
  const widget = app && app.shell && app.shell.currentWidget;
  if (!widget || !widget.context || widget.context.path !== path || !widget.sessionContext) return null;
  const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
  if (!kernel || kernel.connectionStatus !== 'connected' || kernel.status !== 'idle') return null;
  return {t: performance.now(), kernel: kernel.name};
}"""


def dismiss_dialogs(page) -> list[str]:
    """Accept any open JupyterLab dialog (kernel selection and the like); returns their texts."""
    texts = []
    for dialog in page.locator(".jp-Dialog").all():
        with contextlib.suppress(Exception):
            texts.append(dialog.inner_text(timeout=1000).strip())
            dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click(timeout=2000)
    return texts


def open_lab(session: Session, server: Server, notebook: str, timeout: float = TIMEOUT_S) -> dict:
    """Open a notebook in JupyterLab in a fresh workspace and wait until its kernel is idle.
    Returns {"t" (page ms), "kernel", "dialogs" (texts of dialogs that were accepted)}."""
    page = session.page
    workspace = f"nav-{secrets.token_hex(4)}"
    page.goto(
        f"{server.base}/lab/workspaces/{workspace}/tree/{notebook}?token={server.token}&reset",
        wait_until="commit",
        timeout=timeout * 1000,
    )
    deadline, dialogs = time.monotonic() + timeout, []
    while True:
        try:
            return {**page.wait_for_function(LAB_READY, arg=notebook, timeout=2000, polling=100).json_value(), "dialogs": dialogs}
        except Exception as error:
            dialogs += dismiss_dialogs(page)
            if time.monotonic() > deadline:
                raise BrowserError(
                    f"JupyterLab: {notebook} did not open with an idle kernel within {timeout:.0f} s; "
                    f"dialogs: {dialogs}\n--- server log ---\n{server.log_tail()}"
                ) from error


def run_all(page) -> float:
    """Run every cell (Run > Run All Cells); returns the page time it started. The command's
    result ends up in window.__navRunAll ('done' or 'error: ...')."""
    return page.evaluate("""() => {
        window.__navRunAll = null;
        window.jupyterapp.commands.execute('notebook:run-all-cells')
          .then(() => { window.__navRunAll = 'done'; }, (e) => { window.__navRunAll = 'error: ' + e; });
        return performance.now();
    }""")


def wait_run_all(page, timeout: float = TIMEOUT_S) -> float:
    """Wait for Run All to finish and the kernel to be idle; returns the page time."""
    try:
        handle = page.wait_for_function(
            """() => {
            if (!window.__navRunAll) return null;
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            return kernel.status === 'idle' ? {state: window.__navRunAll, t: performance.now()} : null;
        }""",
            timeout=timeout * 1000,
            polling=100,
        )
    except Exception as error:
        raise BrowserError(f"JupyterLab: Run All did not finish within {timeout:.0f} s") from error
    result = handle.json_value()
    if result["state"] != "done":
        raise BrowserError(f"JupyterLab: Run All failed: {result['state']}")
    return result["t"]


def lab_chart_renderer(page, index: int) -> dict:
    """How JupyterLab rendered the index-th chart: the output's classes and mimetype, whether
    it has its Vega-Lite menu, and how many static SVG/image outputs the notebook shows."""
    return page.evaluate(
        """(index) => {
        const embed = document.querySelectorAll('.vega-embed')[index];
        const output = embed && embed.closest('.jp-OutputArea-output');
        return {
          classes: output ? output.className : null,
          live: !!(output && output.classList.contains('jp-RenderedVegaLite')),
          menus: embed ? embed.querySelectorAll('.vega-bindings select').length : 0,
          static_outputs: document.querySelectorAll('.jp-Notebook .jp-RenderedSVG, .jp-Notebook .jp-RenderedImage').length,
        };
    }""",
        index,
    )


# -- 00 and the dashboard ---------------------------------------------------------------------------
START_HERE = "00_start_here.ipynb"
START_TITLE = "Participants by status group"  # 00's first chart, and its title once the language toggle says Norsk
START_TITLE_NB = "Deltakere etter hovedgruppe"
# The value labels of 00's status-group chart: NAV's published numbers (data/raw; also in the chart's "See the numbers"
# table). November 2016 is the month the chart opens with.
NOVEMBER_2016 = ("20,331", "60,202", "2,951")
JULY_2019 = ("10,513", "46,239", "1,473")

DASHBOARD = "dashboard.ipynb"
# The first chart (today's numbers): a subtitle line it paints, the same whatever the latest month is; in each language.
DASHBOARD_FIRST_CHART = "People on a programme, month by month."
DASHBOARD_FIRST_CHART_NB = "Personer på tiltak, måned for måned."
DASHBOARD_CHARTS = 7  # charts on the page in Voilà: today's, four explorers, two audit charts
# Every control of the dashboard, in page order, and a text that proves its chart was redrawn
# (titles and subtitles of the draw functions in notebooks/dashboard.ipynb; an empty expect means
# "the first chart painted after the change").
DASHBOARD_CHANGES = (  # the dashboard's menus are Vega-Lite menus (no kernel); its language is chosen once, by ?lang=nb
    Change("chart-select", value="July 2019", index=0, expect=("Participants by programme group", "July 2019")),
    Change("chart-select", value="Andre på tiltak (Other participants)", index=1),
    Change(
        "chart-select",
        value="Arbeidssøkere på tiltak (Jobseekers on programmes)",
        index=2,
        expect=("Age group by month, 2019", "Arbeidssøkere på tiltak (Jobseekers on programmes)"),
    ),
    Change("chart-select", value="Tabell 6 (waiting for a programme)", index=3, expect=("Tabell 6: waiting for a programme,",)),
)
DASHBOARD_CHANGES_NB = (  # the same menus on the bokmål page (?lang=nb)
    Change("chart-select", value="juli 2019", index=0, expect=("Juli 2019",)),
    Change("chart-select", value="Andre på tiltak", index=1),
    Change("chart-select", value="Arbeidssøkere på tiltak", index=2, expect=("Arbeidssøkere på tiltak",)),
    Change("chart-select", value="Tabell 6 (venter på tiltak)", index=3, expect=("Tabell 6: måneder registrert med",)),
)
# English words a bokmål page must not show, and the names it may (NAV's and GitHub's, "Median").
ENGLISH = re.compile(
    r"\b(the|and|of|with|people|participants|programmes?|Source|Download|See the numbers|women|men|months?|"
    r"year|after|without|waiting|about|is|are)\b"
)
NAMES = ("00 Start here", "GitHub", "navikt/arbeidsmarkedstiltak-app", "Median")


# -- accessibility ---------------------------------------------------------------------------------
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = (390, 844)  # a phone's viewport in CSS pixels
DESKTOP = (1280, 900)  # the viewport of every page the tests open, unless they say otherwise


def settle(page) -> None:
    """Two frames: the page has laid itself out after a change (a resize, an opened box, a print stylesheet)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def resize(page, size: tuple[int, int]) -> None:
    """The window at ``size`` (e.g. PHONE, DESKTOP), laid out again: a page opened once, looked at at two widths."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    settle(page)


# axe's context: the page without the contents of closed <details> (folded code, closed boxes and tables).
ON_SCREEN = {"exclude": [["details:not([open]) > :not(summary)"]]}


def unfold_all(page) -> int:
    """Open every <details> on the page (folded code, solutions, the tables behind charts), as a curious reader
    would; returns how many were opened."""
    return page.evaluate("() => [...document.querySelectorAll('details:not([open])')].map(box => { box.open = true; }).length")


@functools.cache
def axe_source() -> str:
    """axe-core as axe-playwright-python bundles it (nothing fetched)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, context: object = ON_SCREEN) -> list[dict]:
    """axe-core (bundled by axe-playwright-python; nothing fetched) on the page as it is now, WCAG 2.1 A
    and AA rules only. Returns [{"id", "impact", "help", "nodes": [the first element's HTML, ...]}].

    What a closed <details> holds is not on screen and axe would find nothing in it; it is left out of the run
    (``context``) because checking its thousands of hidden code tokens took a third of axe's time. What a reader
    sees after opening every box is checked by :func:`unfold_all` then ``axe_violations(page)``."""
    # Let the page finish what it does on the next frames (the template gives scrolling boxes a
    # keyboard stop one frame after they appear), as a reader's first keypress would.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))")
    page.evaluate(axe_source())  # a fresh axe for every run, as axe-playwright-python's Axe().run does
    # Text inside an <svg> (a chart's labels) is a case axe's contrast rule cannot judge: it reports every such label as
    # "incomplete" (background not determined), never as passed or failed, and spent a third of its time on them.
    # Leaving them out of that rule changes no verdict; every other rule still checks the charts.
    page.evaluate("() => axe.configure({rules: [{id: 'color-contrast', selector: '*:not(svg *)'}]})")
    options = {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]}
    results = page.evaluate("([context, options]) => axe.run(context, options)", [context, options])
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["html"][:160] for n in v["nodes"]]}
        for v in results["violations"]
    ]


def overflowing(page) -> list[str]:
    """Elements wider than the viewport that the page itself would have to scroll sideways for
    (an element may be wide inside a box that scrolls on its own). Returns short descriptions."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth > width + 1) out.push('document ' + document.documentElement.scrollWidth + 'px');
        for (const el of document.querySelectorAll('body *')) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.right <= width + 1) continue;
          let clipped = false;
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (/(auto|scroll|hidden)/.test(style.overflowX) && p.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
          }
          if (!clipped) out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + Math.round(box.right) + 'px');
        }
        return out.slice(0, 20);
    }""")


# -- printing --------------------------------------------------------------------------------------
A4_PRINT_WIDTH = 703  # CSS pixels across an A4 page inside the print stylesheets' 12 mm margins (186 mm)


def print_layout_overflow(page) -> list[str]:
    """Elements that stick out to the right of an A4 page's printable width with the print stylesheet on:
    in print nothing scrolls, so such text or chart would be cut off on paper. Leaves the page as it was."""
    size = page.viewport_size
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINT_WIDTH, "height": size["height"]})
    settle(page)
    try:
        return page.evaluate("""() => {
            const width = document.documentElement.clientWidth, out = [];
            for (const el of document.querySelectorAll('body *')) {
              const box = el.getBoundingClientRect();
              if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
              if (getComputedStyle(el).display === 'none' || el.closest('[hidden]')) continue;
              out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + Math.round(box.right) + 'px');
            }
            return out.slice(0, 20);
        }""")
    finally:
        page.emulate_media(media="null")  # no emulation: page.pdf() prints with the print stylesheet again
        page.set_viewport_size(size)


# What a reader cannot use on paper: menus, buttons, the language switch, a closed numbers toggle's summary
# ("See the numbers"), download links (data: addresses, CSV files) and the charts' menus.
PRINTED_CONTROLS = (
    ".widget-dropdown, .widget-toggle-buttons, .widget-button, .vega-embed details, .vega-bindings, "
    ".csv-download, a[download], a[href^='data:'], .language-switch, .lang-switch, details > summary, "
    "details.code-fold, #loading"
)


def printed_controls(page) -> list[str]:
    """Controls and download links that the print stylesheet leaves on the page (each as tag.class: text).
    Leaves the page as it was."""
    page.emulate_media(media="print")
    try:
        return page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
            .filter(e => { const box = e.getBoundingClientRect(); return box.width > 0 && box.height > 0; })
            .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ': ' + e.textContent.trim().slice(0, 40))""",
            PRINTED_CONTROLS,
        )
    finally:
        page.emulate_media(media="null")


def printed_pages(page, path: Path) -> list[str]:
    """Print the page as a reader's "Print → Save as PDF" would (A4, the print stylesheet) and return
    each printed page's text (pypdf), white space normalised; "[picture]" for a page with pictures only,
    "" for a blank page."""
    import re

    from pypdf import PdfReader

    page.pdf(path=str(path), format="A4", print_background=True)
    texts = []
    for printed in PdfReader(path).pages:  # a page with a chart drawn on a <canvas> holds it as a picture, no text
        text = re.sub(r"\s+", " ", printed.extract_text() or "").strip()
        texts.append(text or ("[picture]" if _has_pictures(printed) else ""))
    return texts


def _has_pictures(printed) -> bool:
    """Whether a PDF page draws any picture (an XObject: Chromium prints a <canvas> chart as one)."""
    resources = printed.get("/Resources")
    pictures = resources.get_object().get("/XObject") if resources is not None else None
    return bool(pictures is not None and len(pictures.get_object()))
