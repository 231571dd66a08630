"""Controls: menus over a notebook's draw function redraw the chart, and the check that draws every
option (used by nbval through tests/notebook_checks.py) covers every option of every control."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.charts import Figure
from helpers.notebook import CHECK_EVERY_OPTION, explore
from helpers.widgets import combinations, control


def test_combinations_are_complete_when_few_and_cover_every_option_when_many():
    small = {"a": (("1", 1), ("2", 2)), "b": (("x", "x"), ("y", "y"))}
    assert len(list(combinations(small))) == 4
    big = {"a": tuple((str(i), i) for i in range(20)), "b": tuple((str(i), i) for i in range(20))}
    combos = list(combinations(big, most=100))
    assert len(combos) == 40
    assert {c["a"] for c in combos} == set(range(20)) and {c["b"] for c in combos} == set(range(20))


def draw_counts(lang: str = "en", calls: list | None = None) -> Figure:
    table = pd.DataFrame({"group": ["A", "B"], "value": [3, 5]})
    chart = alt.Chart(table).mark_bar().encode(x="value:Q", y="group:N").properties(title="Counts" if lang == "en" else "Antall")
    return Figure(chart, "B is larger." if lang == "en" else "B er størst.", table, lang=lang)


def test_changing_a_control_redraws(monkeypatch):
    monkeypatch.delenv(CHECK_EVERY_OPTION, raising=False)
    calls = []

    def draw(lang):
        calls.append(lang)
        return draw_counts(lang)

    language = control("lang", (("English", "en"), ("Norsk", "nb")))
    box = explore(draw, lang=language)
    assert calls == ["en"]
    language.value = "nb"
    assert calls == ["en", "nb"]
    assert "Interactive controls" in repr(box)


def test_menus_can_be_given_as_options_and_are_all_drawn_under_the_check(monkeypatch):
    monkeypatch.setenv(CHECK_EVERY_OPTION, "1")
    calls = []

    def draw(lang):
        calls.append(lang)
        return draw_counts(lang)

    explore(draw, lang=(("English", "en"), ("Norsk", "nb")))
    assert calls[:2] == ["en", "nb"] and calls[2] == "en"  # every option checked, then the first view drawn
