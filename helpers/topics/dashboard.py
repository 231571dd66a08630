"""Dashboard: the collection's key findings on one page, for readers who want no code.

The dashboard reuses the figures of the topic modules; this module adds the overview of
programme groups for any month and status group, and the dashboard's headline numbers.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import views
from ..charts import Figure, check_lang, finish, month_label, number, titled, value_label, word
from ..widgets import LANGUAGES, Explorer, label_options, register

T = "I alt"
ABSENT = "–"  # no row printed: nobody in any month (a '*' would be a suppressed count)


def month_options(frame: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Every month of the three tables, as (label, 'YYYY-MM')."""
    return tuple((month_label(p, "en"), str(p)) for p in views.months(frame))


def groups_in_month(frame: pd.DataFrame, period: str, status_group: str = T) -> pd.DataFrame:
    """Participants by programme group and status group in one month (published parts only).

    Every table publishes programme groups per status group; the all-status total per group is
    not published for 2019, so the dashboard shows the status groups' parts, stacked, and never
    a total it would have to compute from starred cells.
    """
    rows = views.select(frame, status_group=None, programme_group=None)
    rows = rows[(rows["period"].astype(str) == period) & (rows["programme_group"] != T) & (rows["status_group"] != T)]
    if status_group != T:
        rows = rows[rows["status_group"] == status_group]
    return rows[["programme_group", "status_group", "value", "suppressed", "source", "line"]].reset_index(drop=True)


def programme_groups(frame: pd.DataFrame, period: str = "2016-11", status_group: str = T, lang: str = "en") -> Figure:
    """Participants by programme group (bars stacked by status group) for a month and status group."""
    from ..charts import STATUS_COLOURS

    check_lang(lang)
    data = groups_in_month(frame, period, status_group)
    grand = views.select(frame, status_group=status_group)
    grand_total = int(grand.loc[grand["period"].astype(str) == period, "value"].item())
    per_group = (data.assign(visible=data["value"].fillna(0).astype(int))
                 .groupby("programme_group", observed=True)
                 .agg(visible=("visible", "sum"), starred=("suppressed", "sum"))
                 .sort_values("visible", ascending=False))
    label = {g: number(v, lang) + (" + *" if st else "") for g, (v, st) in per_group.iterrows()}
    order = [value_label(g, lang) for g in per_group.index]
    statuses = [s for s in views.STATUS_ORDER if s in set(data["status_group"])]
    chart_data = pd.DataFrame({
        "group": [value_label(g, lang) for g in data["programme_group"]],
        "status": [value_label(s, lang) for s in data["status_group"]],
        "participants": pd.Series([None if pd.isna(v) else int(v) for v in data["value"]], dtype=object),
        "shown": ["*" if st else number(v, lang) for v, st in zip(data["value"], data["suppressed"])],
    })
    totals = pd.DataFrame({"group": order, "end": per_group["visible"].to_list(), "label": [label[g] for g in per_group.index]})
    bars = alt.Chart(chart_data).mark_bar().encode(
        x=alt.X("participants:Q", stack="zero", title=word("participants", lang), axis=alt.Axis(format=",d")),
        y=alt.Y("group:N", title=None, sort=order),
        color=alt.Color("status:N", title=word("status_group", lang), sort=[value_label(s, lang) for s in statuses],
                        scale=alt.Scale(domain=[value_label(s, lang) for s in statuses], range=[STATUS_COLOURS[s] for s in statuses])),
        tooltip=[alt.Tooltip("group:N", title=word("programme_group", lang)), alt.Tooltip("status:N", title=word("status_group", lang)),
                 alt.Tooltip("shown:N", title=word("participants", lang))],
    )
    labels = alt.Chart(totals).mark_text(align="left", dx=4, fontSize=12, color="#222222").encode(
        x="end:Q", y=alt.Y("group:N", sort=order), text="label:N")
    month = month_label(pd.Period(period, "M"), lang)
    who = value_label(status_group, lang) if status_group != T else {"en": "all status groups", "nb": "alle hovedgrupper"}[lang]
    title = {"en": f"Participants by programme group, {month}", "nb": f"Deltakere etter tiltaksgruppe, {month}"}[lang]
    from ..reconcile import suppression_floor

    hidden = f"{suppression_floor(data['source'].iloc[0])}-3"  # 1-3 in the one-month table, 0-3 in the time series
    note = {"en": f"{who[0].upper() + who[1:]}. '+ *' means a part NAV suppressed ({hidden}) is not in the bar.",
            "nb": f"{who[0].upper() + who[1:]}. '+ *' betyr at en prikket del ({hidden}) ikke er med i søylen."}[lang]
    chart = (bars + labels).properties(title=titled(title, [note, word("source", lang)]), width=440, height=alt.Step(24))
    top, top_value = per_group.index[0], int(per_group["visible"].iloc[0])
    share = number(100 * top_value / grand_total, lang)
    at_least = {"en": "at least " if per_group["starred"].iloc[0] else "", "nb": "minst " if per_group["starred"].iloc[0] else ""}[lang]
    takeaway = {"en": f"{value_label(top, lang)} is the largest programme group in {month} ({who}): {at_least}{number(top_value, lang)} of {number(grand_total, lang)} participants ({share} %).",
                "nb": f"{value_label(top, lang)} er den største tiltaksgruppen i {month} ({who}): {at_least}{number(top_value, lang)} av {number(grand_total, lang)} deltakere ({share} %)."}[lang]
    table = data.pivot(index="programme_group", columns="status_group", values="value").reindex(index=per_group.index, columns=statuses)
    printed = data.assign(one=1).pivot(index="programme_group", columns="status_group", values="one").reindex(index=per_group.index, columns=statuses)
    table = table.astype(object).where(printed.notna(), ABSENT)
    table.index = [value_label(g, lang) for g in table.index]
    table.columns = [value_label(c, lang) for c in table.columns]
    table = table.rename_axis(word("programme_group", lang)).reset_index()
    return Figure(finish(chart, lang), takeaway, table, title)


def _status_choices() -> tuple[tuple[str, str], ...]:
    return ((f"{T} (all)", T), *label_options(list(views.STATUS_ORDER)))


def register_explorers(frame: pd.DataFrame | None = None) -> None:
    from ..tidy import load_participants

    frame = load_participants() if frame is None else frame
    register(Explorer("dashboard_groups", programme_groups,
                      {"period": month_options(frame), "status_group": _status_choices(), "lang": LANGUAGES},
                      defaults={"period": "2016-11", "status_group": T, "lang": "en"}))


register_explorers()


def key_findings(frame: pd.DataFrame) -> list[str]:
    """The collection's headline findings, taken from the notebooks' own computed findings."""
    from . import audit_findings, gender, groups, seasons, start_here

    here = start_here.key_findings(frame)
    return [
        here[0],
        here[1],
        groups.key_findings(frame)[0],
        seasons.key_findings(frame)[0],
        gender.key_findings(frame)[0],
        audit_findings.key_findings(frame)[1],
        audit_findings.key_findings(frame)[2],
    ]
