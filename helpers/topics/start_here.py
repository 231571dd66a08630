"""00 Start here: participants by status group, and the collection's first key findings.

Topic modules hold everything a notebook computes: its views of the data, its figures (chart,
takeaway and numbers), its key findings as sentences, its explorers and its exercises. The
notebook itself only tells the story and calls these functions.
"""

from __future__ import annotations


import altair as alt
import pandas as pd

from .. import views
from ..charts import STATUS_COLOURS, Figure, check_lang, finish, month_label, number, titled, value_label, word
from ..exercises import as_number, data, exercise
from ..widgets import LANGUAGES, Explorer, register

NAE = "Nedsatt arbeidsevne, på tiltak"


def status_groups(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Participants by status group in one month; a menu in the chart switches the month.

    The menu is a Vega-Lite parameter, so it works without a kernel (exported HTML, Voilà,
    a static site) as well as in JupyterLab.
    """
    check_lang(lang)
    data = views.status_by_month(frame)
    data["month"] = [month_label(p, lang) for p in data["period"]]
    data["status"] = [value_label(s, lang) for s in data["status_group"]]
    data["participants"] = data["value"].astype("int64")
    data["share"] = data["share"].astype(float).round(1)
    month_options = list(dict.fromkeys(data["month"]))
    first = month_options[0]
    pick = alt.param(name="month", value=first, bind=alt.binding_select(options=month_options, name=word("select_month", lang)))
    status_order = [value_label(s, lang) for s in views.STATUS_ORDER]
    base = alt.Chart(data[["month", "status", "participants", "share"]]).transform_filter(alt.datum.month == pick)
    bars = base.mark_bar().encode(
        x=alt.X("participants:Q", title=word("participants", lang), axis=alt.Axis(format=",d")),
        y=alt.Y("status:N", title=None, sort=status_order),
        color=alt.Color("status:N", scale=alt.Scale(domain=status_order, range=[STATUS_COLOURS[s] for s in views.STATUS_ORDER]), legend=None),
        tooltip=[alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("status:N", title=word("status_group", lang)),
                 alt.Tooltip("participants:Q", title=word("participants", lang), format=",d"),
                 alt.Tooltip("share:Q", title=word("share", lang), format=".1f")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(
        x="participants:Q", y=alt.Y("status:N", sort=status_order), text=alt.Text("participants:Q", format=",d"))
    title = {"en": "Participants by status group", "nb": "Deltakere etter hovedgruppe"}[lang]
    subtitle = {"en": ["People on a programme at the end of the month. Pick a month from any of the three tables.", word("source", lang)],
                "nb": ["Personer på tiltak ved utgangen av måneden. Velg en måned fra en av de tre tabellene.", word("source", lang)]}[lang]
    chart = (bars + labels).add_params(pick).properties(title=titled(title, subtitle), width=480, height=130)

    shares = data[data["status_group"] == "Nedsatt arbeidsevne, på tiltak"]["share"]
    largest_every_month = bool((data.loc[data.groupby("month")["participants"].idxmax(), "status_group"] == "Nedsatt arbeidsevne, på tiltak").all())
    low, high = number(shares.min(), lang), number(shares.max(), lang)
    if lang == "en":
        takeaway = (f"People with reduced work capacity are {'the largest group in every one of' if largest_every_month else 'a large group in'} "
                    f"the {len(month_options)} months shown: {low} to {high} % of all participants.")
    else:
        takeaway = (f"Personer med nedsatt arbeidsevne er {'den største gruppen i alle' if largest_every_month else 'en stor gruppe i'} "
                    f"de {len(month_options)} månedene: {low} til {high} % av alle deltakerne.")
    table = data.pivot(index="month", columns="status", values="participants").reindex(index=month_options, columns=status_order)
    table.index.name = word("month", lang)
    table.columns.name = None
    return Figure(finish(chart, lang), takeaway, table.reset_index(), title)


def _total(frame: pd.DataFrame, period: str, **fixed: str) -> int:
    rows = views.select(frame, **fixed)
    return int(rows.loc[rows["period"].astype(str) == period, "value"].item())


def key_findings(frame: pd.DataFrame) -> list[str]:
    """Key findings for 00_start_here, as sentences computed from the tables."""
    snapshots = ["2016-11", "2019-11", "2021-05"]
    totals = {p: _total(frame, p) for p in snapshots}
    shares = views.status_by_month(frame)
    nae = shares[shares["status_group"] == NAE]["share"].astype(float)
    year = {p: _total(frame, p) for p in (f"2019-{m:02d}" for m in range(1, 13))}
    low, high = min(year, key=year.get), max(year, key=year.get)
    fall = 100 * (year[high] - year[low]) / year[high]
    listing = ", ".join(f"{number(totals[p])} in {month_label(pd.Period(p, 'M'), 'en')}" for p in snapshots)
    return [
        f"NAV's tables count the people on a labour-market programme at the end of a month: {listing}.",
        f"Most participants are people with reduced work capacity (nedsatt arbeidsevne): {number(nae.min())}-{number(nae.max())} % "
        f"in every month the tables cover.",
        f"Participation follows the seasons: in 2019 it fell from {number(year[high])} in {month_label(pd.Period(high, 'M'), 'en')} "
        f"to {number(year[low])} in {month_label(pd.Period(low, 'M'), 'en')}, {number(fall)} % fewer.",
    ]


# -- explorers and exercises ---------------------------------------------------------------------
register(Explorer("status_groups", status_groups, {"lang": LANGUAGES}))


def _grand_total(period: str, status: str = "I alt") -> int:
    rows = views.select(data(), status_group=status)
    return int(rows.loc[rows["period"].astype(str) == period, "value"].item())


# -- 00 Start here -------------------------------------------------------------------------------------
@exercise("00.1", hint="pick November 2016 in the chart's menu, or open 'See the numbers' under it.")
def _(answer):
    expected = _grand_total("2016-11", "Nedsatt arbeidsevne, på tiltak")
    value = as_number(answer)
    if value == expected:
        return True, f"{expected:,} people with reduced work capacity were on a programme at the end of November 2016.".replace(",", " ")
    return False, "look at the bar for 'Reduced work capacity' in November 2016 and give the whole number of persons."


@exercise("00.2", hint="compare the July bars of 2019 with those of March 2019.")
def _(answer):
    totals = {p: _grand_total(p) for p in (f"2019-{m:02d}" for m in range(1, 13))}
    lowest = min(totals, key=totals.get)
    month_names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    norwegian = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"]
    m = int(lowest[-2:]) - 1
    if isinstance(answer, str) and answer.strip().lower() in {month_names[m], norwegian[m], lowest}:
        return True, f"{month_names[m].capitalize()} 2019 had the fewest participants: summer is the low season."
    return False, "add up the three bars for each month of 2019 (or read 'See the numbers') and name the month with the smallest total."
