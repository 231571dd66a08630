"""One module per notebook: what each notebook computes (views, figures, findings, explorers, exercises).

| notebook | module |
|---|---|
| 00_start_here | start_here |
| 01_definitions | definitions |
| 02_reading_nav_tables | tables |
| 03_programme_groups | groups |
| 04_women_and_men | gender |
| 05_seasons_and_age | seasons |
| 06_audit_findings | audit_findings |
| 07_across_the_years | years |
| dashboard | dashboard |
"""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> list[str]:
    """Import every topic module, so their explorers and exercises are registered."""
    names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    return names
