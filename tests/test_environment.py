"""Binder's environment.yml, the locks and pyproject.toml agree."""

from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT


def read_lock(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        assert match, f"{name}: {line!r} is not an exact pin"
        pins[canonicalize_name(match[1])] = match[2]
    return pins


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_pins_python_and_pip_from_conda_forge():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in conda and "pip" in conda


def pip_section() -> list[str]:
    return next(d["pip"] for d in environment()["dependencies"] if isinstance(d, dict))


def test_environment_pip_section_equals_the_runtime_lock_and_installs_the_project():
    pip = pip_section()
    local = [line for line in pip if "==" not in line]
    # Binder never runs the Makefile: the collection's own package must come from environment.yml.
    assert local == ["-e ."], f"{local}: the pip section must end with exactly one local line, '-e .'"
    assert pip[-1] == "-e ."
    listed = {canonicalize_name(p.split("==")[0]): p.split("==")[1] for p in pip if "==" in p}
    assert listed == read_lock("requirements.lock")


def test_binder_start_script_points_jupyter_at_the_collections_config():
    """repo2docker runs ./start before the server; the server reads JUPYTER_CONFIG_PATH (a
    jupyter_server_config file in the repository root would be ignored)."""
    import json
    import os
    import subprocess

    start = ROOT / "start"
    assert os.access(start, os.X_OK)
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), \
        "a binder/ folder makes repo2docker ignore environment.yml and start in the root"
    out = subprocess.run([str(start), "sh", "-c", 'echo "$JUPYTER_CONFIG_PATH"; echo "$JUPYTER_PATH"'],
                         capture_output=True, text=True, check=True, env={"PATH": os.environ["PATH"]}).stdout.split()
    assert out == [str(ROOT / "jupyter-config"), str(ROOT)]
    config = json.loads((ROOT / "jupyter-config" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    cull = config["MappingKernelManager"]
    assert cull["cull_connected"] is False  # a page or notebook that is open keeps its kernel
    assert 30 <= cull["cull_idle_timeout"] and cull["cull_idle_timeout"] + cull["cull_interval"] <= 90, \
        "a closed dashboard's kernel must be gone within 2 minutes"
    assert config["VoilaConfiguration"]["template"] == "nav"
    hook = (ROOT / "jupyter-config" / "jupyter_server_config.py").read_text(encoding="utf-8")
    assert "c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie" in hook
    assert (ROOT / "voila" / "templates" / "nav" / "index.html.j2").is_file()


def test_locks_do_not_overlap_and_cover_pyproject():
    runtime, dev = read_lock("requirements.lock"), read_lock("requirements-dev.lock")
    assert not set(runtime) & set(dev)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert canonicalize_name(req.name) in runtime
        assert req.specifier.contains(runtime[canonicalize_name(req.name)])
    for spec in project["optional-dependencies"]["dev"]:
        req = Requirement(spec)
        version = runtime.get(canonicalize_name(req.name)) or dev[canonicalize_name(req.name)]
        assert req.specifier.contains(version)


def test_installed_versions_are_the_locked_ones():
    from importlib import metadata

    for name, version in {**read_lock("requirements.lock"), **read_lock("requirements-dev.lock")}.items():
        assert metadata.version(name) == version, name
