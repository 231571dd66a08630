"""04 Women and men: gender differences by status group, programme group and programme, January-May 2021.

Everything here reads NAV's time series by gender (``data/raw/nav_tiltak_kjonn_2021-01_2021-05.txt``).
In a time series a ``*`` hides 0-3 persons (a row keeps its place in months with nobody), and a row
that is not printed at all for a status group is taken as nobody. Women's and men's counts by
programme are printed only inside each status group, so the counts for all status groups together
are sums over the three status groups: where a cell is starred, the sum is an interval. Each
interval is narrowed with the published totals (women + men = both genders), which were computed
before suppression. A share is then exact, or given as bounds, never made up.
"""

from __future__ import annotations


import altair as alt
import pandas as pd

from .. import vocabulary as vocab
from ..charts import Figure, GENDER_COLOURS, STATUS_COLOURS, check_lang, finish, month_label, number, programme_label, titled, value_label, word, words_from
from ..exercises import as_number, as_percent, data, exercise, same_label
from ..views import per_frame
from ..widgets import LANGUAGES, Explorer, label_options, register

T = vocab.TOTAL
SOURCE = "nav_tiltak_kjonn_2021-01_2021-05.txt"
MONTHS = ("2021-01", "2021-02", "2021-03", "2021-04", "2021-05")
LATEST = MONTHS[-1]
STATUS_ORDER = list(vocab.STATUS_GROUPS)
WOMEN, MEN = "Kvinner", "Menn"
STAR_LOW, STAR_HIGH = 0, 3  # a star in a time series hides 0-3 persons
MIN_SIZE = 100  # shares of smaller programmes swing with a handful of people; they are not ranked
LEAN = 60.0  # a programme "leans strongly" to one gender when that gender has at least this share (%)
WOMEN_COLOUR, MEN_COLOUR = GENDER_COLOURS[WOMEN], GENDER_COLOURS[MEN]
NEUTRAL = "#666666"
WIDTH = 300  # plot width of the leaning chart (its labels sit to the right of it)

SOURCE_LINE = {
    "en": "Source: NAV, Deltakere i arbeidsrettede tiltak. Tiltak og kjønn. Tidsserie måned, January-May 2021",
    "nb": "Kilde: NAV, Deltakere i arbeidsrettede tiltak. Tiltak og kjønn. Tidsserie måned, januar-mai 2021",
}
WORDS = {
    "women": {"en": "Women", "nb": "Kvinner"},
    "men": {"en": "Men", "nb": "Menn"},
    "women_share": {"en": "Women's share of participants (%)", "nb": "Kvinners andel av deltakerne (%)"},
    "gap": {"en": "Women minus men (persons)", "nb": "Kvinner minus menn (personer)"},
    "all_status": {"en": "All status groups", "nb": "Alle hovedgrupper"},
    "all_groups": {"en": "All programme groups", "nb": "Alle tiltaksgrupper"},
    "item": {"en": "Programme or group", "nb": "Tiltak eller gruppe"},
    "nav_label": {"en": "NAV's label", "nb": "NAVs betegnelse"},
    "total": {"en": "Both genders", "nb": "Begge kjønn"},
    "how": {"en": "How the share is known", "nb": "Hvordan andelen er kjent"},
    "low": {"en": "lowest possible", "nb": "lavest mulig"},
    "high": {"en": "highest possible", "nb": "høyest mulig"},
}
HOW = {
    "printed": {"en": "printed", "nb": "trykt"},
    "exact": {"en": "computed exactly (sums, subtraction)", "nb": "beregnet eksakt (summer, subtraksjon)"},
    "bounds": {"en": "bounds only (stars)", "nb": "bare grenser (stjerner)"},
    "none": {"en": "no share: total starred or nobody", "nb": "ingen andel: total prikket eller ingen"},
}
VIEWS = ("counts", "shares", "gap")


_w = words_from(WORDS)




def _series(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["source"] == SOURCE) & (frame["measure"] == "participants")]


def _who(status_group: str, lang: str) -> str:
    return _w("all_status", lang) if status_group == T else value_label(status_group, lang)


PEOPLE = {
    "Arbeidssøkere på tiltak": {"en": "jobseekers", "nb": "arbeidssøkere"},
    "Nedsatt arbeidsevne, på tiltak": {"en": "people with reduced work capacity", "nb": "personer med nedsatt arbeidsevne"},
    "Andre på tiltak": {"en": "other participants", "nb": "andre på tiltak"},
    T: {"en": "all status groups together", "nb": "alle hovedgrupper samlet"},
}


@per_frame
def _cells(frame: pd.DataFrame, month: str) -> dict[tuple[str, str, str, str], tuple[int | None, bool]]:
    """``(status, gender, group, programme) -> (value or None, suppressed)`` for one month.

    Remembered per frame (one chart asks for the same month's cells dozens of times)."""
    rows = _series(frame)
    rows = rows[rows["period"].astype(str) == month]
    values = rows["value"].astype(object).where(rows["value"].notna(), None)
    return {k: (None if v is None else int(v), bool(s)) for k, v, s in
            zip(zip(rows["status_group"], rows["gender"], rows["programme_group"], rows["programme"]), values, rows["suppressed"])}


def _interval(cells: dict, key: tuple) -> tuple[int, int] | None:
    """A printed cell as ``(low, high)``: its value, 0-3 for a star; None when the row is not printed."""
    if key not in cells:
        return None
    value, suppressed = cells[key]
    return (STAR_LOW, STAR_HIGH) if suppressed else (value, value)


def _narrow(women: tuple[int, int], men: tuple[int, int], total: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Narrow women's and men's intervals with women + men = total."""
    w = (max(women[0], total[0] - men[1]), min(women[1], total[1] - men[0]))
    m = (max(men[0], total[0] - w[1]), min(men[1], total[1] - w[0]))
    return w, m


def _status_level(cells: dict, status: str, group: str, programme: str) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int], list[str]]:
    """Women, men and total intervals inside one status group, and which cells were starred."""
    total = _interval(cells, (status, T, group, programme)) or (0, 0)
    women = _interval(cells, (status, WOMEN, group, programme))
    men = _interval(cells, (status, MEN, group, programme))
    starred = [g for g, iv in ((WOMEN, women), (MEN, men)) if iv is not None and iv[0] != iv[1]]
    women, men = women or (0, 0), men or (0, 0)
    women, men = _narrow(women, men, total)
    return women, men, total, starred


def gender_rows(frame: pd.DataFrame, status_group: str = T, programme_group: str = T, month: str = LATEST) -> pd.DataFrame:
    """Women, men and women's share for each programme group (``programme_group='I alt'``) or for each
    programme of one group, in one status group ('I alt' = all) and month.

    Columns: ``item`` (NAV's label), ``level`` ('group' or 'programme'), ``programme_group``, ``total`` (<NA> if starred), ``women``/``men``
    (the printed cell, <NA> if starred or not printed as such), ``women_low``/``women_high``,
    ``men_low``/``men_high``, ``share``/``share_low``/``share_high`` (women's share, %),
    ``gap_low``/``gap_high`` (women minus men, persons) and ``how`` (printed, exact, bounds, none).
    """
    cells = _cells(frame, month)
    if programme_group == T:
        items = [(g, T) for g in vocab.PROGRAMME_GROUPS if (T, T, g, T) in cells]
    else:
        items = sorted({(g, p) for (s, gd, g, p) in cells if g == programme_group and p != T and s == T and gd == T},
                       key=lambda gp: list(vocab.PROGRAMMES).index(gp[1]))
    out = []
    for group, programme in items:
        direct_w = _interval(cells, (status_group, WOMEN, group, programme))
        direct_m = _interval(cells, (status_group, MEN, group, programme))
        total_iv = _interval(cells, (status_group, T, group, programme))
        if status_group == T and direct_w is None:
            # all status groups: add up the three status groups
            parts = [_status_level(cells, s, group, programme) for s in STATUS_ORDER]
            women = (sum(p[0][0] for p in parts), sum(p[0][1] for p in parts))
            men = (sum(p[1][0] for p in parts), sum(p[1][1] for p in parts))
            printed = False
        else:
            women, men = direct_w or (0, 0), direct_m or (0, 0)
            printed = direct_w is not None and direct_m is not None and direct_w[0] == direct_w[1] and direct_m[0] == direct_m[1]
        if total_iv is None:
            total_iv = (0, 0)
        women, men = _narrow(women, men, total_iv)
        total_known = total_iv[0] == total_iv[1]
        total = total_iv[0] if total_known else None
        if not total_known or total == 0:
            how = "none"
        elif women[0] == women[1]:
            how = "printed" if printed else "exact"
        else:
            how = "bounds"
        row = {
            "item": programme if programme != T else group, "level": "programme" if programme != T else "group", "programme_group": group,
            "total": total, "women": women[0] if direct_w and direct_w[0] == direct_w[1] else None,
            "men": men[0] if direct_m and direct_m[0] == direct_m[1] else None,
            "women_low": women[0], "women_high": women[1], "men_low": men[0], "men_high": men[1],
            "gap_low": women[0] - men[1], "gap_high": women[1] - men[0], "how": how,
        }
        if how in ("printed", "exact", "bounds"):
            row["share_low"], row["share_high"] = 100 * women[0] / total, 100 * women[1] / total
            row["share"] = row["share_low"] if how != "bounds" else None
        out.append(row)
    table = pd.DataFrame(out, columns=["item", "level", "programme_group", "total", "women", "men", "women_low", "women_high", "men_low",
                                       "men_high", "share", "share_low", "share_high", "gap_low", "gap_high", "how"])
    for column in ("total", "women", "men"):
        table[column] = table[column].astype("Int64")
    for column in ("share", "share_low", "share_high"):
        table[column] = table[column].astype("Float64")
    return table


def all_programmes(frame: pd.DataFrame, status_group: str = T, month: str = LATEST) -> pd.DataFrame:
    """:func:`gender_rows` for every programme of every group."""
    groups = [g for g in vocab.PROGRAMME_GROUPS if (T, T, g, T) in _cells(frame, month)]
    return pd.concat([gender_rows(frame, status_group, g, month) for g in groups], ignore_index=True)


def leaning(frame: pd.DataFrame, status_group: str = T, month: str = LATEST, min_size: int = MIN_SIZE) -> pd.DataFrame:
    """Programmes with at least ``min_size`` participants, by women's share (bounds midpoint), highest first."""
    rows = all_programmes(frame, status_group, month)
    rows = rows[(rows["total"].fillna(0) >= min_size) & rows["share_low"].notna()].copy()
    rows["share_mid"] = ((rows["share_low"] + rows["share_high"]) / 2).astype(float)
    rows["lean"] = ["women" if lo >= LEAN else "men" if hi <= 100 - LEAN else "" for lo, hi in zip(rows["share_low"], rows["share_high"])]
    return rows.sort_values("share_mid", ascending=False).reset_index(drop=True)


def status_months(frame: pd.DataFrame) -> pd.DataFrame:
    """Women and men per status group ('I alt' included) and month, with women's share (all exact)."""
    rows = _series(frame)
    rows = rows[(rows["programme_group"] == T) & (rows["programme"] == T)]
    wide = rows.pivot_table(index=["period", "status_group"], columns="gender", values="value", aggfunc="first", observed=True)
    wide = wide.reset_index()[["period", "status_group", T, WOMEN, MEN]]
    wide["share"] = 100 * wide[WOMEN].astype(float) / wide[T].astype(float)
    wide["status_group"] = pd.Categorical(wide["status_group"], [T, *STATUS_ORDER], ordered=True)
    return wide.sort_values(["status_group", "period"]).reset_index(drop=True)


def star_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Programme rows of the all-groups 'Tiltak' section (both genders, all status groups) with a star in
    any month, and what the pattern can and cannot show."""
    rows = _series(frame)
    rows = rows[(rows["status_group"] == T) & (rows["gender"] == T) & (rows["programme"] != T)]
    wide = rows.pivot(index="programme", columns="period", values="value")
    wide.columns = [str(c) for c in wide.columns]
    starred = wide.isna()
    out = wide[starred.any(axis=1)].copy()
    pattern = []
    for programme, row in out.iterrows():
        stars = starred.loc[programme]
        if stars.all():
            pattern.append("starred every month")
        elif stars.iloc[0] and not stars.iloc[1:].any():
            pattern.append("starred in January only")
        elif stars.iloc[0]:
            pattern.append("starred in January, visible in some later months")
        else:
            pattern.append("visible, then starred")
    out["pattern"] = pattern
    out["line"] = rows[rows["period"].astype(str) == MONTHS[0]].set_index("programme")["line"].reindex(out.index)
    return out.reset_index()


def new_programmes(frame: pd.DataFrame, jump: int = 100) -> pd.DataFrame:
    """Rows starred in January that reach at least ``jump`` persons later: a start, not slow growth."""
    rows = star_rows(frame)
    later = rows[list(MONTHS[1:])].max(axis=1)
    return rows[(rows["pattern"] != "starred every month") & rows[MONTHS[0]].isna() & (later >= jump)].reset_index(drop=True)


def bounds_example(frame: pd.DataFrame, programme: str = "Utdanning", month: str = LATEST) -> pd.DataFrame:
    """How women's count in one programme (all status groups) is worked out: the printed cells of each
    status group (``*`` where starred, ``-`` where no row is printed), the interval each allows after
    women + men = both genders, and the sum."""
    cells = _cells(frame, month)
    group = vocab.PROGRAMMES[programme][0]

    def shown(key: tuple) -> str:
        if key not in cells:
            return "-"
        value, suppressed = cells[key]
        return "*" if suppressed else number(value)

    rows = []
    for status in STATUS_ORDER:
        women, men, total, _ = _status_level(cells, status, group, programme)
        rows.append({"status_group": status, "both genders": shown((status, T, group, programme)),
                     "women (printed)": shown((status, WOMEN, group, programme)), "men (printed)": shown((status, MEN, group, programme)),
                     "women (possible)": _range_text(*women, "en"), "men (possible)": _range_text(*men, "en")})
    total = gender_rows(frame, T, group, month).set_index("item").loc[programme]
    rows.append({"status_group": "All status groups", "both genders": number(int(total["total"])), "women (printed)": "",
                 "men (printed)": "", "women (possible)": _range_text(int(total["women_low"]), int(total["women_high"]), "en"),
                 "men (possible)": _range_text(int(total["men_low"]), int(total["men_high"]), "en")})
    return pd.DataFrame(rows)


def star_table(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`star_rows` for reading: stars as ``*``, months as column names, and the source line."""
    rows = star_rows(frame)
    out = pd.DataFrame({"programme": rows["programme"], "english": [vocab.english(p) for p in rows["programme"]]})
    for month in MONTHS:
        out[month_label(pd.Period(month, "M"), "en").split(" ")[0]] = ["*" if pd.isna(v) else number(v) for v in rows[month]]
    out["pattern"] = rows["pattern"]
    out["line"] = rows["line"].astype("int64")
    return out


# -- formatting ----------------------------------------------------------------------------------------
def _pct_change(before: int, after: int, lang: str = "en") -> str:
    change = 100 * (after - before) / before
    return ("+" if change > 0 else "") + number(change, lang, 1) + " %"


def _share_text(low: float, high: float, lang: str) -> str:
    if pd.isna(low):
        return "*"
    if abs(high - low) < 0.05:
        return f"{number(low, lang, 1)} %"
    return f"{number(low, lang, 1)}-{number(high, lang, 1)} %"


def _range_text(low: int, high: int, lang: str, signed: bool = False) -> str:
    def one(v: int) -> str:
        return ("+" if signed and v > 0 else "") + number(v, lang)
    return one(low) if low == high else f"{one(low)} to {one(high)}" if lang == "en" else f"{one(low)} til {one(high)}"


# -- figures -------------------------------------------------------------------------------------------
def _range_marks(base: alt.Chart, low: str, high: str, y: alt.Y, colour: alt.Color, tooltip: list) -> alt.LayerChart:
    """A range drawn as a thick line with an end tick at each side, so even a narrow one is visible
    and cannot be mistaken for an exact value (drawn as a dot)."""
    line = base.mark_rule(strokeWidth=4, opacity=0.7).encode(x=f"{low}:Q", x2=f"{high}:Q", y=y, color=colour, tooltip=tooltip)
    ends = [base.mark_tick(thickness=2, size=14).encode(x=f"{end}:Q", y=y, color=colour, tooltip=tooltip) for end in (low, high)]
    return alt.layer(line, *ends)


def status_shares(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Women's share by status group; a menu under the chart picks the month (no kernel needed)."""
    check_lang(lang)
    data = status_months(frame)
    months = [month_label(p, lang) for p in data["period"]]
    labels = [_who(s, lang) for s in data["status_group"]]
    plot = pd.DataFrame({"month": months, "status": labels, "women": data[WOMEN].astype("int64"), "men": data[MEN].astype("int64"),
                         "total": data[T].astype("int64"), "share": data["share"].round(1)})
    plot["label"] = [f"{number(s, lang, 1)} %" for s in plot["share"]]
    month_options = list(dict.fromkeys(plot["month"]))
    pick = alt.param(name="month", value=month_options[-1], bind=alt.binding_select(options=month_options, name=word("select_month", lang)))
    order = [_who(s, lang) for s in [T, *STATUS_ORDER]]
    colours = [NEUTRAL, *(STATUS_COLOURS[s] for s in STATUS_ORDER)]
    base = alt.Chart(plot).transform_filter(alt.datum.month == pick)
    bars = base.mark_bar().encode(
        x=alt.X("share:Q", title=_w("women_share", lang), scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(values=[0, 25, 50, 75, 100])),
        y=alt.Y("status:N", title=None, sort=order),
        color=alt.Color("status:N", scale=alt.Scale(domain=order, range=colours), legend=None),
        tooltip=[alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("status:N", title=word("status_group", lang)),
                 alt.Tooltip("women:Q", title=_w("women", lang), format=",d"), alt.Tooltip("men:Q", title=_w("men", lang), format=",d"),
                 alt.Tooltip("share:Q", title=_w("women_share", lang), format=".1f")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(x="share:Q", y=alt.Y("status:N", sort=order), text="label:N")
    half = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(color="#222222", strokeDash=[4, 3]).encode(x="x:Q")
    title = {"en": "Women's share of participants by status group", "nb": "Kvinners andel av deltakerne etter hovedgruppe"}[lang]
    subtitle = {"en": ["Pick a month in the menu under the chart. Dashed line: half.", SOURCE_LINE[lang]],
                "nb": ["Velg måned i menyen under figuren. Stiplet linje: halvparten.", SOURCE_LINE[lang]]}[lang]
    chart = (bars + text + half).add_params(pick).properties(title=titled(title, subtitle), width=440, height=alt.Step(30))

    may = data[data["period"].astype(str) == LATEST].set_index("status_group")
    parts = may.loc[STATUS_ORDER]
    hi, lo = parts["share"].idxmax(), parts["share"].idxmin()
    shares = data[data["status_group"] == T]["share"]
    if lang == "en":
        takeaway = (f"In {month_label(pd.Period(LATEST, 'M'), lang)} women were {number(may.loc[T, 'share'], lang, 1)} % of all participants "
                    f"(between {number(shares.min(), lang, 1)} and {number(shares.max(), lang, 1)} % in every month), "
                    f"from {number(parts.loc[lo, 'share'], lang, 1)} % among {PEOPLE[lo][lang]} "
                    f"to {number(parts.loc[hi, 'share'], lang, 1)} % among {PEOPLE[hi][lang]}.")
    else:
        takeaway = (f"I {month_label(pd.Period(LATEST, 'M'), lang)} var {number(may.loc[T, 'share'], lang, 1)} % av deltakerne kvinner "
                    f"(mellom {number(shares.min(), lang, 1)} og {number(shares.max(), lang, 1)} % hver måned), fra "
                    f"{number(parts.loc[lo, 'share'], lang, 1)} % blant {PEOPLE[lo][lang]} til "
                    f"{number(parts.loc[hi, 'share'], lang, 1)} % blant {PEOPLE[hi][lang]}.")
    table = plot[["month", "status", "women", "men", "total", "share"]].copy()
    table.columns = [word("month", lang), word("status_group", lang), _w("women", lang), _w("men", lang), _w("total", lang), _w("women_share", lang)]
    return Figure(finish(chart, lang), takeaway, table, title)


def _rows_for_chart(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    data = pd.DataFrame({
        "item": [value_label(i, lang) if level == "group" else programme_label(i, lang) for i, level in zip(rows["item"], rows["level"])],
        "nav": rows["item"],
        "total": rows["total"].astype(object).where(rows["total"].notna(), None),
        "women_low": rows["women_low"].astype(int), "women_high": rows["women_high"].astype(int),
        "men_low": rows["men_low"].astype(int), "men_high": rows["men_high"].astype(int),
        "share_low": rows["share_low"].astype(float).round(1), "share_high": rows["share_high"].astype(float).round(1),
        "gap_low": rows["gap_low"].astype(int), "gap_high": rows["gap_high"].astype(int),
        "how": [HOW[h][lang] for h in rows["how"]],
    })
    data["share_low"] = data["share_low"].astype(object).where(data["share_low"].notna(), None)
    data["share_high"] = data["share_high"].astype(object).where(data["share_high"].notna(), None)
    data["share_label"] = [_share_text(lo, hi, lang) if lo is not None else "*" for lo, hi in
                           zip(rows["share_low"].astype(float), rows["share_high"].astype(float))]
    data["gap_label"] = [_range_text(lo, hi, lang, signed=True) for lo, hi in zip(data["gap_low"], data["gap_high"])]
    data["lean"] = ["women" if lo is not None and lo >= LEAN else "men" if hi is not None and hi <= 100 - LEAN else "neither"
                    for lo, hi in zip(data["share_low"], data["share_high"])]
    return data


def gender_chart(frame: pd.DataFrame, status_group: str = T, programme_group: str = T, view: str = "shares",
                 month: str = LATEST, lang: str = "en") -> Figure:
    """Women and men in each programme group (or in each programme of one group), for one status group.

    ``view``: 'counts' (women and men side by side), 'shares' (women's share, %) or 'gap' (women minus
    men, persons). Where stars leave a count open, the chart draws the range of possible values.
    """
    check_lang(lang)
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    rows = gender_rows(frame, status_group, programme_group, month)
    used = rows["total"].isna() | (rows["total"] > 0)
    nobody = not used.any()
    if not nobody:
        rows = rows[used].reset_index(drop=True)  # rows with nobody in this status group are left out
    data = _rows_for_chart(rows, lang)
    if view == "counts":
        order = data.assign(key=data["women_high"] + data["men_high"]).sort_values("key", ascending=False, kind="stable")["item"].tolist()
    elif view == "gap":
        order = data.assign(key=data["gap_low"] + data["gap_high"]).sort_values("key", ascending=False, kind="stable")["item"].tolist()
    else:
        order = data.assign(key=[(lo if lo is not None else -1) for lo in data["share_low"]]).sort_values("key", ascending=False)["item"].tolist()
    y = alt.Y("item:N", title=None, sort=order)
    when = month_label(pd.Period(month, "M"), lang)
    where = _w("all_groups", lang) if programme_group == T else value_label(programme_group, lang)
    tooltip = [alt.Tooltip("item:N", title=_w("item", lang)), alt.Tooltip("nav:N", title=_w("nav_label", lang)),
               alt.Tooltip("share_label:N", title=_w("women_share", lang)), alt.Tooltip("gap_label:N", title=_w("gap", lang)),
               alt.Tooltip("how:N", title=_w("how", lang))]
    if view == "shares":
        base = alt.Chart(data)
        exact = base.transform_filter("datum.share_low != null && datum.share_low == datum.share_high")
        ranged = base.transform_filter("datum.share_low != null && datum.share_low != datum.share_high")
        scale = alt.Scale(domain=["women", "men", "neither"], range=[WOMEN_COLOUR, MEN_COLOUR, NEUTRAL])
        legend = alt.Legend(title=None, symbolOpacity=1, labelExpr={"en": "datum.label == 'women' ? 'At least 60 % women' : datum.label == 'men' ? "
                                                         "'At least 60 % men' : 'Neither'",
                                                   "nb": "datum.label == 'women' ? 'Minst 60 % kvinner' : datum.label == 'men' ? "
                                                         "'Minst 60 % menn' : 'Ingen av delene'"}[lang])
        points = exact.mark_point(filled=True, size=90, opacity=1).encode(
            x=alt.X("share_low:Q", title=_w("women_share", lang), scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(values=[0, 25, 50, 75, 100])),
            y=y, color=alt.Color("lean:N", scale=scale, legend=legend), tooltip=tooltip)
        ranges = _range_marks(ranged, "share_low", "share_high", y, alt.Color("lean:N", scale=scale, legend=legend), tooltip)
        labels = base.transform_calculate(at="datum.share_high == null ? 0 : datum.share_high").mark_text(align="left", dx=7, fontSize=11).encode(
            x="at:Q", y=y, text="share_label:N")
        half = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(color="#222222", strokeDash=[4, 3]).encode(x="x:Q")
        layers = [half, ranges, points, labels]
        head = {"en": f"Women's share: {where}", "nb": f"Kvinners andel: {where}"}[lang]
        note = {"en": "Dot: exact share. Bar: the range the stars allow. * = no share (total starred).",
                "nb": "Punkt: eksakt andel. Stolpe: intervallet stjernene tillater. * = ingen andel (total prikket)."}[lang]
    elif view == "gap":
        # the certain part of the gap is a solid bar from zero; where stars leave it open, a grey range shows
        # every value they allow (a range that crosses zero has no certain part)
        data["certain"] = [lo if lo > 0 else hi if hi < 0 else 0 for lo, hi in zip(data["gap_low"], data["gap_high"])]
        base = alt.Chart(data)
        colour = alt.condition("datum.certain > 0", alt.value(WOMEN_COLOUR), alt.value(MEN_COLOUR))
        solid = base.mark_bar().encode(
            x=alt.X("certain:Q", title=_w("gap", lang), axis=alt.Axis(format=",d")), x2=alt.datum(0), y=y, color=colour, tooltip=tooltip)
        ranged = _range_marks(base.transform_filter("datum.gap_low != datum.gap_high"), "gap_low", "gap_high", y, alt.value(NEUTRAL), tooltip)
        labels = base.transform_calculate(at="max(datum.gap_high, 0)").mark_text(align="left", dx=6, fontSize=11).encode(
            x="at:Q", y=y, text="gap_label:N")
        rule = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#222222").encode(x="x:Q")
        layers = [solid, ranged, rule, labels]
        head = {"en": f"More women or more men: {where}", "nb": f"Flere kvinner eller flere menn: {where}"}[lang]
        note = {"en": "Women minus men, in persons: right = more women, left = more men. Grey range: stars leave the gap open.",
                "nb": "Kvinner minus menn, i personer: høyre = flere kvinner, venstre = flere menn. Grått intervall: stjernene gir usikkerhet."}[lang]
    else:
        long = pd.concat([
            data.assign(gender=_w("women", lang), low=data["women_low"], high=data["women_high"]),
            data.assign(gender=_w("men", lang), low=data["men_low"], high=data["men_high"]),
        ], ignore_index=True)
        long["count_label"] = [_range_text(lo, hi, lang) if not (lo == STAR_LOW and hi == STAR_HIGH) else "*" for lo, hi in zip(long["low"], long["high"])]
        long = long[["item", "nav", "gender", "low", "high", "count_label", "share_label", "gap_label", "how"]]
        genders = [_w("women", lang), _w("men", lang)]
        base = alt.Chart(long)
        yo = alt.YOffset("gender:N", sort=genders)
        colour = alt.Color("gender:N", title=word("gender", lang), scale=alt.Scale(domain=genders, range=[WOMEN_COLOUR, MEN_COLOUR]),
                           legend=alt.Legend(symbolOpacity=1))
        count_tip = [alt.Tooltip("item:N", title=_w("item", lang)), alt.Tooltip("gender:N", title=word("gender", lang)),
                     alt.Tooltip("count_label:N", title=word("participants", lang))]
        bars = base.mark_bar().encode(x=alt.X("low:Q", title=word("participants", lang), axis=alt.Axis(format=",d")), y=y, yOffset=yo,
                                      color=colour, tooltip=count_tip)
        ranges = base.transform_filter("datum.low != datum.high").mark_bar(opacity=0.35).encode(
            x="low:Q", x2="high:Q", y=y, yOffset=yo, color=colour)
        labels = base.mark_text(align="left", dx=4, fontSize=11).encode(x="high:Q", y=y, yOffset=yo, text="count_label:N")
        layers = [bars, ranges, labels]
        head = {"en": f"Women and men: {where}", "nb": f"Kvinner og menn: {where}"}[lang]
        note = {"en": "Participants (persons). * = suppressed (0-3); a range (pale) where the stars leave a count open.",
                "nb": "Deltakere (personer). * = prikket (0-3); et intervall (blekt) der stjernene gir usikkerhet."}[lang]
    subtitle = [f"{_who(status_group, lang)}, {when}. {note}", SOURCE_LINE[lang]]
    height = alt.Step(16 if view == "counts" else 24)
    chart = alt.layer(*layers).properties(title=titled(head, subtitle), width=360, height=height)
    if view == "counts":
        chart = chart.properties(height=alt.Step(13))

    if nobody:
        takeaway = {"en": f"In {when} no one among {PEOPLE[status_group][lang]} took part in {value_label(programme_group, lang).lower()} "
                          f"(NAV prints no row for them, or only zeros).",
                    "nb": f"I {when} deltok ingen {PEOPLE[status_group][lang]} i {programme_group} (NAV trykker ingen rad, eller bare nuller)."}[lang]
    elif view == "gap":
        takeaway = _gap_takeaway(rows, status_group, when, lang)
    else:
        takeaway = _gender_takeaway(rows, status_group, programme_group, when, lang)
    table = pd.DataFrame({
        _w("item", lang): data["item"],
        _w("total", lang): rows["total"],
        _w("women", lang): [_range_text(lo, hi, lang) for lo, hi in zip(rows["women_low"], rows["women_high"])],
        _w("men", lang): [_range_text(lo, hi, lang) for lo, hi in zip(rows["men_low"], rows["men_high"])],
        _w("women_share", lang): data["share_label"],
        _w("gap", lang): data["gap_label"],
        _w("how", lang): data["how"],
    })
    if lang == "en":
        table.insert(1, _w("nav_label", lang), rows["item"])
    return Figure(finish(chart, lang), takeaway, table, head)


def _gender_takeaway(rows: pd.DataFrame, status_group: str, programme_group: str, when: str, lang: str) -> str:
    known = rows[rows["share_low"].notna()].copy()
    if known.empty:
        return {"en": f"In {when} every count here is suppressed, so no share can be given.",
                "nb": f"I {when} er alle tallene her prikket, så ingen andel kan oppgis."}[lang]
    known["mid"] = ((known["share_low"] + known["share_high"]) / 2).astype(float)
    big = known[known["total"] >= MIN_SIZE] if (known["total"] >= MIN_SIZE).any() else known
    top, bottom = big.loc[big["mid"].idxmax()], big.loc[big["mid"].idxmin()]
    open_ = int((rows["how"] == "bounds").sum())
    none = int((rows["how"] == "none").sum())
    small = not (known["total"] >= MIN_SIZE).any()
    ranked = {"en": f" (among the {len(big)} with at least {MIN_SIZE} participants)", "nb": f" (blant de {len(big)} med minst {MIN_SIZE} deltakere)"}[lang] if len(big) < len(known) else ""
    top_text = f"{_share_text(top['share_low'], top['share_high'], lang)}, {_range_text(int(top['gap_low']), int(top['gap_high']), lang, True)}"
    low_text = f"{_share_text(bottom['share_low'], bottom['share_high'], lang)}, {_range_text(int(bottom['gap_low']), int(bottom['gap_high']), lang, True)}"
    if lang == "en":
        if len(big) == 1:
            text = f"In {when} ({PEOPLE[status_group][lang]}), the women's share in {top['item']} was {top_text.replace(', ', ' (', 1)} women minus men)."
        else:
            text = (f"In {when} ({PEOPLE[status_group][lang]}), the women's share was highest{ranked} in {top['item']} ({top_text} women minus men) "
                    f"and lowest in {bottom['item']} ({low_text}).")
        if open_ or none:
            text += f" Stars leave {open_ + none} of {len(rows)} shares known only within bounds, or not at all."
        if small:
            text += f" Every count here is under {MIN_SIZE}: a few persons move a share a lot."
        return text
    if len(big) == 1:
        text = f"I {when} ({PEOPLE[status_group][lang]}) var kvinneandelen i {top['item']} {top_text.replace(', ', ' (', 1)} kvinner minus menn)."
    else:
        text = (f"I {when} ({PEOPLE[status_group][lang]}) var kvinneandelen høyest{ranked} i {top['item']} ({top_text} kvinner minus menn) "
                f"og lavest i {bottom['item']} ({low_text}).")
    if open_ or none:
        text += f" Stjerner gjør at {open_ + none} av {len(rows)} andeler bare er kjent innenfor grenser, eller ikke i det hele tatt."
    if small:
        text += f" Alle tallene her er under {MIN_SIZE}: noen få personer flytter andelen mye."
    return text


def _gap_takeaway(rows: pd.DataFrame, status_group: str, when: str, lang: str) -> str:
    """The largest gaps in persons each way (by the middle of the possible range)."""
    mid = (rows["gap_low"] + rows["gap_high"]) / 2
    women, men = rows.loc[mid.idxmax()], rows.loc[mid.idxmin()]
    parts = []
    for row, more in ((women, "women"), (men, "men")):
        lo, hi = int(row["gap_low"]), int(row["gap_high"])
        if (more == "women" and lo > 0) or (more == "men" and hi < 0):
            size = _range_text(min(abs(lo), abs(hi)), max(abs(lo), abs(hi)), lang)
            if lang == "en":
                parts.append(f"{row['item']} had {size} more {more} than {'men' if more == 'women' else 'women'}")
            else:
                parts.append(f"{row['item']} hadde {size} flere {'kvinner' if more == 'women' else 'menn'} enn {'menn' if more == 'women' else 'kvinner'}")
    if not parts:
        return {"en": f"In {when} ({PEOPLE[status_group][lang]}) the stars leave every gap open, or there is none.",
                "nb": f"I {when} ({PEOPLE[status_group][lang]}) gjør stjernene alle forskjellene usikre, eller det er ingen."}[lang]
    joined = "; ".join(parts)
    return {"en": f"In {when} ({PEOPLE[status_group][lang]}), the largest gaps in persons: {joined}.",
            "nb": f"I {when} ({PEOPLE[status_group][lang]}) var de største forskjellene i personer: {joined}."}[lang]


def leaning_chart(frame: pd.DataFrame, status_group: str | None = None, lang: str = "en") -> Figure:
    """Programmes with at least :data:`MIN_SIZE` participants in May 2021, by women's share, with the gap in persons.

    ``status_group=None`` puts a status-group menu under the chart (a Vega-Lite parameter, no kernel needed).
    """
    check_lang(lang)
    statuses = [T, *STATUS_ORDER] if status_group is None else [status_group]
    frames = []
    for s in statuses:
        rows = leaning(frame, s)
        chart_rows = _rows_for_chart(rows, lang)
        chart_rows["status"] = _who(s, lang)
        chart_rows["rank"] = range(len(chart_rows))
        frames.append(chart_rows)
    data = pd.concat(frames, ignore_index=True)
    data["label"] = [f"{s} ({g})" for s, g in zip(data["share_label"], data["gap_label"])]
    data = data[["status", "item", "nav", "total", "share_low", "share_high", "share_label", "gap_label", "label", "lean", "rank", "how"]]
    base = alt.Chart(data)
    params = []
    if status_group is None:
        options = [_who(s, lang) for s in statuses]
        pick = alt.param(name="status_group", value=options[0], bind=alt.binding_select(options=options, name=word("status_group", lang) + ": "))
        params.append(pick)
        base = base.transform_filter(alt.datum.status == pick)
    y = alt.Y("item:N", title=None, sort=alt.EncodingSortField("rank", order="ascending"))
    scale = alt.Scale(domain=["women", "men", "neither"], range=[WOMEN_COLOUR, MEN_COLOUR, NEUTRAL])
    legend = alt.Legend(title=None, symbolOpacity=1, labelExpr={"en": "datum.label == 'women' ? 'At least 60 % women' : datum.label == 'men' ? "
                                                     "'At least 60 % men' : 'Neither'",
                                               "nb": "datum.label == 'women' ? 'Minst 60 % kvinner' : datum.label == 'men' ? "
                                                     "'Minst 60 % menn' : 'Ingen av delene'"}[lang])
    tooltip = [alt.Tooltip("item:N", title=word("programme", lang)), alt.Tooltip("nav:N", title=_w("nav_label", lang)),
               alt.Tooltip("total:Q", title=word("participants", lang), format=",d"),
               alt.Tooltip("share_label:N", title=_w("women_share", lang)), alt.Tooltip("gap_label:N", title=_w("gap", lang)),
               alt.Tooltip("how:N", title=_w("how", lang))]
    points = base.transform_filter("datum.share_low == datum.share_high").mark_point(filled=True, size=80, opacity=1).encode(
        x=alt.X("share_low:Q", title=_w("women_share", lang), scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(values=[0, 20, 40, 50, 60, 80, 100])),
        y=y, color=alt.Color("lean:N", scale=scale, legend=legend), tooltip=tooltip)
    ranges = _range_marks(base.transform_filter("datum.share_low != datum.share_high"), "share_low", "share_high", y,
                          alt.Color("lean:N", scale=scale, legend=legend), tooltip)
    # the labels form a column to the right of the plot, clear of the marks and guide lines
    labels = base.mark_text(align="left", fontSize=11).encode(x=alt.value(WIDTH + 10), y=y, text="label:N")
    guide = alt.Chart(pd.DataFrame({"x": [100 - LEAN, 50, LEAN]})).mark_rule(color="#888888", strokeDash=[4, 3]).encode(x="x:Q")
    chart = alt.layer(guide, ranges, points, labels)
    if params:
        chart = chart.add_params(*params)
    when = month_label(pd.Period(LATEST, "M"), lang)
    head = {"en": "Which programmes lean to women or to men", "nb": "Hvilke tiltak har flest kvinner eller flest menn"}[lang]
    sub = {"en": [f"{when}, programmes with at least {MIN_SIZE} participants. Label: women's share (women minus men, persons).",
                  "Dashed lines at 40, 50 and 60 %." + (" Pick a status group in the menu under the chart." if params else ""),
                  SOURCE_LINE[lang]],
           "nb": [f"{when}, tiltak med minst {MIN_SIZE} deltakere. Etikett: kvinneandel (kvinner minus menn, personer).",
                  "Stiplede linjer ved 40, 50 og 60 %." + (" Velg hovedgruppe i menyen under figuren." if params else ""),
                  SOURCE_LINE[lang]]}[lang]
    chart = chart.properties(title=titled(head, sub), width=WIDTH, height=alt.Step(20))

    first = leaning(frame, statuses[0])
    women_lean, men_lean = first[first["lean"] == "women"], first[first["lean"] == "men"]
    top, bottom = first.iloc[0], first.iloc[-1]
    if lang == "en":
        takeaway = (f"In {when}, {len(women_lean)} of the {len(first)} programmes with at least {MIN_SIZE} participants had at least "
                    f"{number(LEAN)} % women and {len(men_lean)} at least {number(LEAN)} % men; {top['item']} leaned most to women "
                    f"({_share_text(top['share_low'], top['share_high'], lang)}), {bottom['item']} most to men "
                    f"({_share_text(bottom['share_low'], bottom['share_high'], lang)}, "
                    f"{_range_text(int(bottom['gap_low']), int(bottom['gap_high']), lang, True)} women minus men).")
    else:
        takeaway = (f"I {when} hadde {len(women_lean)} av de {len(first)} tiltakene med minst {MIN_SIZE} deltakere minst {number(LEAN)} % kvinner "
                    f"og {len(men_lean)} minst {number(LEAN)} % menn; {top['item']} hadde størst kvinneandel "
                    f"({_share_text(top['share_low'], top['share_high'], lang)}), {bottom['item']} størst mannsandel "
                    f"({_share_text(bottom['share_low'], bottom['share_high'], lang)}).")
    table = data[["status", "item", "nav", "total", "share_label", "gap_label", "how"]].copy()
    table.columns = [word("status_group", lang), word("programme", lang), _w("nav_label", lang), word("participants", lang),
                     _w("women_share", lang), _w("gap", lang), _w("how", lang)]
    if lang == "nb":
        table = table.drop(columns=[_w("nav_label", lang)])
    table[word("participants", lang)] = table[word("participants", lang)].astype("Int64")
    return Figure(finish(chart, lang), takeaway, table, head)


def months_chart(frame: pd.DataFrame, status_group: str | None = None, lang: str = "en") -> Figure:
    """Women and men per month, January-May 2021; ``status_group=None`` adds a menu (no kernel needed)."""
    check_lang(lang)
    data = status_months(frame)
    if status_group is not None:
        data = data[data["status_group"] == status_group]
    long = pd.concat([
        pd.DataFrame({"month": [month_label(p, lang) for p in data["period"]], "order": [p.month for p in data["period"]],
                      "status": [_who(s, lang) for s in data["status_group"]], "gender": _w(g, lang),
                      "participants": data[G].astype("int64").to_numpy(), "share": data["share"].round(1).to_numpy()})
        for G, g in ((WOMEN, "women"), (MEN, "men"))
    ], ignore_index=True)
    long["month_short"] = [m.split(" ")[0][:3] for m in long["month"]]
    base = alt.Chart(long)
    params = []
    if status_group is None:
        options = [_who(s, lang) for s in [T, *STATUS_ORDER]]
        pick = alt.param(name="status_group", value=options[0], bind=alt.binding_select(options=options, name=word("status_group", lang) + ": "))
        params.append(pick)
        base = base.transform_filter(alt.datum.status == pick)
    genders = [_w("women", lang), _w("men", lang)]
    month_order = list(dict.fromkeys(long.sort_values("order")["month_short"]))
    enc = dict(x=alt.X("month_short:N", title={"en": "Month (2021)", "nb": "Måned (2021)"}[lang], sort=month_order, axis=alt.Axis(labelAngle=0)),
               y=alt.Y("participants:Q", title=word("participants", lang), axis=alt.Axis(format=",d"), scale=alt.Scale(zero=False)),
               color=alt.Color("gender:N", title=word("gender", lang), scale=alt.Scale(domain=genders, range=[WOMEN_COLOUR, MEN_COLOUR])))
    lines = base.mark_line(point=True).encode(**enc, tooltip=[alt.Tooltip("month:N", title=word("month", lang)),
                                                              alt.Tooltip("gender:N", title=word("gender", lang)),
                                                              alt.Tooltip("participants:Q", title=word("participants", lang), format=",d"),
                                                              alt.Tooltip("share:Q", title=_w("women_share", lang), format=".1f")])
    chart = lines
    if params:
        chart = chart.add_params(*params)
    head = {"en": "Women and men on programmes, month by month", "nb": "Kvinner og menn på tiltak, måned for måned"}[lang]
    sub = {"en": ["End of each month, January-May 2021. The axis does not start at zero." + (" Pick a status group under the chart." if params else ""),
                  SOURCE_LINE[lang]],
           "nb": ["Utgangen av hver måned, januar-mai 2021. Aksen starter ikke på null." + (" Velg hovedgruppe under figuren." if params else ""),
                  SOURCE_LINE[lang]]}[lang]
    chart = chart.properties(title=titled(head, sub), width=420, height=240)

    first = status_months(frame)
    first = first[first["status_group"] == (status_group or T)]
    jan, peak = first.iloc[0], first.loc[first[T].astype("int64").idxmax()]
    grow_w = int(peak[WOMEN]) - int(jan[WOMEN])
    grow_m = int(peak[MEN]) - int(jan[MEN])
    peak_month = month_label(peak["period"], lang)
    if lang == "en":
        takeaway = (f"In {PEOPLE[status_group or T][lang]}, participation rose from {number(jan[T])} in January to {number(peak[T])} in "
                    f"{peak_month} ({_range_text(grow_w, grow_w, lang, True)} women, {_range_text(grow_m, grow_m, lang, True)} men), "
                    f"while women's share moved only between {number(first['share'].min(), lang, 1)} and {number(first['share'].max(), lang, 1)} %.")
    else:
        takeaway = (f"For {PEOPLE[status_group or T][lang]} økte antallet fra {number(jan[T], lang)} i januar til {number(peak[T], lang)} i "
                    f"{peak_month} ({_range_text(grow_w, grow_w, lang, True)} kvinner, {_range_text(grow_m, grow_m, lang, True)} menn), "
                    f"mens kvinneandelen bare varierte mellom {number(first['share'].min(), lang, 1)} og {number(first['share'].max(), lang, 1)} %.")
    table = long[["status", "month", "gender", "participants", "share"]].copy()
    table.columns = [word("status_group", lang), word("month", lang), word("gender", lang), word("participants", lang), _w("women_share", lang)]
    return Figure(finish(chart, lang), takeaway, table, head)


def programme_months(frame: pd.DataFrame, programme: str = "Digital oppfølging/jobbklubb", lang: str = "en") -> Figure:
    """One programme's women and men (all status groups) per month; starred months drawn as their 0-3 range."""
    check_lang(lang)
    rows = []
    group = vocab.PROGRAMMES[programme][0]
    for month in MONTHS:
        r = gender_rows(frame, T, group, month)
        r = r[r["item"] == programme].iloc[0]
        for G, low, high in ((WOMEN, r["women_low"], r["women_high"]), (MEN, r["men_low"], r["men_high"])):
            rows.append({"month": month_label(pd.Period(month, "M"), lang), "order": int(month[-2:]), "gender": _w("women" if G == WOMEN else "men", lang),
                         "low": int(low), "high": int(high), "total": None if pd.isna(r["total"]) else int(r["total"]),
                         "label": (number(low, lang) if low == high else f"{number(low, lang)}-{number(high, lang)}")
                         if (low, high) != (STAR_LOW, STAR_HIGH) else "*"})
    data = pd.DataFrame(rows)
    data["mid"] = (data["low"] + data["high"]) / 2
    data["month_short"] = [m.split(" ")[0][:3] for m in data["month"]]
    genders = [_w("women", lang), _w("men", lang)]
    gender_scale = alt.Scale(domain=genders, range=[WOMEN_COLOUR, MEN_COLOUR])
    colour = alt.Color("gender:N", title=word("gender", lang), scale=gender_scale, legend=alt.Legend(symbolOpacity=1))
    month_order = [m.split(" ")[0][:3] for m in dict.fromkeys(data["month"])]
    x = alt.X("month_short:N", title={"en": "Month (2021)", "nb": "Måned (2021)"}[lang], sort=month_order, axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data)
    tip = [alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("gender:N", title=word("gender", lang)),
           alt.Tooltip("label:N", title=word("participants", lang))]
    bars = base.mark_bar().encode(x=x, xOffset=alt.XOffset("gender:N", sort=genders), y=alt.Y("low:Q", title=word("participants", lang),
                                  axis=alt.Axis(format=",d")), color=colour, tooltip=tip)
    ranges = base.transform_filter("datum.low != datum.high").mark_bar(opacity=0.35).encode(
        x=x, xOffset=alt.XOffset("gender:N", sort=genders), y="low:Q", y2="high:Q", color=colour)
    labels = base.mark_text(dy=-6, fontSize=11).encode(x=x, xOffset=alt.XOffset("gender:N", sort=genders), y="high:Q", text="label:N")
    head = {"en": f"{programme_label(programme, lang)}: women and men by month", "nb": f"{programme}: kvinner og menn per måned"}[lang]
    sub = {"en": ["All status groups. * = suppressed (0-3 persons: maybe nobody); pale bar = the range stars allow.", SOURCE_LINE[lang]],
           "nb": ["Alle hovedgrupper. * = prikket (0-3 personer: kanskje ingen); blek stolpe = intervallet stjernene tillater.", SOURCE_LINE[lang]]}[lang]
    chart = alt.layer(bars, ranges, labels).properties(title=titled(head, sub), width=480, height=220)
    totals = [r for r in rows if r["gender"] == genders[0]]
    starred = [r["month"] for r in totals if r["total"] is None]
    first_seen = next((r for r in totals if r["total"] is not None), None)
    if lang == "en":
        takeaway = (f"In {', '.join(starred) or 'no month'} the row shows only '*' (0-3 persons); "
                    + (f"in {first_seen['month']} it has {number(first_seen['total'])} participants." if first_seen else "it is never visible."))
    else:
        takeaway = (f"I {', '.join(starred) or 'ingen måned'} viser raden bare '*' (0-3 personer); "
                    + (f"i {first_seen['month']} har den {number(first_seen['total'], lang)} deltakere." if first_seen else "den er aldri synlig."))
    table = data[["month", "gender", "label", "total"]].copy()
    table.columns = [word("month", lang), word("gender", lang), word("participants", lang), _w("total", lang)]
    table[_w("total", lang)] = table[_w("total", lang)].astype("Int64")
    return Figure(finish(chart, lang), takeaway, table, head)


# -- key findings --------------------------------------------------------------------------------------
def key_findings(frame: pd.DataFrame) -> list[str]:
    """Key findings for 04_women_and_men, computed from the January-May 2021 table."""
    months = status_months(frame)
    may = months[months["period"].astype(str) == LATEST].set_index("status_group")
    all_ = months[months["status_group"] == T]
    parts = may.loc[STATUS_ORDER]
    hi, lo = parts["share"].idxmax(), parts["share"].idxmin()
    groups = gender_rows(frame, T, T, LATEST)
    g_hi = groups.loc[groups["share"].astype(float).idxmax()]
    g_lo = groups.loc[groups["share"].astype(float).idxmin()]
    lean = leaning(frame)
    w_lean, m_lean = lean[lean["lean"] == "women"], lean[lean["lean"] == "men"]
    gap_top = lean.loc[(lean["gap_low"].abs()).idxmax()]
    gap_size = sorted((abs(int(gap_top["gap_low"])), abs(int(gap_top["gap_high"]))))
    new = new_programmes(frame)
    stars = star_rows(frame)
    always = stars[stars["pattern"] == "starred every month"]["programme"].tolist()
    jan, peak = all_.iloc[0], all_.loc[all_[T].astype("int64").idxmax()]
    growth = {}
    for status in STATUS_ORDER:
        series = months[months["status_group"] == status].set_index("period")[T]
        growth[status] = (int(series.iloc[0]), int(series[peak["period"]]))
    fastest = max(growth, key=lambda st: growth[st][1] / growth[st][0])
    js_jan, js_peak = growth[fastest]
    when = month_label(pd.Period(LATEST, "M"), "en")
    findings = [
        f"In {when}, {number(may.loc[T, WOMEN])} women and {number(may.loc[T, MEN])} men were on a labour-market programme: "
        f"women were {number(may.loc[T, 'share'], 'en', 1)} % of participants (between {number(all_['share'].min(), 'en', 1)} and "
        f"{number(all_['share'].max(), 'en', 1)} % in every month from January to May 2021).",
        f"Women's share differs by status group (*hovedgruppe*), from {number(parts.loc[lo, 'share'], 'en', 1)} % among "
        f"{PEOPLE[lo]['en']} (*{lo}*) to {number(parts.loc[hi, 'share'], 'en', 1)} % among {PEOPLE[hi]['en']} (*{hi}*).",
        f"By programme group, {g_hi['item']} had the highest women's share ({number(g_hi['share'], 'en', 1)} %) and {g_lo['item']} "
        f"the lowest ({number(g_lo['share'], 'en', 1)} %: {number(int(g_lo['men']) - int(g_lo['women']))} more men than women).",
        f"Of the {len(lean)} programmes with at least {MIN_SIZE} participants, {len(w_lean)} had at least {number(LEAN)} % women "
        f"({', '.join(w_lean['item'])}) and {len(m_lean)} at least {number(LEAN)} % men ({', '.join(m_lean['item'])}). "
        f"The largest gap in persons was in {gap_top['item']}: {_range_text(*gap_size, 'en')} "
        f"more {'women than men' if gap_top['gap_low'] > 0 else 'men than women'}.",
        f"Participation rose from {number(jan[T])} in January to {number(peak[T])} in {month_label(peak['period'], 'en')}, fastest among "
        f"{PEOPLE[fastest]['en']} ({_pct_change(js_jan, js_peak)} from January to {month_label(peak['period'], 'en').split(' ')[0]}), and was "
        f"{number(all_.iloc[-1][T])} in {when}; these months fall in the COVID-19 pandemic.",
        f"New in 2021: {', '.join(new['programme'])} shows '*' in January and {number(new[MONTHS[1]].iloc[0])} participants in February. "
        f"{len(always)} programme rows show '*' in every month ({'; '.join(always)}): a row of stars can hide 0, so it does not show that "
        f"the programme had anyone on it.",
    ]
    return findings


# -- explorers -----------------------------------------------------------------------------------------
STATUS_OPTIONS = ((f"All ({T})", T), *label_options(STATUS_ORDER))
GROUP_OPTIONS = ((f"All programme groups ({T})", T), *label_options([g for g in vocab.PROGRAMME_GROUPS if g != "Helsemessig utredning/behandling"]))
VIEW_OPTIONS = (("Shares", "shares"), ("Counts", "counts"), ("Gap", "gap"))


def _explore(frame: pd.DataFrame, status_group: str = T, programme_group: str = T, view: str = "shares", lang: str = "en") -> Figure:
    return gender_chart(frame, status_group=status_group, programme_group=programme_group, view=view, lang=lang)


register(Explorer("gender_programmes", _explore,
                  {"status_group": STATUS_OPTIONS, "programme_group": GROUP_OPTIONS, "view": VIEW_OPTIONS, "lang": LANGUAGES},
                  {"status_group": T, "programme_group": T, "view": "shares", "lang": "en"}))


# -- exercises -----------------------------------------------------------------------------------------
@exercise("04.1", hint="women's share = women / all participants x 100; use the status-group chart with May 2021 picked.")
def _(answer):
    months = status_months(data())
    row = months[(months["status_group"] == T) & (months["period"].astype(str) == LATEST)].iloc[0]
    value = as_percent(answer)
    if value is not None and 0 < value <= 1:
        return False, "give the share in per cent (for example 50 for one half), not as a fraction."
    if value is not None and abs(value - row["share"]) <= 0.5:
        return True, f"{number(row[WOMEN])} of {number(row[T])} participants in May 2021 were women: {number(row['share'], 'en', 1)} %."
    return False, "divide the number of women (all status groups, May 2021) by all participants, and multiply by 100."


@exercise("04.2", hint="use the explorer with programme group 'All' and view 'Counts', or the numbers table under the gap chart.")
def _(answer):
    groups = gender_rows(data(), T, T, LATEST).set_index("item")
    row = groups.loc["Lønnstilskudd"]
    expected = int(row["men"]) - int(row["women"])
    value = as_number(answer)
    if value is not None and abs(value) == expected:
        return True, f"{number(int(row['men']))} men and {number(int(row['women']))} women: {number(expected)} more men on wage subsidies in May 2021."
    return False, "take the number of men minus the number of women in Lønnstilskudd (all status groups, May 2021)."


@exercise("04.3", hint="a star in a time series hides 0, 1, 2 or 3 persons.")
def _(answer):
    new = new_programmes(data())
    february = int(new[MONTHS[1]].iloc[0])
    choice = answer.strip().lower().strip("()") if isinstance(answer, str) else None
    if choice == "b":
        return True, (f"right: '*' hides 0-3, and in a time series a row keeps its place in months with nobody. The table alone cannot "
                      f"say whether the programme existed in January; the jump to {number(february)} in February, together with the "
                      f"programme's history (the collection's notes date its start to early 2021), says it started then.")
    if choice == "a":
        return False, "a star is not a zero: it hides 0 to 3 persons. The table cannot say which."
    if choice == "c":
        return False, "a star hides any value from 0 to 3, not the largest one."
    return False, "answer with the letter of one option: 'a', 'b' or 'c'."


@exercise("04.4", hint="use the leaning chart (status group 'All'), or the numbers table under it.")
def _(answer):
    lean = leaning(data())
    top = lean.iloc[0]
    if same_label(answer, top["item"], vocab.english(top["item"])):
        return True, (f"{top['item']} had the highest women's share of the programmes with at least {MIN_SIZE} participants in May 2021: "
                      f"{_share_text(top['share_low'], top['share_high'], 'en')}.")
    if isinstance(answer, str) and any(same_label(answer, p, vocab.english(p)) for p in lean["item"]):
        return False, "that programme is in the list, but not at the top. Sort by the women's share."
    return False, "name the programme (Norwegian or English) at the top of the leaning chart."
