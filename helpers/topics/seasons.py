"""05 Seasons and age: the yearly rhythm of participation in 2019, by age, status and programme group.

Everything here reads NAV's 2019 table *Tiltak og alder. Tidsserie måned*
(``data/raw/nav_tiltak_alder_2019-01_2019-12.txt``), the only table of the collection with twelve
consecutive months and an age breakdown.

The central measure is the **seasonal index**: a month's count relative to the year's average,
``100 × month / mean of the 12 months`` (:func:`seasonal_index`). 100 is an average month; 85 means
15 % below the average month. A row with a suppressed cell (``*``, 0–3 persons in a time series)
gets no index: the mean of the year is then unknown. Such rows are *excluded* from every index
chart and listed in its notes; differences between two months (the contributions to the summer
dip) are *bounded* instead, with each ``*`` counted as 0 at least and 3 at most.

One year of data mixes the seasonal pattern with any trend and with one-off events, such as the
reform of the training programmes on 1 July 2019 (see :func:`training_reform`).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from .. import vocabulary as vocab
from ..views import per_frame
from ..charts import Figure, LOCALES, MONTHS, PALETTE, SEQUENTIAL_SCHEME, STATUS_COLOURS, check_lang, finish, number, titled, value_label, word, words_from
from ..exercises import as_number, close, data, exercise, same_label
from ..widgets import LANGUAGES, Explorer, label_options, register

T = vocab.TOTAL
SOURCE = "nav_tiltak_alder_2019-01_2019-12.txt"
YEAR = 2019
STAR_MAX = 3  # a '*' in NAV's time series hides a count from 0 to 3 (the-data.md, "What the symbols mean")
AGE_ORDER: tuple[str, ...] = tuple(vocab.AGE_GROUPS)
STATUS_ORDER: tuple[str, ...] = tuple(vocab.STATUS_GROUPS)
# The nine programme groups of 2019 (Helsemessig utredning/behandling was no longer a group).
GROUP_ORDER: tuple[str, ...] = tuple(g for g in vocab.PROGRAMME_GROUPS if g != "Helsemessig utredning/behandling")
TRAINING = "Opplæring"
# Training rows replaced in the reform of 1 July 2019, and the rows that replaced them
# (programme-history.md, "1 Jul 2019"; visible in the table from July-August 2019).
OLD_TRAINING: tuple[str, ...] = ("Arbeidsmarkedsopplæring (AMO)", "Arbeidsmarkedsopplæring (AMO) enkeltplass", "Utdanning")
NEW_TRAINING: tuple[str, ...] = ("AMO Enkeltplass", "AMO Kurs", "Høyere utdanning", "Vgs/yrkesfaglig utdanning",
                                 "Vgs/yrkesfaglig utdanning enkeltplass")
KEYS = ("status_group", "gender", "age_group", "programme_group", "programme", "measure", "source")
GREY = "#666666"

TEXT: dict[str, dict[str, str]] = {
    "index": {"en": "Seasonal index (year's average = 100)", "nb": "Sesongindeks (årsgjennomsnittet = 100)"},
    "index_short": {"en": "Seasonal index", "nb": "Sesongindeks"},
    "month_axis": {"en": "Month of 2019", "nb": "Måned i 2019"},
    "source": {"en": "Source: NAV, Tiltak og alder. Tidsserie måned, January-December 2019",
               "nb": "Kilde: NAV, Tiltak og alder. Tidsserie måned, januar-desember 2019"},
    "all_ages": {"en": "All ages", "nb": "Alle aldre"},
    "no_index": {"en": "no index: * in the row", "nb": "ingen indeks: * i raden"},
    "not_printed": {"en": "not printed", "nb": "ikke trykt"},
    "stars": {"en": "every month includes a '*' (0-3)", "nb": "hver måned inneholder en '*' (0-3)"},
    "select_age": {"en": "Age group: ", "nb": "Aldersgruppe: "},
    "drop": {"en": "Change from March to July (persons)", "nb": "Endring fra mars til juli (personer)"},
}


text = words_from(TEXT)


def short_months(lang: str) -> list[str]:
    """Jan … Dec, or NAV's Norwegian abbreviations (jan. … des.)."""
    check_lang(lang)
    return [m[:3] for m in MONTHS["en"]] if lang == "en" else list(LOCALES["nb"]["time"]["shortMonths"])


def month_name(month: int, lang: str = "en") -> str:
    return MONTHS[lang][month - 1]


def label(value: str, lang: str) -> str:
    """A dimension value in the chosen language: NAV's label ('nb') or its English gloss ('en')."""
    return value_label(value, lang)


# -- the seasonal index --------------------------------------------------------------------------
def _index_of(values: pd.Series) -> pd.Series:
    if len(values) != 12:
        raise ValueError(f"a seasonal index needs the 12 months of one year; got {len(values)} values")
    if isinstance(values.index, pd.PeriodIndex):
        if values.index.year.nunique() != 1 or sorted(values.index.month) != list(range(1, 13)):
            raise ValueError("a seasonal index needs each month of one calendar year exactly once")
    numbers_ = pd.to_numeric(values.astype("Float64"), errors="raise").astype("Float64")
    if numbers_.isna().any():  # a '*' (or a missing month): the year's mean is unknown
        return pd.Series(pd.NA, index=values.index, dtype="Float64")
    return 100 * numbers_ / numbers_.mean()


def seasonal_index(frame_or_series: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """The seasonal index: 100 × a month's count / the mean of the 12 months of the year.

    - a **Series** of 12 monthly counts gives a Series of 12 index values (same index);
    - a **wide DataFrame** (one row per series, 12 month columns) gives the index row by row;
    - a **tidy DataFrame** with ``period`` and ``value`` columns (as from ``load_participants``)
      gives a copy with an ``index`` column, computed within each combination of the dimension
      columns present and each calendar year (every such series must have 12 months).

    A series with a suppressed cell (``<NA>``) gets ``<NA>`` in every month: the year's mean, and
    so every month's index, is unknown. Exclude such series, or bound them with :func:`index_bounds`.
    """
    if isinstance(frame_or_series, pd.Series):
        return _index_of(frame_or_series)
    if not isinstance(frame_or_series, pd.DataFrame):
        raise TypeError(f"seasonal_index() takes a pandas Series or DataFrame, not {type(frame_or_series).__name__}")
    data = frame_or_series
    if {"period", "value"} <= set(data.columns):
        keys = [c for c in KEYS if c in data.columns]
        out = data.copy()
        out["index"] = pd.array([pd.NA] * len(out), dtype="Float64")
        year = out["period"].dt.year
        for _, rows in out.groupby([*(out[k] for k in keys), year], sort=False, dropna=False):
            series = rows.set_index("period")["value"]
            out.loc[rows.index, "index"] = _index_of(series).to_numpy()
        return out
    return data.apply(lambda row: _index_of(row), axis=1).astype("Float64")


def index_bounds(low: pd.Series, high: pd.Series) -> pd.DataFrame:
    """The smallest and largest seasonal index each month can have when each count lies in [low, high].

    A month's index is 1200 × x_m / (x_m + the other eleven months), which rises with x_m and falls
    as the other months rise, so its extremes put this month at one end and the rest at the other.
    Used to *bound* a row with stars (each ``*`` in [0, 3]) instead of excluding it.
    """
    low = pd.Series(low, dtype="float64").reset_index(drop=True)
    high = pd.Series(high, dtype="float64").reset_index(drop=True)
    if len(low) != 12 or len(high) != 12 or (low > high).any():
        raise ValueError("index_bounds() needs 12 lower and 12 upper counts, with low <= high")
    rows = []
    for m in range(12):
        rest_low, rest_high = low.sum() - low[m], high.sum() - high[m]
        lo = 1200 * low[m] / (low[m] + rest_high) if low[m] + rest_high > 0 else math.nan
        hi = 1200 * high[m] / (high[m] + rest_low) if high[m] + rest_low > 0 else math.nan
        rows.append((m + 1, lo, hi))
    return pd.DataFrame(rows, columns=["month", "low", "high"]).set_index("month")


# -- views of the 2019 table ---------------------------------------------------------------------
@per_frame
def year_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Group-level rows of the 2019 table (programme = 'I alt'), with a month number column.

    Passing the result again returns it unchanged, so helpers can share one selection.
    """
    if "measure" not in frame.columns and "month" in frame.columns:
        return frame
    rows = frame[(frame["source"] == SOURCE) & (frame["measure"] == "participants") & (frame["programme"] == T)]
    rows = rows[["period", "status_group", "age_group", "programme_group", "value", "suppressed", "line"]].copy()
    rows["month"] = rows["period"].dt.month
    return rows.reset_index(drop=True)


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame({"month": pd.Series(dtype="int64"), "value": pd.Series(dtype="Int64"), "low": pd.Series(dtype="int64"),
                         "high": pd.Series(dtype="int64"), "stars": pd.Series(dtype="int64"), "lines": pd.Series(dtype="str")})


def series(frame: pd.DataFrame, status_group: str = T, age_group: str = T, programme_group: str = T) -> pd.DataFrame:
    """The 12 monthly counts of one row of the 2019 table, with bounds for stars.

    Columns: month (1-12), value (Int64, <NA> where the count is not known exactly), low and
    high (what the count can be: a '*' is 0-3), stars (how many '*' went into it) and lines (where
    it was printed). NAV prints no all-ages, all-status-groups row per programme group; that row
    is the sum of the three status groups' rows (lines 674-891). Returns an empty frame where NAV
    printed no row (e.g. job creation for people aged 19 and under).
    """
    rows = year_table(frame)
    pick = rows[(rows["status_group"] == status_group) & (rows["age_group"] == age_group) & (rows["programme_group"] == programme_group)]
    if pick.empty and status_group == T and age_group == T and programme_group != T:
        pick = rows[(rows["status_group"] != T) & (rows["age_group"] == T) & (rows["programme_group"] == programme_group)]
    if pick.empty:
        return _empty_series()
    pick = pick.assign(low=pick["value"].fillna(0).astype("int64"),
                       high=pick["value"].fillna(STAR_MAX).astype("int64"),
                       stars=pick["suppressed"].astype("int64"))
    out = pick.groupby("month", sort=True).agg(low=("low", "sum"), high=("high", "sum"), stars=("stars", "sum"),
                                               lines=("line", lambda s: ", ".join(str(x) for x in sorted(set(s)))))
    out = out.reset_index()
    out["value"] = pd.array([lo if st == 0 else pd.NA for lo, st in zip(out["low"], out["stars"])], dtype="Int64")
    if len(out) != 12:
        raise ValueError(f"the 2019 row {status_group} / {age_group} / {programme_group} does not have 12 months")
    return out[["month", "value", "low", "high", "stars", "lines"]]


def wide(frame: pd.DataFrame, by: str, status_group: str = T, age_group: str = T, programme_group: str = T) -> pd.DataFrame:
    """One row per value of ``by`` (status_group, age_group or programme_group), 12 month columns (Int64, <NA> for stars)."""
    order = {"status_group": STATUS_ORDER, "age_group": AGE_ORDER, "programme_group": GROUP_ORDER}[by]
    fixed = {"status_group": status_group, "age_group": age_group, "programme_group": programme_group}
    out = {}
    table_ = year_table(frame)
    for value in order:
        rows = series(table_, **{**fixed, by: value})
        if not rows.empty:
            out[value] = rows.set_index("month")["value"]
    table = pd.DataFrame(out).T.reindex(columns=range(1, 13))
    table.index.name, table.columns.name = by, "month"
    return table.astype("Int64")


def totals(frame: pd.DataFrame) -> pd.Series:
    """The 12 monthly totals of 2019 (all ages, status groups and programmes; line 28)."""
    return series(frame).set_index("month")["value"].astype("int64")


def peak_and_trough(frame: pd.DataFrame) -> tuple[int, int]:
    """The months (1-12) with the most and the fewest participants in 2019."""
    year = totals(frame)
    return int(year.idxmax()), int(year.idxmin())


def contributions(frame: pd.DataFrame) -> pd.DataFrame:
    """Each programme group's share of the fall from the peak month to the trough month.

    Columns: programme_group, peak / trough (counts; stars bounded), change_low / change_high
    (the fall in persons: peak minus trough; equal where no '*' is involved), share (% of the total
    fall, from the lower bound where a range), exact.
    """
    peak, trough = peak_and_trough(frame)
    year = totals(frame)
    fall = int(year[peak] - year[trough])
    rows = []
    table_ = year_table(frame)
    for group in GROUP_ORDER:
        s = series(table_, programme_group=group).set_index("month")
        low = int(s.loc[peak, "low"] - s.loc[trough, "high"])
        high = int(s.loc[peak, "high"] - s.loc[trough, "low"])
        rows.append((group, s.loc[peak, "value"], s.loc[trough, "value"], low, high, 100 * low / fall, low == high,
                     int(s.loc[peak, "low"]), int(s.loc[peak, "high"]), int(s.loc[trough, "low"]), int(s.loc[trough, "high"])))
    out = pd.DataFrame(rows, columns=["programme_group", "peak", "trough", "change_low", "change_high", "share", "exact",
                                      "peak_low", "peak_high", "trough_low", "trough_high"])
    out["peak"] = out["peak"].astype("Int64")
    out["trough"] = out["trough"].astype("Int64")
    return out.sort_values("change_low", ascending=False).reset_index(drop=True)


CUTS: tuple[str, ...] = ("total", "age group", "status group", "status group × age group", "age group × programme group",
                         "status group × programme group", "status group × age group × programme group")


def star_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """How many rows of each cut of the 2019 table hold a '*', and so get no seasonal index.

    Columns: cut, rows, indexed (rows without a star), with_a_star, all_stars (rows that are '*'
    in all 12 months), stars (starred cells) and lines (where the cut is printed).
    """
    rows = year_table(frame)
    cut = ((rows["status_group"] != T).map({True: "status group × ", False: ""})
           + (rows["age_group"] != T).map({True: "age group × ", False: ""})
           + (rows["programme_group"] != T).map({True: "programme group", False: ""}))
    rows = rows.assign(cut=cut.str.removesuffix(" × ").replace("", "total"))
    per_row = rows.groupby(["cut", "status_group", "age_group", "programme_group"], sort=False).agg(
        stars=("suppressed", "sum"), first=("line", "min"), last=("line", "max"))
    out = per_row.groupby("cut", sort=False).agg(
        rows=("stars", "size"), with_a_star=("stars", lambda s: int((s > 0).sum())),
        all_stars=("stars", lambda s: int((s == 12).sum())), stars=("stars", "sum"),
        first=("first", "min"), last=("last", "max"))
    out["indexed"] = out["rows"] - out["with_a_star"]
    out["lines"] = [f"{a}" if a == b else f"{a}-{b}" for a, b in zip(out["first"], out["last"])]
    out = out.reindex([c for c in CUTS if c in out.index])
    return out.reset_index()[["cut", "rows", "indexed", "with_a_star", "all_stars", "stars", "lines"]]


def reform_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Training (Opplæring) participants by month: old rows, new rows and the group, all ages and status groups.

    Stars are bounded: low counts each '*' as 0, high as 3.
    """
    rows = frame[(frame["source"] == SOURCE) & (frame["measure"] == "participants") & (frame["age_group"] == T)
                 & (frame["status_group"] != T) & (frame["programme_group"] == TRAINING)]
    rows = rows.assign(month=rows["period"].dt.month, low=rows["value"].fillna(0).astype("int64"),
                       high=rows["value"].fillna(STAR_MAX).astype("int64"), stars=rows["suppressed"].astype("int64"))
    kind = rows["programme"].map(lambda p: "group" if p == T else "old" if p in OLD_TRAINING else "new" if p in NEW_TRAINING else "other")
    out = rows.assign(kind=kind).groupby(["kind", "month"]).agg(low=("low", "sum"), high=("high", "sum"), stars=("stars", "sum")).reset_index()
    return out


# -- figures ------------------------------------------------------------------------------------
def _month_axis(lang: str) -> alt.X:
    return alt.X("month:N", title=text("month_axis", lang), sort=short_months(lang), axis=alt.Axis(labelAngle=0))


def _fmt_index(value: object, lang: str) -> str:
    return "–" if value is None or pd.isna(value) else number(float(value), lang, 1)


def monthly_totals(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Participants at the end of each month of 2019, with the seasonal index of each month."""
    check_lang(lang)
    year = totals(frame)
    index = seasonal_index(year.astype("Int64"))
    peak, trough = peak_and_trough(frame)
    months = short_months(lang)
    data = pd.DataFrame({"month": months, "participants": year.to_list(), "index": index.astype(float).round(1).to_list()})
    kind = {"en": ("Highest month", "Lowest month", "Other months"), "nb": ("Høyeste måned", "Laveste måned", "Andre måneder")}[lang]
    data["kind"] = [kind[0] if m == peak else kind[1] if m == trough else kind[2] for m in range(1, 13)]
    bars = alt.Chart(data).mark_bar().encode(
        x=_month_axis(lang),
        y=alt.Y("participants:Q", title=word("participants", lang), axis=alt.Axis(format=",d")),
        color=alt.Color("kind:N", scale=alt.Scale(domain=list(kind), range=[PALETTE[0], PALETTE[1], "#9ecae1"]),
                        legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("participants:Q", title=word("participants", lang), format=",d"),
                 alt.Tooltip("index:Q", title=text("index_short", lang), format=".1f")],
    )
    labels = alt.Chart(data).mark_text(dy=-6, fontSize=11, baseline="bottom").encode(
        x=alt.X("month:N", sort=months), y="participants:Q", text=alt.Text("participants:Q", format=",d"))
    title = {"en": "Participants in labour-market programmes, 2019", "nb": "Deltakere i arbeidsrettede tiltak, 2019"}[lang]
    subtitle = {"en": ["People on a programme at the end of each month, all ages and status groups.", text("source", lang)],
                "nb": ["Personer på tiltak ved utgangen av hver måned, alle aldre og hovedgrupper.", text("source", lang)]}[lang]
    chart = (bars + labels).properties(title=titled(title, subtitle), width=600, height=280)
    fall = 100 * (year[peak] - year[trough]) / year[peak]
    if lang == "en":
        takeaway = (f"In 2019 participation peaked at {number(year[peak])} in {month_name(peak)} and fell to {number(year[trough])} "
                    f"in {month_name(trough)}, {number(fall, decimals=1)} % fewer; {month_name(trough)}'s seasonal index is "
                    f"{number(index[trough], decimals=1)} (the year's average month = 100).")
    else:
        takeaway = (f"I 2019 var deltakelsen høyest i {month_name(peak, lang)} med {number(year[peak], lang)} og falt til "
                    f"{number(year[trough], lang)} i {month_name(trough, lang)}, {number(fall, lang, 1)} % færre; sesongindeksen "
                    f"for {month_name(trough, lang)} er {number(index[trough], lang, 1)} (årsgjennomsnittet = 100).")
    table = pd.DataFrame({word("month", lang): [month_name(m, lang) for m in range(1, 13)],
                          word("participants", lang): year.astype("Int64").to_list(),
                          text("index", lang): [_fmt_index(v, lang) for v in index]})
    return Figure(finish(chart, lang), takeaway, table, title)


def index_lines(frame: pd.DataFrame, by: str = "status_group", lang: str = "en") -> Figure:
    """The seasonal index of each status group (or age group), with all participants as a dashed grey line."""
    check_lang(lang)
    if by not in ("status_group", "age_group"):
        raise ValueError("by must be 'status_group' or 'age_group'")
    table = wide(frame, by)
    index = seasonal_index(table)
    overall = seasonal_index(totals(frame).astype("Int64"))
    months = short_months(lang)
    everyone = {"en": "All participants", "nb": "Alle deltakere"}[lang]
    names = [label(v, lang) for v in index.index]
    rows = [(name, months[m - 1], round(float(index.loc[v, m]), 1)) for v, name in zip(index.index, names) for m in range(1, 13)]
    rows += [(everyone, months[m - 1], round(float(overall[m]), 1)) for m in range(1, 13)]
    data = pd.DataFrame(rows, columns=["series", "month", "index"])
    colours = [STATUS_COLOURS[v] for v in index.index] if by == "status_group" else list(PALETTE[: len(names)])
    lines = alt.Chart(data).mark_line(point=True).encode(
        x=_month_axis(lang),
        y=alt.Y("index:Q", title=text("index", lang), scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", scale=alt.Scale(domain=[*names, everyone], range=[*colours, GREY]),
                        legend=alt.Legend(title=word(by, lang), columns=2 if by == "status_group" else 4, labelLimit=300)),
        strokeDash=alt.condition(alt.datum.series == everyone, alt.value([5, 4]), alt.value([1, 0])),
        tooltip=[alt.Tooltip("series:N", title=word(by, lang)), alt.Tooltip("month:N", title=word("month", lang)),
                 alt.Tooltip("index:Q", title=text("index_short", lang), format=".1f")],
    )
    rule = alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#999999").encode(y="y:Q")
    what = {"status_group": {"en": "status group", "nb": "hovedgruppe"}, "age_group": {"en": "age group", "nb": "aldersgruppe"}}[by][lang]
    title = {"en": f"The yearly rhythm by {what}, 2019", "nb": f"Årsrytmen etter {what}, 2019"}[lang]
    subtitle = {"en": ["Seasonal index: each month's participants as a share of the row's average month (= 100).", text("source", lang)],
                "nb": ["Sesongindeks: hver måneds deltakere i forhold til radens gjennomsnittsmåned (= 100).", text("source", lang)]}[lang]
    chart = (rule + lines).properties(title=titled(title, subtitle), width=600, height=300)
    low_value = index.min(axis=1)
    deepest, shallowest = low_value.idxmin(), low_value.idxmax()
    d_month, s_month = int(index.loc[deepest].astype(float).idxmin()), int(index.loc[shallowest].astype(float).idxmin())
    who = {"Arbeidssøkere på tiltak": ("jobseekers", "arbeidssøkere"), "Nedsatt arbeidsevne, på tiltak": ("people with reduced work capacity", "personer med nedsatt arbeidsevne"),
           "Andre på tiltak": ("other participants", "andre deltakere")}
    def name_of(value: str) -> str:
        if by == "status_group":
            return who[value][0 if lang == "en" else 1]
        return ("ages " + label(value, "en")) if lang == "en" else value
    if lang == "en":
        takeaway = (f"The dip is deepest for {name_of(deepest)}: index {number(low_value[deepest], decimals=1)} in {month_name(d_month)}, "
                    f"against a lowest point of {number(low_value[shallowest], decimals=1)} ({month_name(s_month)}) for {name_of(shallowest)}.")
    else:
        takeaway = (f"Fallet er dypest for {name_of(deepest)}: indeks {number(low_value[deepest], lang, 1)} i {month_name(d_month, lang)}, "
                    f"mot et laveste punkt på {number(low_value[shallowest], lang, 1)} ({month_name(s_month, lang)}) for {name_of(shallowest)}.")
    out = pd.DataFrame([[name, *[_fmt_index(index.loc[v, m], lang) for m in range(1, 13)]] for v, name in zip(index.index, names)]
                       + [[everyone, *[_fmt_index(overall[m], lang) for m in range(1, 13)]]],
                       columns=[word(by, lang), *[month_name(m, lang) for m in range(1, 13)]])
    return Figure(finish(chart, lang), takeaway, out, title)


def _heat_values(frame: pd.DataFrame, status_group: str, programme_group: str, measure: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    counts = wide(frame, "age_group", status_group=status_group, programme_group=programme_group)
    return counts, (seasonal_index(counts) if measure == "index" and not counts.empty else counts.astype("Float64"))


def _selection_words(status_group: str, programme_group: str, lang: str) -> str:
    parts = []
    if status_group != T:
        parts.append(label(status_group, lang))
    if programme_group != T:
        parts.append(label(programme_group, lang))
    if not parts:
        return {"en": "all status groups and programme groups", "nb": "alle hovedgrupper og tiltaksgrupper"}[lang]
    return ", ".join(parts)


def age_heatmap(frame: pd.DataFrame, status_group: str = T, programme_group: str = T, measure: str = "index", lang: str = "en") -> Figure:
    """Age group × month: the seasonal index (or participants) in a sequential colour scale.

    Rows with a '*' get no index: their cells stay grey with '–'; in counts, a '*' cell shows '*'.
    """
    check_lang(lang)
    if measure not in ("index", "counts"):
        raise ValueError("measure must be 'index' or 'counts'")
    counts, values = _heat_values(frame, status_group, programme_group, measure)
    months = short_months(lang)
    what = _selection_words(status_group, programme_group, lang)
    title = {"en": "Age group by month, 2019", "nb": "Aldersgruppe etter måned, 2019"}[lang]
    subtitle = {"en": [f"{'Seasonal index (each row: its average month = 100)' if measure == 'index' else 'Participants (persons)'}; {what}.",
                       text("source", lang)],
                "nb": [f"{'Sesongindeks (hver rad: radens gjennomsnittsmåned = 100)' if measure == 'index' else 'Deltakere (personer)'}; {what}.",
                       text("source", lang)]}[lang]
    if counts.empty:
        return _nothing_printed(title, subtitle, lang)
    rows = []
    for age in values.index:
        for m in range(1, 13):
            v = values.loc[age, m]
            known = not pd.isna(v)
            shown = (number(float(v), lang, 1) if measure == "index" else number(float(v), lang)) if known else ("*" if pd.isna(counts.loc[age, m]) else "–")
            rows.append((label(age, lang), months[m - 1], round(float(v), 1) if known else None, shown))
    data = pd.DataFrame(rows, columns=["age", "month", "value", "shown"])
    ages = [label(a, lang) for a in values.index]
    legend_title = text("index", lang) if measure == "index" else word("participants", lang)
    known = data["value"].dropna()
    lo, hi = float(known.min()) if len(known) else 0.0, float(known.max()) if len(known) else 1.0
    base = alt.Chart(data).encode(x=_month_axis(lang), y=alt.Y("age:N", title=word("age_group", lang), sort=ages))
    cells = base.transform_filter("isValid(datum.value)").mark_rect().encode(
        color=alt.Color("value:Q", title=legend_title, scale=alt.Scale(scheme=SEQUENTIAL_SCHEME, domain=[lo, hi]),
                        legend=alt.Legend(orient="right", format=".0f" if measure == "index" else ",d", gradientLength=200, titleLimit=300,
                                          direction="vertical", titleOrient="left")),
        tooltip=[alt.Tooltip("age:N", title=word("age_group", lang)), alt.Tooltip("month:N", title=word("month", lang)),
                 alt.Tooltip("shown:N", title=legend_title)],
    )
    empty = base.transform_filter("!isValid(datum.value)").mark_rect(color="#eeeeee")
    middle = (lo + hi) / 2
    labels = base.mark_text(fontSize=10).encode(
        text="shown:N",
        color=alt.condition(f"isValid(datum.value) && datum.value > {middle}", alt.value("white"), alt.value("#222222")))
    chart = (cells + empty + labels).properties(title=titled(title, subtitle), width=600, height=230)
    takeaway = _heat_takeaway(values, counts, measure, lang)
    table = pd.DataFrame([[label(a, lang), *[(_fmt_index(values.loc[a, m], lang) if measure == "index" else counts.loc[a, m]) for m in range(1, 13)]]
                          for a in values.index], columns=[word("age_group", lang), *[month_name(m, lang) for m in range(1, 13)]])
    notes = [f"{label(a, lang)}: {text('no_index', lang)}" for a in values.index if measure == "index" and values.loc[a].isna().all()]
    return Figure(finish(chart, lang), takeaway, table, title, notes)


def _heat_takeaway(values: pd.DataFrame, counts: pd.DataFrame, measure: str, lang: str) -> str:
    known = values.dropna(how="all")
    starred = [a for a in values.index if values.loc[a].isna().any()]
    if known.empty:
        return {"en": f"The row{'s' if len(starred) > 1 else ''} shown hold{'' if len(starred) > 1 else 's'} a '*' (0-3) in some months, so no seasonal index can be computed; switch to counts.",
                "nb": "Radene har '*' (0-3) i noen måneder, så ingen sesongindeks kan beregnes; vis antall i stedet."}[lang]
    low = known.astype(float).min(axis=1)
    deepest = low.idxmin()
    month = int(known.loc[deepest].astype(float).idxmin())
    if measure == "index":
        shallow = low.idxmax()
        s_month = int(known.loc[shallow].astype(float).idxmin())
        en = (f"The lowest point is {number(low[deepest], decimals=1)} for ages {label(deepest, 'en')} in {month_name(month)}; "
              f"ages {label(shallow, 'en')} fall least, to {number(low[shallow], decimals=1)} in {month_name(s_month)}.")
        nb = (f"Laveste punkt er {number(low[deepest], lang, 1)} for {deepest} i {month_name(month, lang)}; {shallow} faller minst, "
              f"til {number(low[shallow], lang, 1)} i {month_name(s_month, lang)}.")
    else:
        high = known.astype(float).max(axis=1)
        big = high.idxmax()
        en = (f"The largest age group is {label(big, 'en')} (up to {number(high[big])} participants); counts differ so much in size "
              f"that the index shows the rhythm better.")
        nb = (f"Største aldersgruppe er {big} (opptil {number(high[big], lang)} deltakere); gruppene er så ulike i størrelse at "
              f"indeksen viser rytmen bedre.")
    text_ = en if lang == "en" else nb
    if starred and measure == "index":
        text_ += {"en": f" No index for {len(starred)} row{'s' if len(starred) > 1 else ''} with a '*'.",
                  "nb": f" Ingen indeks for {len(starred)} rad{'er' if len(starred) > 1 else ''} med '*'."}[lang]
    return text_


def _nothing_printed(title: str, subtitle: list[str], lang: str) -> Figure:
    message = {"en": "NAV prints no row for this combination: the table counts nobody there.",
               "nb": "NAV trykker ingen rad for denne kombinasjonen: tabellen teller ingen der."}[lang]
    data = pd.DataFrame({"message": [message]})
    chart = alt.Chart(data).mark_text(fontSize=14, align="left", x=10, y=40).encode(text="message:N").properties(
        title=titled(title, subtitle), width=600, height=80)
    table = pd.DataFrame({"": [message]})
    return Figure(finish(chart, lang), message, table, title)


AGE_CHOICES: dict[str, tuple[str, ...]] = {"all": AGE_ORDER, "ends": (AGE_ORDER[0], AGE_ORDER[-1]), **{a: (a,) for a in AGE_ORDER}}


def age_lines(frame: pd.DataFrame, age_groups: str = "all", status_group: str = T, programme_group: str = T,
              measure: str = "index", lang: str = "en") -> Figure:
    """One line per age group over the 12 months of 2019 (index or counts), for one status group and programme group.

    Index: rows with a '*' are left out and named in the takeaway. Counts: a '*' month breaks the
    line and is marked with '*' at the foot of the chart.
    """
    check_lang(lang)
    if measure not in ("index", "counts"):
        raise ValueError("measure must be 'index' or 'counts'")
    ages = AGE_CHOICES[age_groups]
    counts = wide(frame, "age_group", status_group=status_group, programme_group=programme_group)
    counts = counts.loc[[a for a in ages if a in counts.index]]
    what = _selection_words(status_group, programme_group, lang)
    title = {"en": "Participants by age group through 2019", "nb": "Deltakere etter aldersgruppe gjennom 2019"}[lang]
    y_title = text("index", lang) if measure == "index" else word("participants", lang)
    subtitle = {"en": [f"{'Seasonal index' if measure == 'index' else 'Participants at the end of the month'}; {what}.", text("source", lang)],
                "nb": [f"{'Sesongindeks' if measure == 'index' else 'Deltakere ved utgangen av måneden'}; {what}.", text("source", lang)]}[lang]
    if counts.empty:
        return _nothing_printed(title, subtitle, lang)
    values = seasonal_index(counts) if measure == "index" else counts.astype("Float64")
    months = short_months(lang)
    colour_of = dict(zip(AGE_ORDER, PALETTE))
    rows, stars = [], []
    for age in values.index:
        segment = 0
        for m in range(1, 13):
            v = values.loc[age, m]
            if pd.isna(v):
                segment += 1
                if measure == "counts":
                    stars.append((label(age, lang), months[m - 1]))
                continue
            rows.append((label(age, lang), f"{age}-{segment}", months[m - 1], round(float(v), 1)))
    excluded = [a for a in values.index if values.loc[a].isna().all()]
    data = pd.DataFrame(rows, columns=["age", "piece", "month", "value"])
    shown_ages = [a for a in values.index if a not in excluded] if measure == "index" else list(values.index)
    domain = [label(a, lang) for a in shown_ages]
    if data.empty:
        message = {"en": "Every row here holds a '*' (0-3 persons), so no seasonal index can be computed; switch to counts.",
                   "nb": "Alle radene her har '*' (0-3 personer), så ingen sesongindeks kan beregnes; vis antall i stedet."}[lang]
        data = pd.DataFrame({"message": [message]})
        chart = alt.Chart(data).mark_text(fontSize=14, align="left", x=10, y=40).encode(text="message:N").properties(
            title=titled(title, subtitle), width=600, height=80)
        table = _age_table(counts, values, measure, lang)
        return Figure(finish(chart, lang), message, table, title)
    lines = alt.Chart(data).mark_line(point=True).encode(
        x=_month_axis(lang),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=measure == "counts"), axis=alt.Axis(format=".0f" if measure == "index" else ",d")),
        color=alt.Color("age:N", scale=alt.Scale(domain=domain, range=[colour_of[a] for a in shown_ages]),
                        legend=alt.Legend(title=word("age_group", lang), columns=4)),
        detail="piece:N",
        tooltip=[alt.Tooltip("age:N", title=word("age_group", lang)), alt.Tooltip("month:N", title=word("month", lang)),
                 alt.Tooltip("value:Q", title=y_title, format=".1f" if measure == "index" else ",d")],
    )
    layers = [lines]
    if measure == "index":
        layers.insert(0, alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#999999").encode(y="y:Q"))
    if stars:
        star_data = (pd.DataFrame(stars, columns=["age", "month"]).groupby("month", sort=False)["age"].agg(", ".join).reset_index()
                     .assign(value=0, shown="*"))
        starred = {"en": "Printed as * (0-3)", "nb": "Trykt som * (0-3)"}[lang]
        layers.append(alt.Chart(star_data).mark_text(fontSize=18, dy=-2, color="#444444").encode(
            x=alt.X("month:N", sort=months), y="value:Q", text="shown:N",
            tooltip=[alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("age:N", title=starred)]))
    chart = alt.layer(*layers).properties(title=titled(title, subtitle), width=600, height=300)
    takeaway = _lines_takeaway(values, excluded, stars, measure, lang)
    return Figure(finish(chart, lang), takeaway, _age_table(counts, values, measure, lang), title)


def _age_table(counts: pd.DataFrame, values: pd.DataFrame, measure: str, lang: str) -> pd.DataFrame:
    return pd.DataFrame([[label(a, lang), *[(_fmt_index(values.loc[a, m], lang) if measure == "index" else counts.loc[a, m]) for m in range(1, 13)]]
                         for a in counts.index], columns=[word("age_group", lang), *[month_name(m, lang) for m in range(1, 13)]])


def _lines_takeaway(values: pd.DataFrame, excluded: list[str], stars: list, measure: str, lang: str) -> str:
    known = values.drop(index=excluded) if measure == "index" else values
    low = known.astype(float).min(axis=1)
    deepest = low.idxmin()
    month = int(known.loc[deepest].astype(float).idxmin())
    if measure == "index":
        en = f"The deepest dip among the ages shown: {label(deepest, 'en')}, index {number(low[deepest], decimals=1)} in {month_name(month)}."
        nb = f"Dypest fall blant aldersgruppene som vises: {deepest}, indeks {number(low[deepest], lang, 1)} i {month_name(month, lang)}."
    else:
        high = known.astype(float).max(axis=1)
        rel = (100 * (high - low) / high).dropna()
        big = rel.idxmax()
        en = (f"The largest fall from the year's highest to its lowest month among the ages shown: {label(big, 'en')}, "
              f"{number(rel[big], decimals=1)} %.")
        nb = f"Størst fall fra årets høyeste til laveste måned blant aldersgruppene som vises: {big}, {number(rel[big], lang, 1)} %."
    out = en if lang == "en" else nb
    if excluded and measure == "index":
        names = ", ".join(label(a, lang) for a in excluded)
        out += {"en": f" No index (a '*' in the row): {names}.", "nb": f" Ingen indeks ('*' i raden): {names}."}[lang]
    if stars:
        out += {"en": f" {len(stars)} month{'s' if len(stars) > 1 else ''} printed as '*' (0-3) are marked * and break the lines.",
                "nb": f" {len(stars)} måned{'er' if len(stars) > 1 else ''} trykt som '*' (0-3) er merket * og bryter linjene."}[lang]
    return out


def group_order(frame: pd.DataFrame) -> list[str]:
    """The programme groups, deepest July dip first (all ages; groups without an index last)."""
    _, trough = peak_and_trough(frame)
    index = seasonal_index(wide(frame, "programme_group"))
    at_trough = index[trough].astype("float64")
    return list(at_trough.sort_values(na_position="last").index)


def programme_multiples(frame: pd.DataFrame, measure: str = "index", lang: str = "en") -> Figure:
    """Small multiples: one panel per programme group, the 12 months of 2019, with a menu for the age group.

    The menu is a Vega-Lite parameter (works without a kernel). 'All ages' sums the three status
    groups' rows, since NAV prints no all-ages row per programme group. A row with a '*' gets no
    index; its panel says so.
    """
    check_lang(lang)
    if measure not in ("index", "counts"):
        raise ValueError("measure must be 'index' or 'counts'")
    groups = group_order(frame)
    months = short_months(lang)
    options = [T, *AGE_ORDER]
    option_label = {a: (text("all_ages", lang) if a == T else label(a, lang)) for a in options}
    group_label = {g: label(g, lang) for g in groups}
    notes = [text("no_index" if measure == "index" else "stars", lang), text("not_printed", lang)]
    # Compact rows, so the notebook stays small: one row per age option (a) and programme group (g),
    # codes into the lists above; s holds the 12 monthly values as text ("" where there is none),
    # n the code of a panel note (-1: none). The chart splits s back into one row per month.
    rows, gaps, default = [], [], {}
    table_ = year_table(frame)
    for a, age in enumerate(options):
        for g, group in enumerate(groups):
            s = series(table_, age_group=age, programme_group=group)
            if s.empty:
                gaps.append((option_label[age], group_label[group], notes[1]))
                rows.append((a, g, "", 1))
                continue
            values = s.set_index("month")["value"]
            shown = seasonal_index(values) if measure == "index" else values.astype("Float64")
            if shown.isna().all():
                gaps.append((option_label[age], group_label[group], notes[0]))
            cells = ["" if pd.isna(shown[m]) else (f"{float(shown[m]):.1f}" if measure == "index" else str(int(shown[m]))) for m in range(1, 13)]
            rows.append((a, g, ",".join(cells), 0 if shown.isna().all() else -1))
            if age == T:
                default[group] = (values, shown)
    data = pd.DataFrame(rows, columns=["a", "g", "s", "n"])
    pick = alt.param(name="age", value=0, bind=alt.binding_select(options=list(range(len(options))), labels=[option_label[a] for a in options],
                                                                   name=text("select_age", lang)))

    def lookup(names: list[str], field: str) -> str:
        return "[" + ", ".join(repr(n) for n in names) + f"][{field}]"

    y_title = text("index_short", lang) if measure == "index" else word("participants", lang)
    x = alt.X("m:Q", title=None, scale=alt.Scale(domain=[1, 12]),
              axis=alt.Axis(values=[1, 4, 7, 10], labelExpr=lookup(months, "datum.value - 1"), grid=False))
    line = alt.Chart().transform_filter("datum.n < 0 && datum.cell != ''").transform_calculate(v="toNumber(datum.cell)").transform_filter(
        alt.datum.a == pick).transform_calculate(
        group=lookup(list(group_label.values()), "datum.g"), age=lookup([option_label[a] for a in options], "datum.a"),
        month=lookup(months, "datum.m - 1")).mark_line(point=alt.OverlayMarkDef(size=18), color=PALETTE[0]).encode(
        x=x, y=alt.Y("v:Q", title=y_title, scale=alt.Scale(zero=measure == "counts"), axis=alt.Axis(format=".0f" if measure == "index" else ",d")),
        tooltip=[alt.Tooltip("group:N", title=word("programme_group", lang)), alt.Tooltip("age:N", title=word("age_group", lang)),
                 alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("v:Q", title=y_title, format=".1f" if measure == "index" else ",d")])
    layers = [line]
    if measure == "index":
        layers.insert(0, alt.Chart().transform_aggregate(groupby=["g"]).mark_rule(color="#999999", strokeDash=[3, 3]).encode(y=alt.datum(100)))
    if gaps:
        layers.append(alt.Chart().transform_filter((alt.datum.n >= 0) & (alt.datum.m == 1) & (alt.datum.a == pick)).transform_calculate(
            note=lookup(notes, "datum.n")).mark_text(align="left", x=5, y=12, fontSize=11, color="#444444").encode(text="note:N"))
    panel = alt.layer(*layers, data=data).properties(width=170, height=110)
    what = {"index": {"en": "Seasonal index (row's average month = 100)", "nb": "Sesongindeks (radens gjennomsnittsmåned = 100)"},
            "counts": {"en": "Participants (persons)", "nb": "Deltakere (personer)"}}[measure][lang]
    title = {"en": "Each programme group through 2019", "nb": "Hver tiltaksgruppe gjennom 2019"}[lang]
    subtitle = {"en": [f"{what}, deepest July dip first. Pick an age group in the menu under the chart.", text("source", lang)],
                "nb": [f"{what}, dypest fall i juli først. Velg aldersgruppe i menyen under figuren.", text("source", lang)]}[lang]
    chart = panel.facet(facet=alt.Facet("g:O", title=None, header=alt.Header(labelFontSize=12, labelFontWeight="bold",
                                                                           labelExpr=lookup(list(group_label.values()), "datum.value"))),
                        columns=3).add_params(pick).properties(title=titled(title, subtitle))
    # one row per month again, before faceting (s split at the commas; m numbers the months)
    chart = chart.transform_calculate(cell="split(datum.s, ',')").transform_flatten(["cell"]).transform_window(m="row_number()", groupby=["a", "g"])
    if measure == "counts":
        chart = chart.resolve_scale(y="independent")
    # takeaway and table: the default selection (all ages)
    indexed = {g: shown for g, (_, shown) in default.items() if not shown.isna().all()}
    if measure == "index":
        _, trough = peak_and_trough(frame)
        lows = pd.Series({g: float(s[trough]) for g, s in indexed.items()})
        spans = pd.Series({g: float(s.max() - s.min()) for g, s in indexed.items()})
        flat = spans.idxmin()
        en = (f"In July the deepest dips are in {label(lows.idxmin(), 'en').lower()} ({lows.idxmin()}, index {number(lows.min(), decimals=1)}) and "
              f"{label(lows.drop(lows.idxmin()).idxmin(), 'en').lower()} ({number(lows.drop(lows.idxmin()).min(), decimals=1)}); "
              f"{label(flat, 'en').lower()} ({flat}) is the flattest, {number(float(indexed[flat].min()), decimals=1)} to "
              f"{number(float(indexed[flat].max()), decimals=1)} all year.")
        nb = (f"I juli er fallet dypest i {lows.idxmin().lower()} (indeks {number(lows.min(), lang, 1)}) og "
              f"{lows.drop(lows.idxmin()).idxmin().lower()} ({number(lows.drop(lows.idxmin()).min(), lang, 1)}); "
              f"{flat.lower()} er flatest, {number(float(indexed[flat].min()), lang, 1)} til {number(float(indexed[flat].max()), lang, 1)} hele året.")
        takeaway = en if lang == "en" else nb
    else:
        sizes = {g: float(v.dropna().max()) for g, (v, _) in default.items() if v.notna().any()}
        biggest = max(sizes, key=sizes.get)
        takeaway = {"en": f"The groups differ greatly in size (the largest, {label(biggest, 'en').lower()}, has up to "
                          f"{number(float(default[biggest][0].max()))}); each panel has its own scale.",
                    "nb": f"Gruppene er svært ulike i størrelse (den største, {biggest.lower()}, har opptil "
                          f"{number(float(default[biggest][0].max()), lang)}); hvert panel har sin egen skala."}[lang]
    table = pd.DataFrame([[group_label[g], *[(_fmt_index(shown[m], lang) if measure == "index" else values[m]) for m in range(1, 13)]]
                          for g, (values, shown) in default.items()],
                         columns=[word("programme_group", lang), *[month_name(m, lang) for m in range(1, 13)]])
    notes = [f"{a}, {g}: {n}" for a, g, n in gaps]
    return Figure(finish(chart, lang), takeaway, table, title, notes)


def drop_contributions(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Each programme group's part of the fall from the peak month (March) to July, in persons and % of the fall."""
    check_lang(lang)
    parts = contributions(frame)
    peak, trough = peak_and_trough(frame)
    year = totals(frame)
    fall = int(year[peak] - year[trough])
    data = parts.assign(group=[label(g, lang) for g in parts["programme_group"]],
                        share=parts["share"].round(1),
                        shown=[(number(lo, lang) if ex else f"{number(lo, lang)} to {number(hi, lang)}" if lang == "en" else f"{number(lo, lang)} til {number(hi, lang)}")
                               + f" ({number(sh, lang, 1)} %)" for lo, hi, ex, sh in zip(parts["change_low"], parts["change_high"], parts["exact"], parts["share"])])
    data = data[["group", "change_low", "change_high", "share", "shown"]]
    order = list(data["group"])
    x_title = {"en": f"Fewer participants in {month_name(trough)} than in {month_name(peak)} (persons)",
               "nb": f"Færre deltakere i {month_name(trough, lang)} enn i {month_name(peak, lang)} (personer)"}[lang]
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("change_low:Q", title=x_title, axis=alt.Axis(format=",d")),
        y=alt.Y("group:N", title=None, sort=order),
        color=alt.condition(alt.datum.change_low >= 0, alt.value(PALETTE[0]), alt.value(PALETTE[2])),
        tooltip=[alt.Tooltip("group:N", title=word("programme_group", lang)), alt.Tooltip("shown:N", title=x_title)])
    ranges = alt.Chart(data).transform_filter("datum.change_low != datum.change_high").mark_rule(strokeWidth=6, color=PALETTE[1]).encode(
        x="change_low:Q", x2="change_high:Q", y=alt.Y("group:N", sort=order))
    labels = alt.Chart(data).mark_text(align="left", dx=6, fontSize=11).encode(
        x=alt.X("max_x:Q"), y=alt.Y("group:N", sort=order), text="shown:N").transform_calculate(max_x="max(datum.change_high, 0)")
    title = {"en": f"Who drives the summer dip: {month_name(peak)} to {month_name(trough)} 2019",
             "nb": f"Hva driver sommerfallet: {month_name(peak, lang)} til {month_name(trough, lang)} 2019"}[lang]
    subtitle = {"en": [f"Change in participants per programme group, all ages (sum of the three status groups); % of the total fall of {number(fall)}.",
                       "Negative: the group grew. An orange bar marks a range where a '*' (0-3) is involved.", text("source", lang)],
                "nb": [f"Endring i deltakere per tiltaksgruppe, alle aldre (sum av de tre hovedgruppene); % av hele fallet på {number(fall, lang)}.",
                       "Negativ: gruppen vokste. En oransje strek markerer et intervall der en '*' (0-3) inngår.", text("source", lang)]}[lang]
    chart = (bars + ranges + labels).properties(title=titled(title, subtitle), width=440, height=260)
    top = parts.iloc[0]
    second = parts.iloc[1]
    grew = parts[parts["change_high"] < 0]
    if lang == "en":
        takeaway = (f"Of the {number(fall)} fewer participants in {month_name(trough)} than in {month_name(peak)}, "
                    f"{label(top['programme_group'], 'en').lower()} ({top['programme_group']}) accounts for {number(top['share'], decimals=1)} % and "
                    f"{label(second['programme_group'], 'en').lower()} ({second['programme_group']}) for {number(second['share'], decimals=1)} %"
                    + (f"; {' and '.join(label(g, 'en').lower() for g in grew['programme_group'])} grew." if len(grew) else "."))
        takeaway = "In 2019, o" + takeaway[1:]
    else:
        takeaway = (f"Av de {number(fall, lang)} færre deltakerne i {month_name(trough, lang)} enn i {month_name(peak, lang)} står "
                    f"{top['programme_group'].lower()} for {number(top['share'], lang, 1)} % og {second['programme_group'].lower()} for "
                    f"{number(second['share'], lang, 1)} %" + (f"; {' og '.join(g.lower() for g in grew['programme_group'])} vokste." if len(grew) else "."))
    table = pd.DataFrame({
        word("programme_group", lang): data["group"],
        month_name(peak, lang): [number(lo, lang) if lo == hi else f"{number(lo, lang)}-{number(hi, lang)}"
                                 for lo, hi in zip(parts["peak_low"], parts["peak_high"])],
        month_name(trough, lang): [number(lo, lang) if lo == hi else f"{number(lo, lang)}-{number(hi, lang)}"
                                   for lo, hi in zip(parts["trough_low"], parts["trough_high"])],
        {"en": "Fall (persons)", "nb": "Fall (personer)"}[lang]: [number(lo, lang) if ex else f"{number(lo, lang)}-{number(hi, lang)}"
                                                                   for lo, hi, ex in zip(parts["change_low"], parts["change_high"], parts["exact"])],
        {"en": "Share of the fall (%)", "nb": "Andel av fallet (%)"}[lang]: parts["share"].round(1),
    })
    return Figure(finish(chart, lang), takeaway, table, title)


def training_reform(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Training (Opplæring) in 2019: the rows replaced in the July 2019 reform, the new rows, and the group."""
    check_lang(lang)
    parts = reform_rows(frame)
    names = {"group": {"en": "Training, all rows", "nb": "Opplæring, alle rader"},
             "old": {"en": "Old rows: AMO, AMO enkeltplass, Utdanning", "nb": "Gamle rader: AMO, AMO enkeltplass, Utdanning"},
             "new": {"en": "New rows from July 2019", "nb": "Nye rader fra juli 2019"}}
    months = short_months(lang)
    data = parts[parts["kind"].isin(list(names))].copy()
    data["series"] = data["kind"].map(lambda k: names[k][lang])
    data["month"] = data["month"].map(lambda m: months[m - 1])
    data = data[["series", "month", "low", "high", "stars"]]
    domain = [names[k][lang] for k in ("group", "old", "new")]
    colours = [GREY, PALETTE[1], PALETTE[0]]
    line = alt.Chart(data).mark_line(point=True).encode(
        x=_month_axis(lang), y=alt.Y("low:Q", title=word("participants", lang), axis=alt.Axis(format=",d")),
        color=alt.Color("series:N", scale=alt.Scale(domain=domain, range=colours), legend=alt.Legend(title=None, columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("series:N", title=""), alt.Tooltip("month:N", title=word("month", lang)),
                 alt.Tooltip("low:Q", title={"en": "At least", "nb": "Minst"}[lang], format=",d"),
                 alt.Tooltip("high:Q", title={"en": "At most", "nb": "Høyst"}[lang], format=",d")])
    title = {"en": "The training reform of July 2019 moves people between rows", "nb": "Opplæringsreformen i juli 2019 flytter folk mellom rader"}[lang]
    subtitle = {"en": ["Training (Opplæring) participants, all ages and status groups. Where a '*' (0-3) is involved, the line shows",
                       "the lowest possible value and the numbers table the range.",
                       text("source", lang)],
                "nb": ["Deltakere i opplæring, alle aldre og hovedgrupper. Der en '*' (0-3) inngår, viser linjen laveste",
                       "mulige verdi og talltabellen spennet.",
                       text("source", lang)]}[lang]
    chart = line.properties(title=titled(title, subtitle), width=600, height=280)
    pivot = {k: parts[parts["kind"] == k].set_index("month") for k in ("group", "old", "new")}
    june, dec = 6, 12
    en = (f"In the second half of 2019 the new training rows grew from at most {number(pivot['new'].loc[june, 'high'])} in June to "
          f"{number(pivot['new'].loc[dec, 'low'])} in December, while the old rows fell from {number(pivot['old'].loc[june, 'low'])} to "
          f"{number(pivot['old'].loc[dec, 'low'])}: part of the autumn pattern is the reform, not the season.")
    nb = (f"Andre halvår 2019 vokste de nye opplæringsradene fra høyst {number(pivot['new'].loc[june, 'high'], lang)} i juni til "
          f"{number(pivot['new'].loc[dec, 'low'], lang)} i desember, mens de gamle falt fra {number(pivot['old'].loc[june, 'low'], lang)} til "
          f"{number(pivot['old'].loc[dec, 'low'], lang)}: en del av høstmønsteret er reformen, ikke sesongen.")
    def cell(row: pd.Series) -> str:
        return number(row["low"], lang) if row["stars"] == 0 else f"{number(row['low'], lang)}-{number(row['high'], lang)}"
    table = pd.DataFrame({word("month", lang): [month_name(m, lang) for m in range(1, 13)],
                          **{names[k][lang]: [cell(pivot[k].loc[m]) for m in range(1, 13)] for k in ("group", "old", "new")}})
    return Figure(finish(chart, lang), en if lang == "en" else nb, table, title)


# -- key findings -------------------------------------------------------------------------------
def key_findings(frame: pd.DataFrame) -> list[str]:
    """Key findings for 05_seasons_and_age, as sentences computed from the 2019 table."""
    year = totals(frame)
    peak, trough = peak_and_trough(frame)
    overall = seasonal_index(year.astype("Int64"))
    fall = int(year[peak] - year[trough])
    status = seasonal_index(wide(frame, "status_group"))
    js, nae = "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"
    ages = seasonal_index(wide(frame, "age_group"))
    age_low = ages.astype(float).min(axis=1)
    young, old = age_low.idxmin(), age_low.idxmax()
    young_month, old_month = int(ages.loc[young].astype(float).idxmin()), int(ages.loc[old].astype(float).idxmin())
    parts = contributions(frame).set_index("programme_group")
    first, second = parts.index[0], parts.index[1]
    groups = seasonal_index(wide(frame, "programme_group")).dropna()
    span = (groups.max(axis=1) - groups.min(axis=1)).astype(float)
    flat = span.idxmin()
    stars = star_rows(frame).set_index("cut").loc["status group × age group × programme group"]
    reform = reform_rows(frame).set_index(["kind", "month"])
    return [
        f"In 2019 participation peaked at {number(year[peak])} in {month_name(peak)} and fell to {number(year[trough])} in "
        f"{month_name(trough)}: {number(fall)} fewer, a seasonal index of {number(overall[trough], decimals=1)} "
        f"(the year's average month = 100).",
        f"The summer dip is deepest for jobseekers ({js}: index {number(status.loc[js, trough], decimals=1)} in {month_name(trough)}, "
        f"against {number(status.loc[nae, trough], decimals=1)} for people with reduced work capacity) and for the young: ages "
        f"{label(young, 'en')} bottom at {number(age_low[young], decimals=1)} in {month_name(young_month)}, ages "
        f"{label(old, 'en')} only at {number(age_low[old], decimals=1)} in {month_name(old_month)}.",
        f"Two programme groups drive the dip: {label(first, 'en').lower()} ({first}) gives {number(parts.loc[first, 'share'], decimals=1)} % "
        f"and {label(second, 'en').lower()} ({second}) {number(parts.loc[second, 'share'], decimals=1)} % of the {number(fall)} fewer "
        f"participants; {label(flat, 'en').lower()} ({flat}) stays almost flat (index {number(groups.loc[flat].min(), decimals=1)} to "
        f"{number(groups.loc[flat].max(), decimals=1)}).",
        f"{stars['with_a_star']} of the {stars['rows']} age × status group × programme group rows hold a '*' (0-3 persons) and get "
        f"no seasonal index; {stars['all_stars']} of them are '*' in all 12 months.",
        f"One year cannot separate the season from trends and one-off events: after the training reform of July 2019 the new "
        f"training rows grew from at most {number(reform.loc[('new', 6), 'high'])} participants in June to "
        f"{number(reform.loc[('new', 12), 'low'])} in December, while the old rows shrank.",
    ]


# -- explorers ----------------------------------------------------------------------------------
STATUS_OPTIONS = (("All status groups (I alt)", T), *label_options(list(STATUS_ORDER)))
GROUP_OPTIONS = (("All programme groups (I alt)", T), *label_options(list(GROUP_ORDER)))
MEASURE_OPTIONS = (("Seasonal index", "index"), ("Participants", "counts"))
AGE_OPTIONS = (("All seven age groups", "all"), ("Youngest and oldest", "ends"), *label_options(list(AGE_ORDER)))

register(Explorer("season_heatmap", age_heatmap,
                  {"status_group": STATUS_OPTIONS, "programme_group": GROUP_OPTIONS, "measure": MEASURE_OPTIONS, "lang": LANGUAGES},
                  {"status_group": T, "programme_group": T, "measure": "index", "lang": "en"}))
register(Explorer("seasons_by_age", age_lines,
                  {"age_groups": AGE_OPTIONS, "status_group": STATUS_OPTIONS, "programme_group": GROUP_OPTIONS,
                   "measure": MEASURE_OPTIONS, "lang": LANGUAGES},
                  {"age_groups": "all", "status_group": T, "programme_group": T, "measure": "index", "lang": "en"}))


# -- exercises ----------------------------------------------------------------------------------
MONTH_WORDS = {**{m.lower(): i + 1 for i, m in enumerate(MONTHS["en"])}, **{m.lower(): i + 1 for i, m in enumerate(MONTHS["nb"])},
               **{m[:3].lower(): i + 1 for i, m in enumerate(MONTHS["en"])}}


def _as_month(answer: object) -> int | None:
    if isinstance(answer, str):
        word_ = answer.strip().lower().rstrip(".").replace(" 2019", "")
        if word_ in MONTH_WORDS:
            return MONTH_WORDS[word_]
        if word_.isdigit() and 1 <= int(word_) <= 12:
            return int(word_)
        return None
    if isinstance(answer, pd.Period):
        return answer.month
    value = as_number(answer)
    return int(value) if value is not None and value == int(value) and 1 <= value <= 12 else None


@exercise("05.1", hint="take the 12 numbers of the '19 år og under' row (line 29 of the raw file, or wide(frame, 'age_group')), "
                       "divide July by their mean and multiply by 100.")
def _(answer):
    row = wide(data(), "age_group").loc[AGE_ORDER[0]]
    expected = float(seasonal_index(row)[7])
    value = as_number(answer)
    if value is not None and close(value, expected, 0.1):
        return True, f"July's index for ages 19 and under is {expected:.1f}: July had {100 - expected:.1f} % fewer participants than the row's average month."
    if value is not None and close(value, 100 * float(row[7]) / float(row.max()), 0.06):
        return False, "you divided by the highest month; the index divides by the mean of all 12 months."
    return False, "the mean of the 12 months of line 29 is the denominator; July's count is the numerator; then multiply by 100 (one decimal)."


@exercise("05.2", hint="look at the bar chart of each programme group's part of the fall from March to July.")
def _(answer):
    parts = contributions(data())
    top = parts.iloc[0]["programme_group"]
    if same_label(answer, top, vocab.english(top)):
        share = parts.iloc[0]["share"]
        return True, f"{top} ({vocab.english(top).lower()}) gave {share:.1f} % of the fall, more than any other programme group."
    for _, row in parts.iloc[1:].iterrows():
        if same_label(answer, row["programme_group"], vocab.english(row["programme_group"])):
            return False, f"{row['programme_group']} gave {row['share']:.1f} % of the fall; one group gave more. Compare the bars' lengths."
    return False, "name a programme group, in Norwegian (e.g. 'Arbeidspraksis') or English (e.g. 'work practice')."


@exercise("05.3", hint="look at the heatmap's row for the youngest age group, or compute its index and find the smallest value.")
def _(answer):
    index = seasonal_index(wide(data(), "age_group").loc[AGE_ORDER[0]]).astype(float)
    expected = int(index.idxmin())
    got = _as_month(answer)
    if got == expected:
        others = seasonal_index(wide(data(), "age_group").drop(index=AGE_ORDER[0])).astype(float).idxmin(axis=1)
        when = (f"while every other age group is lowest in {month_name(int(others.iloc[0]))}" if others.nunique() == 1
                else "later than most other age groups")
        return True, f"{month_name(expected)}: ages 19 and under are lowest at index {index[expected]:.1f}, {when}."
    if got is not None:
        return False, f"{month_name(got)} has index {index[got]:.1f} for ages 19 and under; look for a month with a lower index."
    return False, "answer with a month's name (English or Norwegian) or its number."


@exercise("05.4", hint="think about what a single year can show: does anything in one year tell a repeating pattern from a steady rise?")
def _(answer):
    groups = seasonal_index(wide(data(), "programme_group"))
    row = groups.loc["Tilrettelagt arbeid"].astype(float)
    stars = int(series(data(), programme_group="Tilrettelagt arbeid")["stars"].sum())
    choice = answer.strip().lower().strip("()") if isinstance(answer, str) else None
    if choice == "b":
        return True, (f"with one year, a steady rise ({row[1]:.1f} in January to {row[12]:.1f} in December) cannot be told apart from a "
                      "seasonal high in December: we would need the same months of other years to separate trend from season.")
    if choice == "a":
        return False, "a seasonal pattern repeats every year; one year cannot show that it repeats. Reread 'What one year can and cannot say'."
    if choice == "c":
        return False, f"the adapted-work row has {stars} starred months, so its index is exact; stars are not the issue here."
    return False, "answer 'a', 'b' or 'c'."
