"""Binder's environment.yml, the locks and pyproject.toml agree."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT


LOCKS = ("requirements.lock", "requirements-dev.lock")
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*(\\)?$")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    marker: str | None
    hashes: tuple[str, ...]

    def applies(self) -> bool:
        """Whether this pin is for the running interpreter and platform."""
        return self.marker is None or Marker(self.marker).evaluate()


def parse_requirements(lines: list[str], where: str) -> list[Pin]:
    """Pins from requirements text as uv writes it: `name==version ; marker \\` then `--hash=...` lines (or one line
    with every hash, as in environment.yml); comments skipped. Anything else is an error naming the line."""
    pins: list[Pin] = []
    for number, raw in enumerate(lines, 1):
        line = raw.split(" #", 1)[0].strip() if not raw.strip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("--hash="):
            assert pins and HASH.fullmatch(line.rstrip(" \\")), f"{where}:{number}: {raw!r} is not a sha256 hash of the pin above"
            last = pins[-1]
            pins[-1] = Pin(last.name, last.version, last.marker, (*last.hashes, line.rstrip(" \\")))
            continue
        requirement, *hashes = re.split(r"\s+(?=--hash=)", line)
        match = ENTRY.match(requirement)
        assert match, f"{where}:{number}: {raw!r} is not an exact pin (name==version [; marker])"
        assert all(HASH.fullmatch(h) for h in hashes), f"{where}:{number}: malformed hash in {raw!r}"
        pins.append(Pin(canonicalize_name(match[1]), match[2], match[3], tuple(hashes)))
    return pins


def read_lock(name: str) -> list[Pin]:
    return parse_requirements((ROOT / name).read_text(encoding="utf-8").splitlines(), name)


def versions(pins: list[Pin]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for pin in pins:
        found.setdefault(pin.name, set()).add(pin.version)
    return found


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_pins_python_and_pip_from_conda_forge():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in conda and "pip" in conda


def pip_section() -> list[str]:
    return next(d["pip"] for d in environment()["dependencies"] if isinstance(d, dict))


def lock_script():
    spec = importlib.util.spec_from_file_location("lock", ROOT / "scripts" / "lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_pin_has_hashes_and_the_locks_are_installed_with_them():
    """pip's hash mode refuses a package whose file does not match: every lock line needs its sha256."""
    for name in LOCKS:
        pins = read_lock(name)
        assert len(pins) > 10, name
        assert [pin.name for pin in pins if not pin.hashes] == [], f"{name}: pins without a hash"
    setup = (ROOT / "nav.py").read_text(encoding="utf-8")
    assert '"--require-hashes", "--no-deps"' in setup


def test_locks_cover_macos_and_windows_with_markers():
    """A universal resolution: what only macOS or Windows needs is in the lock, with its marker, so the
    same lock installs there (ipykernel needs appnope on macOS; Jupyter needs pywinpty, IPython colorama on Windows)."""
    pins = {pin.name: pin for pin in read_lock("requirements.lock")}
    platform_only = {
        "appnope": {"sys_platform": "darwin", "os_name": "posix"},
        "pywinpty": {"sys_platform": "win32", "os_name": "nt"},
        "colorama": {"sys_platform": "win32", "os_name": "nt"},
    }
    linux = {"sys_platform": "linux", "os_name": "posix"}
    for name, platform in platform_only.items():
        assert name in pins, f"requirements.lock has no {name}: is it resolved for every platform (make lock)?"
        marker = Marker(pins[name].marker or "")
        assert marker.evaluate(platform) and not marker.evaluate(linux), f"{name}: marker {pins[name].marker!r}"
    assert "pexpect" in pins and not Marker(pins["pexpect"].marker).evaluate({"sys_platform": "win32", "os_name": "nt"})


def test_environment_pip_section_is_the_runtime_lock_with_its_hashes():
    """Binder's pip section: requirements.lock line for line (versions, markers, hashes), plus only what the
    locks leave out on purpose (scripts/lock.py's EXCLUDED), and no local path (hash mode refuses it)."""
    pip = parse_requirements(pip_section(), "environment.yml")
    assert all(pin.hashes for pin in pip), "environment.yml: every pip line needs its hashes (pip's hash mode)"
    lock = read_lock("requirements.lock")
    excluded = set(lock_script().EXCLUDED)
    assert [pin for pin in pip if pin.name not in excluded] == lock
    assert {pin.name for pin in pip} - {pin.name for pin in lock} == excluded
    assert not any(line.lstrip().startswith(("-e", ".")) for line in pip_section())


def test_binder_start_script_points_jupyter_at_the_collections_config():
    """repo2docker runs ./start before the server; the server reads JUPYTER_CONFIG_PATH (a
    jupyter_server_config file in the repository root would be ignored)."""
    import json
    import os
    import subprocess

    start = ROOT / "start"
    assert os.access(start, os.X_OK)
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), (
        "a binder/ folder makes repo2docker ignore environment.yml and start in the root"
    )
    out = subprocess.run(
        [str(start), "sh", "-c", 'echo "$JUPYTER_CONFIG_PATH"; echo "$JUPYTER_PATH"; echo "$PYTHONPATH"'],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ["PATH"]},
    ).stdout.split()
    assert out == [f"{ROOT / 'jupyter-config'}:{ROOT / 'jupyter-config' / 'jupyterlab'}", str(ROOT), str(ROOT)]
    # nav.py dashboard (no bash on Windows) sets the same
    spec = importlib.util.spec_from_file_location("nav", ROOT / "nav.py")
    nav = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nav)
    same = nav.jupyter_paths({"PATH": os.environ["PATH"]})
    assert [same["JUPYTER_CONFIG_PATH"], same["JUPYTER_PATH"], same["PYTHONPATH"]] == out
    config = json.loads((ROOT / "jupyter-config" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    cull = config["MappingKernelManager"]
    assert cull["cull_connected"] is False  # a page or notebook that is open keeps its kernel
    assert 30 <= cull["cull_idle_timeout"] and cull["cull_idle_timeout"] + cull["cull_interval"] <= 90, (
        "a closed dashboard's kernel must be gone within 2 minutes"
    )
    assert config["VoilaConfiguration"]["template"] == "nav"
    hook = (ROOT / "jupyter-config" / "jupyter_server_config.py").read_text(encoding="utf-8")
    assert "c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie" in hook
    assert (ROOT / "voila" / "templates" / "nav" / "index.html.j2").is_file()


def test_make_lab_reads_the_jupyterlab_settings_and_not_the_servers_culling(monkeypatch):
    """`make lab` (nav.py lab) puts jupyter-config/jupyterlab/ (no announcements) on JUPYTER_CONFIG_PATH, and not
    jupyter-config/ itself, whose kernel culling is for Voilà's pages: a learner's kernel must survive a closed tab
    or a laptop's sleep. The reader's own JUPYTER_CONFIG_PATH is kept after it."""
    import json
    import os

    spec = importlib.util.spec_from_file_location("nav", ROOT / "nav.py")
    nav = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nav)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/somewhere/else")
    path = nav.lab_env()["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    lab = ROOT / "jupyter-config" / "jupyterlab"
    assert path == [str(lab), "/somewhere/else"]
    assert not list(lab.glob("jupyter_server_config.*")), "server settings in the folder make lab reads"
    page_config = json.loads((lab / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    assert page_config["disabledExtensions"] == {"@jupyterlab/apputils-extension:announcements": True}


def test_locks_do_not_overlap_and_cover_pyproject():
    runtime, dev = versions(read_lock("requirements.lock")), versions(read_lock("requirements-dev.lock"))
    assert not set(runtime) & set(dev)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert canonicalize_name(req.name) in runtime, req.name
        assert all(req.specifier.contains(v) for v in runtime[canonicalize_name(req.name)]), req
    for spec in project["optional-dependencies"]["dev"]:
        req = Requirement(spec)
        found = runtime.get(canonicalize_name(req.name)) or dev[canonicalize_name(req.name)]
        assert all(req.specifier.contains(v) for v in found), req
    assert runtime["altair"] == {"5.5.0"}  # the collection's charts are written for Altair 5 (Vega-Lite 5)


def test_installed_versions_are_the_locked_ones():
    from importlib import metadata

    for pin in (*read_lock("requirements.lock"), *read_lock("requirements-dev.lock")):
        if pin.applies():
            assert metadata.version(pin.name) == pin.version, pin.name


def test_ruff_finds_no_error():
    """ruff's lint (configured in pyproject.toml) over the whole repository."""
    ruff = Path(sys.executable).with_name("ruff")
    done = subprocess.run(
        [str(ruff), "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_python_is_formatted_by_ruff():
    """ruff's format check (notebooks excluded in pyproject.toml): run `.venv/bin/ruff format .` when this fails."""
    ruff = Path(sys.executable).with_name("ruff")
    done = subprocess.run([str(ruff), "format", "--check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, "run `.venv/bin/ruff format .`:\n" + done.stdout[-3000:] + done.stderr[-1000:]


def test_nothing_refers_to_files_outside_the_repository():
    """A clone from GitHub and Binder have only the repository: the design notes the code cites are in docs/design/."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    outside = re.compile(r"\.\./shared|shared/(docs|seeds|data)/")
    found = []
    for name in filter(None, listed):
        path = ROOT / name
        if path.is_file() and path.suffix in (".py", ".md", ".yaml", ".yml", ".toml", ".ipynb", ".cfg", ".j2", ".json", ""):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if outside.search(line)]
    assert found == [], f"references to files outside the repository: {found}"
    for note in ("the-data", "terminology", "programme-history", "audit", "notebook-stack", "teaching-anchors"):
        assert (ROOT / "docs" / "design" / f"{note}.md").is_file(), note


def test_ci_workflow_runs_ci_run_and_the_site_workflow_publishes_make_site():
    """README: CI runs the whole suite on Python 3.11 and the unit tests on 3.13 (.ci/run), on GitHub too."""
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = ci["jobs"]["suite"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "bash .ci/run" in runs and "3.13" in runs and "3.11" in ci["jobs"]["suite"]["container"]["image"]
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test\n" in script and "make test-binder" in script and "test-units" in script
    site = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    build = site["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make site" for step in build)
    assert any(
        step.get("uses", "").startswith("actions/upload-pages-artifact") and step["with"]["path"] == "site" for step in build
    )
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in site["jobs"]["deploy"]["steps"])
