"""Shared paths and fixtures for the test-suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SEEDS = ROOT.parent / "shared" / "seeds"  # present on the developers' machines and in CI, absent on Binder

ONE_MONTH = "nav_tiltak_en_maaned_2016-11.txt"
GENDER = "nav_tiltak_kjonn_2021-01_2021-05.txt"
AGE = "nav_tiltak_alder_2019-01_2019-12.txt"


def raw_text(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def raw_lines(name: str) -> list[str]:
    return raw_text(name).split("\n")


@pytest.fixture(scope="session", autouse=True)
def chart_settings():
    """Charts in tests use the same theme, renderer and data transformer as the notebooks."""
    from helpers import charts

    charts.enable()


@pytest.fixture(scope="session")
def participants():
    import helpers

    return helpers.load_participants()
