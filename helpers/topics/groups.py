"""03 Programme groups: who uses which programme groups in November 2016, and the change from a year earlier.

Everything here reads NAV's one-month table for November 2016
(``data/raw/nav_tiltak_en_maaned_2016-11.txt``). In that table an empty cell means nobody (0) and
a ``*`` hides 1-3 persons; the tidy frame keeps the empty cells as 0 and the stars as <NA>, and so
do the views below. Every number a figure draws is also in its table, with the stars as ``*``.
"""

from __future__ import annotations


import altair as alt
import pandas as pd

from .. import views
from .. import vocabulary as vocab
from ..charts import Figure, PALETTE, STATUS_COLOURS, check_lang, finish, number, programme_label, titled, value_label, word, words_from
from ..exercises import as_number, as_percent, data, exercise, same_label
from ..widgets import LANGUAGES, Explorer, label_options, register

T = vocab.TOTAL
SOURCE = "nav_tiltak_en_maaned_2016-11.txt"
PERIOD = "2016-11"
STATUS_ORDER = list(vocab.STATUS_GROUPS)
GROUPS = list(vocab.PROGRAMME_GROUPS)
NAE, JOBSEEKERS, OTHERS = "Nedsatt arbeidsevne, på tiltak", "Arbeidssøkere på tiltak", "Andre på tiltak"
MEASURES = ("participants", "change_from_last_year", "change_from_last_year_pct")
# A per cent change on a base under this many persons moves a whole point for every 10 persons or fewer.
SMALL_BASE = 1000
# A group "serves almost only one status group" when one status group has at least this share (%).
ONE_GROUP_SHARE = 90.0
UP, DOWN, NEUTRAL = PALETTE[0], PALETTE[1], "#666666"

SOURCE_LINE = {
    "en": "Source: NAV, Deltakere i arbeidsrettede tiltak. Tiltak. En måned, November 2016",
    "nb": "Kilde: NAV, Deltakere i arbeidsrettede tiltak. Tiltak. En måned, november 2016",
}
MEASURE_WORDS = {
    "participants": {"en": "Participants (persons)", "nb": "Deltakere (personer)"},
    "change_from_last_year": {"en": "Change from November 2015 (persons)", "nb": "Endring fra november 2015 (personer)"},
    "change_from_last_year_pct": {"en": "Change from November 2015 (%)", "nb": "Endring fra november 2015 (%)"},
}
WORDS = {
    "group": {"en": "Programme group", "nb": "Tiltaksgruppe"},
    "nav_label": {"en": "NAV's label", "nb": "NAVs betegnelse"},
    "all": {"en": "All participants", "nb": "Alle deltakere"},
    "total": {"en": "All status groups", "nb": "Alle hovedgrupper"},
    "share_of_group": {"en": "Share of the group's participants (%)", "nb": "Andel av gruppens deltakere (%)"},
    "base": {"en": "November 2015 (persons)", "nb": "November 2015 (personer)"},
    "small_base": {"en": "Small base", "nb": "Lite grunnlag"},
    "suppressed": {"en": "* suppressed (1-3)", "nb": "* prikket (1-3)"},
}


_w = words_from(WORDS)


def _one_month(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["source"] == SOURCE) & (frame["period"].astype(str) == PERIOD)]




def _fmt(value: object, lang: str, signed: bool = False, suffix: str = "") -> str:
    if value is None or value is pd.NA or pd.isna(value):
        return "*"
    text = number(float(value), lang)
    if signed and float(value) > 0:
        text = "+" + text
    return text + suffix


# -- views ---------------------------------------------------------------------------------------------
def group_table(frame: pd.DataFrame, status_group: str = T) -> pd.DataFrame:
    """One row per programme group for one status group ('I alt' = all): count, change, per cent, base.

    ``base`` is the count a year earlier (count minus change); ``small_base`` flags bases under
    :data:`SMALL_BASE`. A group with nobody in the status group keeps its row with 0 persons and no change.
    """
    out = pd.DataFrame({"programme_group": GROUPS})
    for measure in MEASURES:
        cells = views.select(_one_month(frame), measure=measure, status_group=status_group, programme_group=None)
        cells = cells[cells["programme_group"] != T].set_index("programme_group")
        out[measure] = out["programme_group"].map(cells["value"]).astype("Int64")
        if measure == "participants":
            out["line"] = out["programme_group"].map(cells["line"]).astype("Int64")
    out["participants"] = out["participants"].fillna(0)  # a group not printed for a status group has nobody in it
    out["base"] = (out["participants"] - out["change_from_last_year"]).astype("Int64")
    out["small_base"] = (out["base"] < SMALL_BASE).fillna(False).astype(bool)
    return out.sort_values("participants", ascending=False, kind="stable").reset_index(drop=True)


def status_by_group(frame: pd.DataFrame) -> pd.DataFrame:
    """Participants per programme group and status group, with each status group's share of the group."""
    rows = views.select(_one_month(frame), status_group=None, programme_group=None)
    rows = rows[rows["programme_group"] != T]
    wide = rows.pivot(index="programme_group", columns="status_group", values="value").reindex(GROUPS)
    wide = wide[[T, *STATUS_ORDER]].fillna(0).astype("int64")
    long = wide[STATUS_ORDER].stack().rename("participants").reset_index()
    long["group_total"] = long["programme_group"].map(wide[T])
    long["share"] = 100 * long["participants"] / long["group_total"]
    return long


def programme_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Every programme with its group, count per status group ('I alt' included), and rank within its group.

    Suppressed cells stay <NA>; the rank puts them after every visible count (they hide 1-3 persons).
    """
    rows = views.select(_one_month(frame), status_group=None, programme_group=None, programme=None)
    rows = rows[(rows["programme"] != T)][["status_group", "programme_group", "programme", "value", "suppressed", "line"]].copy()
    rows["sort_value"] = rows["value"].astype("Float64").fillna(0.5)  # stars after every visible count, before zeros
    rows["rank"] = rows.groupby(["status_group", "programme_group"])["sort_value"].rank(ascending=False, method="first").astype("int64")
    return rows.sort_values(["status_group", "programme_group", "rank"]).reset_index(drop=True)


def recoverable_stars(frame: pd.DataFrame) -> pd.DataFrame:
    """Starred programme cells that are the only star in their group and status group: the group total
    minus the visible programmes gives them exactly (a lesson in disclosure control, not a correction)."""
    programmes = programme_table(frame)
    totals = views.select(_one_month(frame), status_group=None, programme_group=None)
    totals = totals[totals["programme_group"] != T].set_index(["status_group", "programme_group"])["value"]
    out = []
    for (status, group), rows in programmes.groupby(["status_group", "programme_group"]):
        stars = rows[rows["suppressed"]]
        if len(stars) == 1 and (status, group) in totals.index and pd.notna(totals[(status, group)]):
            out.append({"status_group": status, "programme_group": group, "programme": stars["programme"].iloc[0],
                        "line": int(stars["line"].iloc[0]), "group_total": int(totals[(status, group)]),
                        "visible_sum": int(rows["value"].sum()), "recovered": int(totals[(status, group)] - rows["value"].sum())})
    return pd.DataFrame(out)


def single_status_groups(frame: pd.DataFrame, threshold: float = ONE_GROUP_SHARE) -> pd.DataFrame:
    """Programme groups where one status group has at least ``threshold`` % of the participants."""
    mix = status_by_group(frame)
    top = mix.loc[mix.groupby("programme_group")["share"].idxmax()]
    return top[top["share"] >= threshold].sort_values("share", ascending=False).reset_index(drop=True)


def groups_without(frame: pd.DataFrame, status_group: str) -> list[str]:
    """Programme groups nobody of a status group took part in (empty cells in NAV's table)."""
    mix = status_by_group(frame)
    return mix[(mix["status_group"] == status_group) & (mix["participants"] == 0)]["programme_group"].tolist()


def one_status_programmes(frame: pd.DataFrame) -> pd.DataFrame:
    """Programmes whose participants all belong to one status group: the other two cells are empty (nobody).

    Returns the programme, its group, the status group, the count, and the line it was printed on.
    """
    rows = programme_table(frame)
    parts = rows[rows["status_group"] != T]
    out = []
    for (group, programme), cells in parts.groupby(["programme_group", "programme"], sort=False):
        used = cells[cells["value"].isna() | (cells["value"] > 0)]
        if len(used) == 1:
            total = rows[(rows["status_group"] == T) & (rows["programme"] == programme)].iloc[0]
            out.append({"programme": programme, "english": vocab.english(programme), "programme_group": group,
                        "status_group": used["status_group"].iloc[0],
                        "participants": total["value"], "line": int(total["line"])})
    table = pd.DataFrame(out)
    table["sort"] = table["participants"].astype("Float64").fillna(0)
    table = table.sort_values(["status_group", "sort"], ascending=[True, False]).drop(columns="sort").reset_index(drop=True)
    table["participants"] = ["*" if pd.isna(v) else number(v) for v in table["participants"]]  # a star stays a star
    return table


# -- figures -------------------------------------------------------------------------------------------
def group_sizes(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Participants per programme group, stacked by status group, largest group first."""
    check_lang(lang)
    mix = status_by_group(frame)
    order = mix.drop_duplicates("programme_group").sort_values("group_total", ascending=False)["programme_group"].tolist()
    data = pd.DataFrame({
        "group": [value_label(g, lang) for g in mix["programme_group"]],
        "nav": mix["programme_group"],
        "status": [value_label(s, lang) for s in mix["status_group"]],
        "participants": mix["participants"].astype("int64"),
        "total": mix["group_total"].astype("int64"),
        "order": mix["status_group"].map({s: i for i, s in enumerate(STATUS_ORDER)}),
    })
    group_order = [value_label(g, lang) for g in order]
    status_order = [value_label(s, lang) for s in STATUS_ORDER]
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        x=alt.X("sum(participants):Q", title=word("participants", lang), axis=alt.Axis(format=",d")),
        y=alt.Y("group:N", title=None, sort=group_order),
        color=alt.Color("status:N", title=word("status_group", lang), legend=alt.Legend(labelLimit=320),
                        scale=alt.Scale(domain=status_order, range=[STATUS_COLOURS[s] for s in STATUS_ORDER])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("group:N", title=_w("group", lang)), alt.Tooltip("nav:N", title=_w("nav_label", lang)),
                 alt.Tooltip("status:N", title=word("status_group", lang)),
                 alt.Tooltip("participants:Q", title=word("participants", lang), format=",d")],
    )
    labels = base.transform_filter(alt.datum.order == 0).mark_text(align="left", dx=4, fontSize=12).encode(
        x="total:Q", y=alt.Y("group:N", sort=group_order), text=alt.Text("total:Q", format=",d"))
    title = {"en": "Participants by programme group, November 2016", "nb": "Deltakere etter tiltaksgruppe, november 2016"}[lang]
    subtitle = {"en": ["People on a programme at the end of the month, by status group.", SOURCE_LINE[lang]],
                "nb": ["Personer på tiltak ved utgangen av måneden, etter hovedgruppe.", SOURCE_LINE[lang]]}[lang]
    chart = (bars + labels).properties(title=titled(title, subtitle), width=460, height=300)

    all_total = int(mix.drop_duplicates("programme_group")["group_total"].sum())
    largest = order[0]
    size = mix.drop_duplicates("programme_group").set_index("programme_group")["group_total"]
    small3 = int(size.loc[order[-3:]].sum())
    if lang == "en":
        takeaway = (f"In November 2016 the largest of the {len(order)} programme groups was {largest} ({value_label(largest, lang).lower()}), "
                    f"with {number(size[largest])} of {number(all_total)} participants ({number(100 * size[largest] / all_total, lang, 1)} %); "
                    f"the three smallest together had {number(small3)}.")
    else:
        takeaway = (f"Den største av de {len(order)} tiltaksgruppene i november 2016 var {largest}, med {number(size[largest], lang)} av "
                    f"{number(all_total, lang)} deltakere ({number(100 * size[largest] / all_total, lang, 1)} %); de tre minste hadde til sammen "
                    f"{number(small3, lang)}.")
    table = mix.pivot(index="programme_group", columns="status_group", values="participants").reindex(order)[STATUS_ORDER]
    table.insert(0, _w("total", lang), size.reindex(order))
    table.columns = [table.columns[0], *status_order]
    table.insert(0, _w("group", lang), [value_label(g, lang) for g in order])
    if lang == "en":
        table.insert(1, _w("nav_label", lang), order)
    return Figure(finish(chart, lang), takeaway, table.reset_index(drop=True), title)


def status_mix(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Each programme group's participants split by status group (100 % bars), most one-sided first."""
    check_lang(lang)
    mix = status_by_group(frame)
    nae_share = mix[mix["status_group"] == NAE].set_index("programme_group")["share"]
    top_share = mix.groupby("programme_group")["share"].max()
    # order: groups dominated by reduced work capacity first, then by jobseekers, then by others
    dominant = mix.loc[mix.groupby("programme_group")["share"].idxmax()].set_index("programme_group")["status_group"]
    rank = {s: i for i, s in enumerate([NAE, JOBSEEKERS, OTHERS])}
    order = sorted(GROUPS, key=lambda g: (rank[dominant[g]], -top_share[g], -nae_share[g]))
    data = pd.DataFrame({
        "group": [value_label(g, lang) for g in mix["programme_group"]],
        "nav": mix["programme_group"],
        "status": [value_label(s, lang) for s in mix["status_group"]],
        "participants": mix["participants"].astype("int64"),
        "share": mix["share"].astype(float).round(1),
        "order": mix["status_group"].map({s: i for i, s in enumerate(STATUS_ORDER)}),
    })
    group_order = [value_label(g, lang) for g in order]
    status_order = [value_label(s, lang) for s in STATUS_ORDER]
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        x=alt.X("share:Q", title=_w("share_of_group", lang), stack="zero", scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(values=[0, 25, 50, 75, 100])),
        y=alt.Y("group:N", title=None, sort=group_order),
        color=alt.Color("status:N", title=word("status_group", lang), legend=alt.Legend(labelLimit=320),
                        scale=alt.Scale(domain=status_order, range=[STATUS_COLOURS[s] for s in STATUS_ORDER])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("group:N", title=_w("group", lang)), alt.Tooltip("nav:N", title=_w("nav_label", lang)),
                 alt.Tooltip("status:N", title=word("status_group", lang)),
                 alt.Tooltip("participants:Q", title=word("participants", lang), format=",d"),
                 alt.Tooltip("share:Q", title=_w("share_of_group", lang), format=".1f")],
    )
    text = base.transform_filter(alt.datum.share >= 12).transform_stack(
        stack="share", groupby=["group"], sort=[alt.SortField("order")], as_=["x0", "x1"]
    ).transform_calculate(mid="(datum.x0 + datum.x1) / 2").mark_text(color="white", fontSize=11, fontWeight="bold").encode(
        x="mid:Q", y=alt.Y("group:N", sort=group_order), text=alt.Text("share:Q", format=".0f"))
    title = {"en": "Who uses each programme group, November 2016", "nb": "Hvem bruker hver tiltaksgruppe, november 2016"}[lang]
    subtitle = {"en": ["Share of each group's participants in each status group (white numbers: per cent).", SOURCE_LINE[lang]],
                "nb": ["Andel av hver gruppes deltakere i hver hovedgruppe (hvite tall: prosent).", SOURCE_LINE[lang]]}[lang]
    chart = (bars + text).properties(title=titled(title, subtitle), width=460, height=300)

    one = single_status_groups(frame)
    none_js = groups_without(frame, JOBSEEKERS)
    parts = [f"{g} {number(s, lang, 1)} % {value_label(st, lang) if lang == 'en' else st.lower()}" for g, s, st in
             zip(one["programme_group"], one["share"], one["status_group"])]
    if lang == "en":
        takeaway = (f"In November 2016, {len(one)} programme groups served almost only one status group ({'; '.join(parts)}), "
                    f"and {len(none_js)} of the {len(GROUPS)} groups had no jobseekers at all.")
    else:
        takeaway = (f"I november 2016 betjente {len(one)} tiltaksgrupper nesten bare én hovedgruppe ({'; '.join(parts)}), "
                    f"og {len(none_js)} av de {len(GROUPS)} gruppene hadde ingen arbeidssøkere.")
    table = mix.pivot(index="programme_group", columns="status_group", values="share").reindex(order)[STATUS_ORDER].astype(float).round(1)
    table.columns = status_order
    table.insert(0, _w("group", lang), [value_label(g, lang) for g in order])
    if lang == "en":
        table.insert(1, _w("nav_label", lang), order)
    return Figure(finish(chart, lang), takeaway, table.reset_index(drop=True), title)


def _programme_data(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = programme_table(frame)
    data = pd.DataFrame({
        "group_nb": rows["programme_group"],
        "group": [value_label(g, lang) for g in rows["programme_group"]],
        "status_nb": rows["status_group"],
        "status": [value_label(s, lang) if s != T else _w("all", lang) for s in rows["status_group"]],
        "programme": [programme_label(p, lang) for p in rows["programme"]],
        "nav": rows["programme"],
        "participants": rows["value"].astype("Float64"),
        "rank": rows["rank"],
        "line": rows["line"],
    })
    data["label"] = [(_w("suppressed", lang) if pd.isna(v) else number(float(v), lang)) for v in data["participants"]]
    data["x"] = data["participants"].fillna(0).astype(float)
    data["participants"] = data["participants"].astype(object).where(data["participants"].notna(), None)
    return data


def programmes_in_group(frame: pd.DataFrame, programme_group: str | None = "Tilrettelegging", status_group: str | None = T,
                        lang: str = "en") -> Figure:
    """The programmes of one group, largest first, for one status group; stars are shown as stars.

    ``programme_group=None`` and ``status_group=None`` put a menu for each under the chart (Vega-Lite
    parameters, no kernel needed); the numbers table then lists every group and status group.
    """
    check_lang(lang)
    data = _programme_data(frame, lang)
    params = []
    fixed = data
    if programme_group is not None:
        fixed = fixed[fixed["group_nb"] == programme_group]
    if status_group is not None:
        fixed = fixed[fixed["status_nb"] == status_group]
    base = alt.Chart(fixed[["group", "status", "programme", "nav", "participants", "rank", "label", "x"]])
    if programme_group is None:
        group_options = [value_label(g, lang) for g in GROUPS]
        pick_group = alt.param(name="programme_group", value=group_options[-2],
                               bind=alt.binding_select(options=group_options, name=_w("group", lang) + ": "))
        params.append(pick_group)
        base = base.transform_filter(alt.datum.group == pick_group)
    if status_group is None:
        status_options = [_w("all", lang), *(value_label(s, lang) for s in STATUS_ORDER)]
        pick_status = alt.param(name="status_group", value=status_options[0],
                                bind=alt.binding_select(options=status_options, name=word("status_group", lang) + ": "))
        params.append(pick_status)
        base = base.transform_filter(alt.datum.status == pick_status)
    colour = STATUS_COLOURS.get(status_group or "", NEUTRAL)
    y = alt.Y("programme:N", title=None, sort=alt.EncodingSortField("rank", order="ascending"))
    bars = base.mark_bar(color=colour).encode(
        x=alt.X("participants:Q", title=word("participants", lang), axis=alt.Axis(format=",d")),
        y=y,
        tooltip=[alt.Tooltip("programme:N", title=word("programme", lang)), alt.Tooltip("nav:N", title=_w("nav_label", lang)),
                 alt.Tooltip("status:N", title=word("status_group", lang)), alt.Tooltip("label:N", title=word("participants", lang))],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(x="x:Q", y=y, text="label:N")
    chart = (bars + labels)
    if params:
        chart = chart.add_params(*params)
    where = {"en": "pick a group and a status group in the menus under the chart", "nb": "velg gruppe og hovedgruppe i menyene under figuren"}[lang]
    if programme_group is not None and status_group is not None:
        head = {"en": f"Programmes in {value_label(programme_group, lang)}", "nb": f"Tiltak i {programme_group}"}[lang]
        who = _w("all", lang) if status_group == T else value_label(status_group, lang)
        sub = {"en": [f"{who}, November 2016, largest first.", "* = suppressed (1-3 persons), never zero; 0 = nobody (an empty cell)."],
               "nb": [f"{who}, november 2016, største først.", "* = prikket (1-3 personer), aldri null; 0 = ingen (tom celle)."]}[lang]
    else:
        head = {"en": "Programmes inside a programme group", "nb": "Tiltakene i en tiltaksgruppe"}[lang]
        sub = {"en": [f"November 2016, largest first: {where}.", "* = suppressed (1-3 persons), never zero; 0 = nobody (an empty cell)."],
               "nb": [f"November 2016, største først: {where}.", "* = prikket (1-3 personer), aldri null; 0 = ingen (tom celle)."]}[lang]
    chart = chart.properties(title=titled(head, [*sub, SOURCE_LINE[lang]]), width=420, height=alt.Step(24))

    shown = fixed
    stars = int(shown["participants"].isna().sum())
    if programme_group is not None and status_group is not None:
        visible = shown.dropna(subset=["participants"]).sort_values("rank")
        top = visible.iloc[0] if len(visible) else None
        total = int(sum(v for v in shown["participants"] if v is not None))
        if top is None or top["participants"] == 0:
            takeaway = {"en": f"In November 2016 no one in this status group took part in {value_label(programme_group, lang).lower()} "
                              f"(NAV's table leaves these cells empty, which means nobody).",
                        "nb": f"I november 2016 deltok ingen i denne hovedgruppen i {programme_group} (tomme celler i NAVs tabell betyr ingen)."}[lang]
        elif lang == "en":
            takeaway = (f"In November 2016 the largest programme here was {top['nav']} ({top['programme'].lower()}) with "
                        f"{number(top['participants'])} persons, {number(100 * top['participants'] / total, lang, 1)} % of the visible counts; "
                        f"{stars} cell{'s are' if stars != 1 else ' is'} suppressed.")
        else:
            takeaway = (f"Det største tiltaket her i november 2016 var {top['nav']} med {number(top['participants'], lang)} personer, "
                        f"{number(100 * top['participants'] / total, lang, 1)} % av de synlige tallene; {stars} celle{'r' if stars != 1 else ''} er prikket.")
    else:
        stars_all = int(data.loc[data["status_nb"] == T, "participants"].isna().sum())
        takeaway = {"en": f"In November 2016 the table had {len(data[data['status_nb'] == T])} programmes; {stars_all} of their totals "
                          f"are suppressed ('*', 1-3 persons) and shown as stars, not as zero.",
                    "nb": f"Tabellen for november 2016 hadde {len(data[data['status_nb'] == T])} tiltak; {stars_all} av totalene er prikket "
                          f"('*', 1-3 personer) og vist som stjerner, ikke som null."}[lang]
    table = shown.sort_values(["group", "status", "rank"])[["group", "status", "programme", "nav", "participants"]].copy()
    table.columns = [_w("group", lang), word("status_group", lang), word("programme", lang), _w("nav_label", lang), word("participants", lang)]
    if lang == "nb":
        table = table.drop(columns=[_w("nav_label", lang)])
    table[word("participants", lang)] = table[word("participants", lang)].astype("Int64")
    return Figure(finish(chart, lang), takeaway, table.reset_index(drop=True), head)


def group_change(frame: pd.DataFrame, status_group: str = T, measure: str = "change_from_last_year", lang: str = "en") -> Figure:
    """One measure per programme group for one status group: the count, or the change from a year earlier
    in persons or per cent. Bars on a small base (under :data:`SMALL_BASE` persons a year earlier) are faded."""
    check_lang(lang)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    rows = group_table(frame, status_group)
    if status_group != T:
        rows = rows[rows["participants"] > 0]  # groups the status group does not use are left out (and said so below)
    left_out = [g for g in GROUPS if g not in set(rows["programme_group"])]
    value = rows[measure].astype("Float64")
    data = pd.DataFrame({
        "group": [value_label(g, lang) for g in rows["programme_group"]],
        "nav": rows["programme_group"],
        "value": value.astype(object).where(value.notna(), None),
        "x": value.fillna(0).astype(float),
        "participants": rows["participants"].astype("int64"),
        "base": rows["base"].astype(object).where(rows["base"].notna(), None),
        "small": [(_w("small_base", lang) if s and measure != "participants" else "") for s in rows["small_base"]],
    })
    pct = measure == "change_from_last_year_pct"
    suffix = " %" if pct else ""
    labels = []
    for v, b, small in zip(value, rows["base"], data["small"]):
        text = _fmt(v, lang, signed=measure != "participants", suffix=suffix if pd.notna(v) else "")
        if measure != "participants" and pd.notna(b) and small:
            text += {"en": f" (from {number(b, lang)})", "nb": f" (fra {number(b, lang)})"}[lang]
        labels.append(text)
    data["label"] = labels
    data["sign"] = ["up" if x > 0 else "down" if x < 0 else "none" for x in data["x"]]
    order = data.sort_values("x", ascending=False)["group"].tolist()
    if measure == "participants":
        colour = alt.value(STATUS_COLOURS.get(status_group, NEUTRAL))
    else:
        colour = alt.Color("sign:N", legend=None, scale=alt.Scale(domain=["up", "down", "none"], range=[UP, DOWN, NEUTRAL]))
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=MEASURE_WORDS[measure][lang], axis=alt.Axis(format=",d")),
        y=alt.Y("group:N", title=None, sort=order),
        color=colour,
        opacity=alt.condition(alt.datum.small != "", alt.value(0.4), alt.value(1.0)),
        tooltip=[alt.Tooltip("group:N", title=_w("group", lang)), alt.Tooltip("nav:N", title=_w("nav_label", lang)),
                 alt.Tooltip("label:N", title=MEASURE_WORDS[measure][lang]),
                 alt.Tooltip("participants:Q", title=word("participants", lang), format=",d"),
                 alt.Tooltip("base:Q", title=_w("base", lang), format=",d")],
    )
    # labels start at the end of a positive bar, or at zero for a negative one, so they never cover the group names
    text = base.transform_calculate(at="max(datum.x, 0)").mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("at:Q"), y=alt.Y("group:N", sort=order), text="label:N")
    rule = base.mark_rule(color="#888888").encode(x=alt.datum(0))
    who = _w("all", lang) if status_group == T else value_label(status_group, lang)
    heads = {"participants": {"en": "Participants by programme group", "nb": "Deltakere etter tiltaksgruppe"},
             "change_from_last_year": {"en": "Change from a year earlier, in persons", "nb": "Endring fra året før, i personer"},
             "change_from_last_year_pct": {"en": "Change from a year earlier, in per cent", "nb": "Endring fra året før, i prosent"}}
    head = heads[measure][lang]
    faded = {"en": f" Faded: fewer than {number(SMALL_BASE)} persons a year earlier.",
             "nb": f" Blek: færre enn {number(SMALL_BASE, lang)} personer året før."}[lang] if measure != "participants" else ""
    note = {"en": f"{who}, November 2016 against November 2015.", "nb": f"{who}, november 2016 mot november 2015."}[lang] + faded
    subtitle = [note, SOURCE_LINE[lang]]
    if left_out:
        subtitle.insert(1, {"en": f"Not used by this status group (empty cells): {', '.join(value_label(g, lang) for g in left_out)}.",
                            "nb": f"Ikke brukt av denne hovedgruppen (tomme celler): {', '.join(left_out)}."}[lang])
    chart = (bars + rule + text).properties(title=titled(head, subtitle), width=380, height=alt.Step(26))

    takeaway = _change_takeaway(rows, measure, status_group, lang)
    table = pd.DataFrame({
        _w("group", lang): data["group"],
        MEASURE_WORDS["participants"][lang]: rows["participants"].astype("Int64").to_numpy(),
        MEASURE_WORDS["change_from_last_year"][lang]: rows["change_from_last_year"].to_numpy(),
        MEASURE_WORDS["change_from_last_year_pct"][lang]: rows["change_from_last_year_pct"].to_numpy(),
        _w("base", lang): rows["base"].to_numpy(),
        _w("small_base", lang): [("yes" if lang == "en" else "ja") if s else "" for s in rows["small_base"]],
    })
    if lang == "en":
        table.insert(1, _w("nav_label", lang), rows["programme_group"].to_numpy())
    order_idx = {g: i for i, g in enumerate(order)}
    table = table.iloc[sorted(range(len(table)), key=lambda i: order_idx[data["group"].iloc[i]])]
    return Figure(finish(chart, lang), takeaway, table.reset_index(drop=True), head)


def _change_takeaway(rows: pd.DataFrame, measure: str, status_group: str, lang: str) -> str:
    known = rows.dropna(subset=[measure])
    if measure == "participants":
        top = known.iloc[0]
        return {"en": f"In November 2016 {top['programme_group']} was the largest group here, with {number(top['participants'])} participants.",
                "nb": f"I november 2016 var {top['programme_group']} den største gruppen her, med {number(top['participants'], lang)} deltakere."}[lang]
    if measure == "change_from_last_year":
        up = known.loc[known[measure].astype("int64").idxmax()]
        down = known.loc[known[measure].astype("int64").idxmin()]
        falls = int(down[measure]) < 0
        if lang == "en":
            return (f"In persons, {up['programme_group']} grew most from November 2015 ({_fmt(up[measure], lang, True)}); "
                    f"{down['programme_group']} {'fell most' if falls else 'grew least'} ({_fmt(down[measure], lang, True)}).")
        return (f"I personer vokste {up['programme_group']} mest fra november 2015 ({_fmt(up[measure], lang, True)}); "
                f"{down['programme_group']} {'falt mest' if falls else 'vokste minst'} ({_fmt(down[measure], lang, True)}).")
    top = known.loc[known[measure].astype("int64").idxmax()]
    small = known[known["small_base"]]
    if lang == "en":
        text = (f"In per cent, {top['programme_group']} grew most ({_fmt(top[measure], lang, True)} %): "
                f"{_fmt(top['change_from_last_year'], lang, True)} persons on a base of {number(top['base'])}.")
        if len(small):
            text += f" {len(small)} of the {len(known)} groups shown had fewer than {number(SMALL_BASE)} participants a year earlier."
        return text
    text = (f"I prosent vokste {top['programme_group']} mest ({_fmt(top[measure], lang, True)} %): "
            f"{_fmt(top['change_from_last_year'], lang, True)} personer på et grunnlag av {number(top['base'], lang)}.")
    if len(small):
        text += f" {len(small)} av de {len(known)} gruppene hadde færre enn {number(SMALL_BASE, lang)} deltakere året før."
    return text


# -- key findings --------------------------------------------------------------------------------------
def key_findings(frame: pd.DataFrame) -> list[str]:
    """Key findings for 03_programme_groups, as sentences computed from the November 2016 table."""
    groups = group_table(frame)
    total = views.select(_one_month(frame), measure="participants")["value"].item()
    change = views.select(_one_month(frame), measure="change_from_last_year")["value"].item()
    pct = views.select(_one_month(frame), measure="change_from_last_year_pct")["value"].item()
    largest, smallest = groups.iloc[0], groups.iloc[-1]
    one = single_status_groups(frame)
    nae_only = one[(one["status_group"] == NAE) & (one["share"] == 100)]["programme_group"].tolist()
    others = one[one["status_group"] == OTHERS]
    no_js = groups_without(frame, JOBSEEKERS)
    up = groups.loc[groups["change_from_last_year"].astype("int64").idxmax()]
    top_pct = groups.loc[groups["change_from_last_year_pct"].astype("int64").idxmax()]
    small = groups[groups["small_base"]]
    same_pct = groups[(groups["change_from_last_year_pct"] == up["change_from_last_year_pct"]) & (groups["programme_group"] != up["programme_group"])]
    stars = programme_table(frame)
    n_stars = int(stars["value"].isna().sum())
    findings = [
        f"In November 2016, {number(total)} people were on a labour-market programme, in {len(groups)} programme groups (*tiltaksgrupper*). "
        f"The largest, {largest['programme_group']} ({vocab.english(largest['programme_group']).lower()}), had {number(largest['participants'])} "
        f"({number(100 * largest['participants'] / total, 'en', 1)} %); the smallest, {smallest['programme_group']}, had {number(smallest['participants'])}.",
        f"Some groups serve almost only one status group: {', '.join(nae_only)} is 100 % people with reduced work capacity, "
        + "; ".join(f"{g} is {number(s, 'en', 1)} % 'Andre på tiltak' (other participants, largely employees on sick leave)"
                    for g, s in zip(others["programme_group"], others["share"]))
        + f". {len(no_js)} of the {len(groups)} groups had no jobseekers at all.",
        f"From November 2015 the number of participants rose by {number(change)} persons ({number(pct)} %). "
        f"{up['programme_group']} (wage subsidy) gained most: {_fmt(up['change_from_last_year'], 'en', True)} persons "
        f"({_fmt(up['change_from_last_year_pct'], 'en', True)} %).",
        f"Per cent changes on small bases mislead: {top_pct['programme_group']} shows the largest rise, "
        f"{_fmt(top_pct['change_from_last_year_pct'], 'en', True)} %, but that is {_fmt(top_pct['change_from_last_year'], 'en', True)} persons "
        f"on a base of {number(top_pct['base'])}"
        + (f"; {same_pct['programme_group'].iloc[0]} rose by the same {number(up['change_from_last_year_pct'])} % as "
           f"{up['programme_group']} with {number(same_pct['change_from_last_year'].iloc[0])} persons instead of {number(up['change_from_last_year'])}"
           if len(same_pct) else "")
        + f". {len(small)} of the {len(groups)} groups had fewer than {number(SMALL_BASE)} participants a year earlier.",
        f"{n_stars} programme cells in the table are suppressed ('*', 1-3 persons): this notebook shows them as stars, never as zero.",
    ]
    return findings


# -- explorers -----------------------------------------------------------------------------------------
STATUS_OPTIONS = ((f"All ({T})", T), *label_options(STATUS_ORDER))
MEASURE_OPTIONS = (("Count", "participants"), ("Change (persons)", "change_from_last_year"), ("Change (%)", "change_from_last_year_pct"))


def _explore_change(frame: pd.DataFrame, status_group: str = T, measure: str = "change_from_last_year", lang: str = "en") -> Figure:
    return group_change(frame, status_group=status_group, measure=measure, lang=lang)


def _explore_programmes(frame: pd.DataFrame, programme_group: str = "Tilrettelegging", status_group: str = T, lang: str = "en") -> Figure:
    return programmes_in_group(frame, programme_group=programme_group, status_group=status_group, lang=lang)


register(Explorer("group_change", _explore_change,
                  {"status_group": STATUS_OPTIONS, "measure": MEASURE_OPTIONS, "lang": LANGUAGES},
                  {"status_group": T, "measure": "change_from_last_year", "lang": "en"}))
register(Explorer("group_programmes", _explore_programmes,
                  {"programme_group": label_options(GROUPS), "status_group": STATUS_OPTIONS, "lang": LANGUAGES},
                  {"programme_group": "Tilrettelegging", "status_group": T, "lang": "en"}))


# -- exercises -----------------------------------------------------------------------------------------
@exercise("03.1", hint="look at the bar for Helsemessig utredning/behandling in 'Who uses each programme group', or divide its "
                       "'Andre på tiltak' count by the group's total.")
def _(answer):
    mix = status_by_group(data())
    row = mix[(mix["programme_group"] == "Helsemessig utredning/behandling") & (mix["status_group"] == OTHERS)].iloc[0]
    value = as_percent(answer)
    if value is not None and 0 < value <= 1:
        return False, "give the share in per cent (for example 50 for one half), not as a fraction."
    if value is not None and abs(value - row["share"]) <= 0.5:
        return True, (f"{number(row['participants'])} of the group's {number(row['group_total'])} participants were 'Andre på tiltak': "
                      f"{number(row['share'], 'en', 1)} %. The group's treatment schemes mostly serve employees on sick leave.")
    return False, "divide the 'Andre på tiltak' count of Helsemessig utredning/behandling by the group's total, and multiply by 100."


@exercise("03.2", hint="the group total 'I alt tilrettelegging' was computed before suppression: subtract the visible programmes from it.")
def _(answer):
    stars = recoverable_stars(data())
    row = stars[(stars["status_group"] == T) & (stars["programme"] == "Tilretteleggingstilskudd for arbeidssøker")].iloc[0]
    value = as_number(answer)
    if value == row["recovered"]:
        return True, (f"{number(row['group_total'])} minus the visible {number(row['visible_sum'])} leaves {row['recovered']}: the star hides "
                      f"exactly {row['recovered']} person{'s' if row['recovered'] != 1 else ''}. A single star next to a published total "
                      f"gives itself away, which is why statistics offices also suppress a second cell when they need to.")
    if value == 0:
        return False, "a star in this table hides 1 to 3 persons, never 0 (nobody is an empty cell). Subtract the visible programmes from the group total."
    return False, "take the group total 'I alt tilrettelegging' (all status groups) and subtract the three visible programme counts."


@exercise("03.3", hint="compare the change in persons with the per cent change, and look at each group's base a year earlier.")
def _(answer):
    groups = group_table(data()).set_index("programme_group")
    js, wage = groups.loc["Jobbskaping og egenetablering"], groups.loc["Lønnstilskudd"]
    facts = (f"Jobbskaping og egenetablering: {_fmt(js['change_from_last_year_pct'], 'en', True)} % is "
             f"{_fmt(js['change_from_last_year'], 'en', True)} persons on a base of {number(js['base'])}; Lønnstilskudd: "
             f"{_fmt(wage['change_from_last_year_pct'], 'en', True)} % is {_fmt(wage['change_from_last_year'], 'en', True)} persons.")
    choice = answer.strip().lower().strip("()") if isinstance(answer, str) else None
    if choice == "b":
        return True, f"right: the per cent is large because the base is small. {facts}"
    if choice == "a":
        return False, f"a large per cent on a small base is a small number of people. {facts}"
    if choice == "c":
        return False, f"the per cents are printed whole numbers, and they follow from the counts (notebook 02 checks them). {facts}"
    return False, "answer with the letter of one option: 'a', 'b' or 'c'."


@exercise("03.4", hint="use the explorer with measure 'Change (persons)' and status group 'All', or sort the group table by change.")
def _(answer):
    groups = group_table(data())
    top = groups.loc[groups["change_from_last_year"].astype("int64").idxmax()]
    if same_label(answer, top["programme_group"], vocab.english(top["programme_group"])):
        return True, f"{top['programme_group']} gained {_fmt(top['change_from_last_year'], 'en', True)} persons from November 2015, more than any other group."
    if isinstance(answer, str) and same_label(answer, "Jobbskaping og egenetablering", "Job creation and self-employment"):
        return False, "that group grew most in per cent, not in persons. Look at the change in persons."
    return False, "name the programme group (Norwegian or English) with the largest change in persons."
