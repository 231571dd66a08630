"""The notebook kit: computed sentences keep NAV's stars, charts come with takeaway and numbers,
controls check every option, and answers are read the way learners write them."""

from __future__ import annotations

import io

import altair as alt
import mistune
import pandas as pd
import pytest

from helpers.charts import Figure
from helpers.exercises import as_label, as_month, as_number, judge_label, judge_month, judge_number
from helpers.notebook import check_every_option, escape, figure_parts, numbers_table, options

render = mistune.create_markdown()


def visible(markdown: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", render(markdown))


@pytest.mark.parametrize(
    "sentence",
    [
        "January shows '*' for Jobbklubb.",
        "Stars (*) hide 0-3 persons; 7,203 → * in March.",
        "* at the start, and * in the middle *",
    ],
)
def test_a_star_in_a_computed_sentence_stays_visible(sentence):
    assert visible(escape(sentence)).count("*") == sentence.count("*")
    assert "<em>" not in render(escape(sentence))


def titled_chart(title: str, subtitle: list[str]) -> alt.Chart:
    """A one-point chart with a title and subtitle lines: what the kit reads sources and CSV names from."""
    return (
        alt.Chart(pd.DataFrame({"x": [1]}))
        .mark_point()
        .encode(x="x:Q")
        .properties(title=alt.TitleParams(title, subtitle=subtitle))
    )


def small_chart(values=(3, None)):
    table = pd.DataFrame({"month": ["Jan", "Feb"], "value": pd.array(values, dtype="Int64")})
    return alt.Chart(table).mark_bar().encode(x="month:N", y="value:Q").properties(title="Test"), table


def test_a_figure_takes_its_title_and_language_from_the_chart():
    chart, table = small_chart()
    figure = Figure(chart, "A takeaway with a * star.", table, lang="nb")
    assert figure.title == "Test" and figure.lang == "nb"
    assert figure.spec()["config"]["locale"]["number"]["decimal"] == ","
    parts = figure_parts(figure)
    assert "\\*" in parts[0].data  # the takeaway keeps its star


def test_numbers_table_shows_stars_readable_headers_and_months():
    table = pd.DataFrame({"period": [pd.Period("2019-07", "M")], "value": pd.array([None], dtype="Int64"), "line": [1234]})
    html = numbers_table(table)
    assert "<td>*</td>" in html and "Month" in html and "July 2019" in html and "<td>1234</td>" in html
    assert ">0<" not in html


def test_options_show_both_languages():
    assert options(["Lønnstilskudd"]) == (("Lønnstilskudd (Wage subsidy)", "Lønnstilskudd"),)


def test_check_every_option_draws_each_and_names_the_one_that_fails():
    def draw(n):
        chart, table = small_chart((n, 1))
        if n == 2:
            raise ValueError("no data")
        return Figure(chart, f"{n}", table)

    assert check_every_option(draw, {"n": ((("one", 1)), ("three", 3))}) == 2
    with pytest.raises(AssertionError, match=r"\{'n': 2\}"):
        check_every_option(draw, {"n": (("one", 1), ("two", 2))})


@pytest.mark.parametrize(
    "text,near,expected",
    [
        ("183 501 kr", None, 183501),
        ("NOK 183,501", None, 183501),
        ("48,2 %", None, 48.2),
        ("48.2", None, 48.2),
        ("1,234", 1.2, 1.234),
        ("1,234", 1000, 1234),
        ("1.234,5", None, 1234.5),
        (pd.Series([7]), None, 7),
        ("\u22123", None, -3),
    ],
)
def test_numbers_are_read_as_learners_write_them(text, near, expected):
    assert as_number(text, near=near) == pytest.approx(expected)


def test_what_is_not_a_number_is_none():
    assert as_number("many") is None and as_number(True) is None and as_number(float("nan")) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("July 2019", (2019, 7)),
        ("juli", (None, 7)),
        ("2019-07", (2019, 7)),
        ("jul.", (None, 7)),
        ("07/2019", (2019, 7)),
        (pd.Period("2019-07", "M"), (2019, 7)),
        (pd.Timestamp("2019-07-01"), (2019, 7)),
        (7, (None, 7)),
        ("mai 2021", (2021, 5)),
    ],
)
def test_months_are_read_as_learners_write_them(text, expected):
    assert as_month(text) == expected


def test_labels_in_either_language_or_both():
    assert {"lønnstilskudd", "wage subsidy"} <= as_label("Lønnstilskudd (wage subsidy)")
    assert judge_label("wage subsidy", "Lønnstilskudd")[0] and judge_label("LØNNSTILSKUDD", "Lønnstilskudd")[0]
    ok, message = judge_label(
        "Opplæring", "Lønnstilskudd", mistakes={"That is the largest group, not the one asked for.": "Opplæring"}
    )
    assert not ok and "largest group" in message


def test_judges_point_at_the_usual_mistake():
    ok, message = judge_number("52.1", 48.2, 0.05, mistakes={"You divided by the men, not by everyone.": 52.1})
    assert not ok and "divided by the men" in message
    assert judge_number("48,2 %", 48.23, 0.05)[0]
    assert "too high" in judge_number(60, 48.2, 0.05)[1]
    assert judge_month("juli", pd.Period("2019-07", "M"))[0]
    assert not judge_month("July 2020", pd.Period("2019-07", "M"))[0]


def test_csv_keeps_stars_dates_itself_and_has_a_norwegian_excel_form():
    """A hidden count is '*' in both CSV forms (never an empty cell or 0), every row carries the data stamp,
    and the bokmål page offers a CSV for Norwegian Excel: BOM, semicolons, decimal comma."""
    import io
    from urllib.parse import unquote

    import altair as alt

    from helpers.charts import Figure
    from helpers.notebook import csv_link, csv_text

    table = pd.DataFrame(
        {
            "programme_group": ["Opplæring", "Jobbskaping og egenetablering"],
            "value": pd.array([1234, pd.NA], dtype="Int64"),
            "share": [12.5, 0.25],
        }
    )
    chart = (
        alt.Chart(pd.DataFrame({"a": [1]}))
        .mark_bar()
        .encode(x="a:Q")
        .properties(title=alt.TitleParams("Deltakere", subtitle=["Kilde: NAV, Deltakere i arbeidsrettede tiltak"]))
    )
    figure = Figure(chart, "Ein setning.", table, lang="nb")
    text = csv_text(figure, "nb")
    plain = pd.read_csv(io.StringIO(text), dtype=str, skiprows=1)
    assert list(plain["Personer"]) == ["1234", "*"]
    first = text.splitlines()[0]  # the stamp: the month the data run to, and the source
    assert first.startswith('"Datagrunnlag:') and "mai 2021" in first and "Kilde: NAV" in first
    excel = csv_text(figure, "nb", excel=True)
    assert excel.startswith('\ufeff"Datagrunnlag') and ";" in excel.splitlines()[1]
    parsed = pd.read_csv(io.StringIO(excel.lstrip("\ufeff")), sep=";", decimal=",", skiprows=1)
    assert list(parsed["Andel (%)"]) == [12.5, 0.25] and list(parsed["Personer"].astype(str)) == ["1234", "*"]
    links = csv_link(figure, "nb")
    assert 'class="csv-download"' in links and 'class="csv-download-excel"' in links
    assert unquote(links.split('href="')[2].split('"')[0]).startswith("data:text/csv;charset=utf-8,\ufeff")
    assert "csv-download-excel" not in csv_link(Figure(chart, "One sentence.", table, lang="en"), "en")


def test_mark_cells_keeps_hidden_and_unpublished_cells_apart():
    """pivot_table(aggfunc='sum') turns an all-hidden cell into 0; mark_cells gives '*' and '–'."""
    from helpers.notebook import mark_cells

    rows = pd.DataFrame(
        {
            "group": ["A", "A", "B"],
            "status": ["x", "y", "x"],
            "value": pd.array([5, pd.NA, 7], dtype="Int64"),
            "suppressed": [False, True, False],
        }
    )
    cells = mark_cells(rows, "group", "status")
    assert cells.loc["A", "y"] == "*" and cells.loc["B", "y"] == "–" and cells.loc["A", "x"] == 5


def test_both_names_never_double_a_parenthesis():
    """'Arbeid med bistand (AB)' glossed 'Work with assistance (AB)' (vocabulary.PROGRAMMES) is joined with a
    dash, and the checker reads either half of what both() writes."""
    from helpers.vocabulary import PROGRAMMES, PROGRAMME_GROUPS, both

    for label in [*PROGRAMMES, *PROGRAMME_GROUPS]:
        written = both(label)
        assert ") (" not in written and written.count("(") <= 2 and "((" not in written, written
    assert both("Arbeid med bistand (AB)") == "Arbeid med bistand (AB) – Work with assistance (AB)"
    assert both("Lønnstilskudd") == "Lønnstilskudd (Wage subsidy)"
    assert judge_label(both("Arbeid med bistand (AB)"), "Arbeid med bistand (AB)")[0]
    assert judge_label("work with assistance (ab)", "Arbeid med bistand (AB)")[0]


def test_in_language_picks_the_reader_s_text_and_refuses_another_language():
    from helpers.vocabulary import in_language

    assert in_language("en", en="Month", nb="Måned") == "Month"
    assert in_language("nb", en="Month", nb="Måned") == "Måned"
    with pytest.raises(ValueError, match="'en' or 'nb'"):
        in_language("no", en="Month", nb="Måned")


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Source: NAV, Deltakere i arbeidsrettede tiltak. Tiltak. En måned, November 2016", ("participants",)),
        ("Source: NAV, Tiltak og alder. Tidsserie måned, January-December 2019", ("participants",)),
        ("Source: NAV, TILT100-TILT180 (JSON)", ("monthly",)),
        ("Source: NAV, TILT100-TILT180 (JSON); NAV, Tiltak og alder 2019 (printed)", ("participants", "monthly")),
        ("Source: Riksrevisjonen, Dokument 3:5 (2017–2018), Tabell 3; NAV, TILT100-TILT180 (JSON)", ("monthly", "audit")),
        ("Source: Riksrevisjonen, Dokument 3:5", ("audit",)),
    ],
)
def test_a_chart_s_stamp_follows_its_source_line(source, expected):
    """NAV's printed tables are called '… En måned' and '… Tidsserie måned': their CSVs carry the printed tables'
    stamp, not the monthly series' (the names of the seeds: data/raw/manifest.yaml's nav_title)."""

    from helpers.charts import Figure
    from helpers.notebook import figure_sources

    chart = titled_chart("A chart", [source])
    assert figure_sources(Figure(chart, "takeaway", pd.DataFrame({"x": [1]}))) == expected


def test_a_star_is_explained_for_the_data_it_comes_from():
    """In NAV's printed tables '*' hides 0-3 (1-3 in the one-month table); in the monthly JSON a null before a
    programme's first count or after its last may also mean no programme (helpers.monthly.null_reading)."""
    from helpers.notebook import symbols_note

    table = pd.DataFrame({"group": ["a", "b"], "value": [pd.NA, 5]})
    printed = symbols_note(table, "en")
    assert "1–3 in the one-month table" in printed and "null" not in printed
    monthly = symbols_note(table, "en", ("monthly",))
    assert "null" in monthly and "no programme running" in monthly and "one-month table" not in monthly
    assert "prikket" in symbols_note(table, "nb", ("monthly",))
    assert symbols_note(pd.DataFrame({"value": [1, 2]}), "en", ("monthly",)) == ""


def test_a_csv_first_line_carries_the_whole_source_and_what_its_symbols_mean():
    """A source wrapped over two subtitle lines is kept whole, and a CSV with a hidden count says what '*' means
    (a spreadsheet shows no notes under the table)."""
    from helpers.notebook import csv_text

    chart = titled_chart(
        "T", ["A note.", "Source: NAV, participants in labour-market", "programmes (Deltakere i arbeidsrettede tiltak)"]
    )
    first = csv_text(Figure(chart, "t", pd.DataFrame({"group": ["a", "b"], "value": [pd.NA, 4]})), "en").split("\n")[0]
    assert "labour-market programmes (Deltakere i arbeidsrettede tiltak)" in first
    assert "* : a count NAV hid" in first and "&#" not in first
    table = pd.read_csv(
        io.StringIO(csv_text(Figure(chart, "t", pd.DataFrame({"group": ["a"], "value": [pd.NA]})), "en")), skiprows=1, dtype=str
    )
    assert table.iloc[0, 1] == "*"


def test_csv_counts_stay_whole_numbers_and_names_end_at_a_word():
    """A count column with a hidden count is float in pandas; the CSV still writes 21309, not 21309.0."""
    from helpers.notebook import csv_name, csv_text

    chart = titled_chart(
        "Participants in labour-market programmes by programme group and status group, 2016-2021",
        ["Source: NAV, Tiltak. En måned, November 2016"],
    )
    figure = Figure(chart, "t", pd.DataFrame({"group": ["a", "b"], "value": [21309.0, float("nan")]}))
    rows = csv_text(figure, "en").split("\n")[2:4]
    assert rows == ["a,21309", "b,*"]
    name = csv_name(figure)
    assert len(name) <= 60 and name == "participants-in-labour-market-programmes-by-programme-group"
