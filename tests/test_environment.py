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


def test_environment_pip_section_equals_the_runtime_lock():
    pip = next(d["pip"] for d in environment()["dependencies"] if isinstance(d, dict))
    for line in pip:
        assert not line.startswith(("-r", "-c", "-e", "--")), f"{line!r}: local requirements make repo2docker rebuild on every change"
    listed = {canonicalize_name(p.split("==")[0]): p.split("==")[1] for p in pip}
    assert listed == read_lock("requirements.lock")


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
