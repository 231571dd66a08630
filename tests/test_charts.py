"""Charts: theme, palette contrast, what a chart embeds and draws, both languages, rendering."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from helpers import charts
from helpers.notebook import numbers_table

from .conftest import raw_lines


def contrast_on_white(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


@pytest.mark.parametrize("colour", charts.PALETTE + tuple(charts.STATUS_COLOURS.values()) + tuple(charts.GENDER_COLOURS.values()))
def test_palette_has_3_to_1_contrast_on_white(colour):
    assert contrast_on_white(colour) >= 3.0


def test_palette_colours_are_distinct():
    assert len(set(charts.PALETTE)) == len(charts.PALETTE)


def test_numbers_in_both_styles():
    assert charts.number(83484, "en") == "83,484"
    assert charts.number(83484, "nb") == "83\u00a0484"
    assert charts.number(44.12, "nb", decimals=1) == "44,1"
    with pytest.raises(ValueError, match="lang must be"):
        charts.check_lang("de")


def first_chart_of_00() -> dict:
    """The Vega-Lite spec of the first chart notebook 00 stores (participants by status group)."""
    import nbformat

    from .conftest import ROOT

    for cell in nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4).cells:
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get("application/vnd.vegalite.v5+json")
            if spec:
                return spec
    raise AssertionError("notebook 00 stores no chart")


def test_the_first_chart_draws_the_published_numbers():
    spec = first_chart_of_00()
    (rows,) = spec["datasets"].values()
    data = pd.DataFrame(rows)
    assert len(data) == 18 * 3  # 1 + 12 + 5 months, three status groups
    nov = data[data["month"] == "November 2016"].set_index("group")["value"].to_dict()
    # November 2016, as printed on lines 29-31 of the one-month table
    printed = {
        line.split("\t")[0]: int(line.split("\t")[1].replace(" ", ""))
        for line in raw_lines("nav_tiltak_en_maaned_2016-11.txt")[28:31]
    }
    assert nov == {charts.value_label(k, "en"): v for k, v in printed.items()}


def test_the_first_chart_has_a_kernel_free_month_menu():
    spec = first_chart_of_00()
    (param,) = spec["params"]
    assert param["name"] == "month" and param["bind"]["input"] == "select"
    assert param["bind"]["options"][0] == "November 2016" and len(param["bind"]["options"]) == 18
    assert spec["config"]["locale"]["number"]["thousands"] == ","


def small_chart(title: str = "Participants by status group") -> alt.Chart:
    table = pd.DataFrame({"group": ["A", "B"], "value": [3, 5]})
    return alt.Chart(table).mark_bar().encode(x="value:Q", y="group:N").properties(title=title)


def test_a_figure_in_norwegian_gets_norwegian_number_formats():
    figure = charts.Figure(small_chart("Deltakere etter hovedgruppe"), "To grupper.", pd.DataFrame({"n": [1]}), lang="nb")
    spec = figure.spec()
    assert spec["title"] == "Deltakere etter hovedgruppe" and figure.title == "Deltakere etter hovedgruppe"
    assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"


def test_renderer_gives_live_spec_and_static_svg():
    spec = charts.Figure(small_chart(), "Two groups.", pd.DataFrame({"n": [1]})).spec()
    bundle = charts.render(spec)
    assert {k: v for k, v in bundle["application/vnd.vegalite.v5+json"].items() if k != "usermeta"} == spec
    # No chart action sends the chart and its data off the machine ("Open in Vega Editor").
    actions = bundle["application/vnd.vegalite.v5+json"]["usermeta"]["embedOptions"]["actions"]
    assert actions == {"export": True, "source": False, "compiled": False, "editor": False}
    assert bundle["image/svg+xml"].startswith("<svg") and "Participants by status group" in bundle["image/svg+xml"]
    assert bundle["text/plain"] == "<Chart: Participants by status group>"
    assert charts.render(spec)["image/svg+xml"] == bundle["image/svg+xml"]  # deterministic


def test_theme_and_renderer_are_enabled_by_setup():
    from helpers.notebook import setup

    setup()
    assert alt.renderers.active == "nav"
    assert alt.theme.active == "nav"


def test_numbers_table_shows_stars_not_zeros():
    table = pd.DataFrame({"programme": ["A", "B"], "participants": pd.array([12, pd.NA], dtype="Int64")})
    html = numbers_table(table)
    assert "<td>*</td>" in html and "<td>12</td>" in html and "<td>0</td>" not in html
    assert (
        numbers_table(pd.DataFrame({"n": [83484]}), "nb")
        == '<table class="numbers"><thead><tr><th scope="col">n</th></tr></thead><tbody><tr><td>83\u00a0484</td></tr></tbody></table>'
    )
