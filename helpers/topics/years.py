"""07 Across the years: comparing November 2016, 2019 and January–May 2021 fairly.

NAV's three tables are three snapshots with different cuts and no month in common. This module puts
them on a common footing (the same calendar month, group totals rather than rows), keeps the
programme-name crosswalk as data (``helpers/crosswalk.csv``, read by :func:`load_crosswalk`), and sets
the audit's 2016 annual averages (Tabell 3) next to NAV's November 2016 table.

A count that NAV suppressed (``*``) is never a zero here: where a total has to be added up from
parts that include a ``*``, it is carried as a range (``low``–``high``), and a row with no line in a
table is "no row", not zero.
"""

from __future__ import annotations

import functools
from pathlib import Path

import altair as alt
import pandas as pd

from .. import audit, views
from .. import vocabulary as vocab
from ..charts import Figure, PALETTE, STATUS_COLOURS, check_lang, either, finish, month_label, number, titled, value_label, word
from ..definitions import suppressed_interval
from ..exercises import as_number, exercise
from ..tidy import manifest
from ..widgets import LANGUAGES, Explorer, label_options, register

T = vocab.TOTAL
CROSSWALK = Path(__file__).resolve().parent.parent / "crosswalk.csv"
RELATIONS = ("same", "renamed", "merged into", "replaced by", "new", "ended")
CERTAINTY = {"v": "stated in a source or visible in the tables", "i": "inferred", "?": "uncertain"}
ONE_MONTH = "nav_tiltak_en_maaned_2016-11.txt"
STATUS = [T, *vocab.STATUS_GROUPS]
GROUP_ORDER = list(vocab.PROGRAMME_GROUPS)
# The fair pairs: the same calendar month in two tables (the tables share no month at all).
PAIRS: tuple[tuple[str, str], ...] = (("2016-11", "2019-11"),) + tuple((f"2019-{m:02d}", f"2021-{m:02d}") for m in range(1, 6))
RELATION_COLOURS = {"same": "#DDDDDD", "renamed": "#9ECAE1", "merged into": "#FDAE6B", "replaced by": "#F16913",
                    "new": "#74C476", "ended": "#969696"}
RELATION_NB = {"same": "samme", "renamed": "nytt navn", "merged into": "slått sammen med", "replaced by": "erstattet av",
               "new": "nytt", "ended": "avsluttet"}


_t = either


def _period(text: str) -> pd.Period:
    return pd.Period(text, "M")


def _month(text: str, lang: str = "en") -> str:
    return month_label(_period(text), lang)


def _range(low: int, high: int, lang: str = "en") -> str:
    return number(low, lang) if low == high else f"{number(low, lang)}–{number(high, lang)}"


# -- the crosswalk -------------------------------------------------------------------------------------
@functools.cache
def _crosswalk() -> pd.DataFrame:
    return pd.read_csv(CROSSWALK, encoding="utf-8", dtype=str, keep_default_na=False)


def load_crosswalk() -> pd.DataFrame:
    """The programme-name crosswalk, one row per programme label printed in any of NAV's three tables.

    Columns: ``programme`` (NAV's label as the tidy frame has it), ``programme_en``, ``programme_group``,
    ``tables`` (the snapshot years that print the row, ``;``-separated), ``first_seen``/``last_seen``
    (first and last month with a printed count of 4 or more, empty when the row is only ever ``*``),
    ``relation`` (one of :data:`RELATIONS`, read from the row's point of view: *renamed* rows come in
    pairs, the old label naming its ``successor`` and the new one its ``predecessor``; *merged into* and
    *replaced by* name the ``successor``; *new* may name a ``predecessor``), ``note``, ``source`` and
    ``certainty`` (v stated or visible, i inferred, ? uncertain). Several labels are ``;``-separated.
    """
    return _crosswalk().copy()


def crosswalk_markdown(relations: tuple[str, ...] = ("renamed", "merged into", "replaced by", "new", "ended")) -> str:
    """The crosswalk rows with the given relations, as a Markdown table (groups in NAV's order)."""
    cw = load_crosswalk()
    cw = cw[cw["relation"].isin(relations)].copy()
    cw["order"] = cw["programme_group"].map(GROUP_ORDER.index)
    rows = ["| Programme group | Programme (tables) | Relation | Successor / predecessor | Certainty |", "|---|---|---|---|---|"]
    for r in cw.sort_values(["order", "relation"]).itertuples(index=False):
        link = f"→ {r.successor}" if r.successor else (f"← {r.predecessor}" if r.predecessor else "")
        rows.append(f"| {r.programme_group} | {r.programme} ({r.tables.replace(';', ', ')}) | {r.relation} | "
                    f"{link.replace(';', '; ')} | {r.certainty} |")
    return "\n".join(rows)


def relation_counts() -> pd.Series:
    return load_crosswalk()["relation"].value_counts().reindex(list(RELATIONS), fill_value=0)


# -- counts on a common footing ---------------------------------------------------------------------------
def _kind(source: str) -> str:
    return "one_month" if source == ONE_MONTH else "time_series"


def _bounds(rows: pd.DataFrame) -> tuple[int, int, int]:
    """(low, high, stars) of a sum of printed cells: a '*' adds 0-3 (1-3 in the one-month table)."""
    low = high = stars = 0
    for value, suppressed, source in zip(rows["value"], rows["suppressed"], rows["source"]):
        if suppressed:
            lo, hi = suppressed_interval(_kind(source))
            low, high, stars = low + lo, high + hi, stars + 1
        else:
            low, high = low + int(value), high + int(value)
    return low, high, stars


@functools.cache
def _participants() -> pd.DataFrame:
    from ..tidy import load_participants

    return load_participants()


def _base(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    rows = frame[(frame["measure"] == "participants") & (frame["gender"] == T) & (frame["age_group"] == T)]
    return rows[rows["period"] == _period(period)]


def group_totals(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Participants per status group (and all groups) and programme group in one month.

    Where NAV printed the number it is used as printed (``printed`` True). The 2019 table has no
    all-status-groups line per programme group, so there the total is the sum of the three status
    groups, a range if one of them is ``*``. A group with no line in that month is left out.
    """
    base = _base(frame, period)
    groups = base[(base["programme"] == T) & (base["programme_group"] != T)]
    rows = []
    for (status, group), cells in groups.groupby(["status_group", "programme_group"], observed=True):
        low, high, stars = _bounds(cells)
        rows.append({"period": period, "status_group": status, "programme_group": group, "low": low, "high": high,
                     "stars": stars, "printed": True, "source": cells["source"].iloc[0], "line": int(cells["line"].iloc[0])})
    data = pd.DataFrame(rows)
    if not (data["status_group"] == T).any():
        parts = data[data["status_group"] != T]
        for group, cells in parts.groupby("programme_group"):
            rows.append({"period": period, "status_group": T, "programme_group": group, "low": int(cells["low"].sum()),
                         "high": int(cells["high"].sum()), "stars": int(cells["stars"].sum()), "printed": False,
                         "source": cells["source"].iloc[0], "line": int(cells["line"].min())})
        data = pd.DataFrame(rows)
    return data.sort_values(["status_group", "programme_group"]).reset_index(drop=True)


def status_totals(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """All participants and each status group in one month, as printed."""
    rows = views.select(_base(frame, period), status_group=None)
    return rows[["status_group", "value", "source", "line"]].reset_index(drop=True)


def row_counts(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Participants per programme row in one month (all status groups), with ``low``/``high`` and ``stars``.

    2016 and 2021 print an all-status-groups line per programme; for 2019 the three status groups are
    added up. Rows not printed in that month are left out.
    """
    base = _base(frame, period)
    rows = base[base["programme"] != T]
    totals = rows[rows["status_group"] == T]
    if totals.empty:
        totals = rows
    out = []
    for (group, programme), cells in totals.groupby(["programme_group", "programme"], observed=True):
        low, high, stars = _bounds(cells)
        out.append({"period": period, "programme_group": group, "programme": programme, "low": low, "high": high, "stars": stars})
    return pd.DataFrame(out)


def _linked(cw: pd.DataFrame, labels: str) -> list[str]:
    return [label for label in labels.split(";") if label and label in cw.index]


def comparability(frame: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Per programme group: can the group totals of two months be compared as they are?

    ``comparable`` when every programme row that is counted (4 or more) in only one of the two months
    is a rename or hands over to a row of the same group (e.g. APS to AFT, AMO to AMO Kurs);
    ``changed rows`` when a row ended or started without such a partner, or hands participants to or
    from another group (KIAB, under Opplæring, to AFT, under Arbeidspraksis); ``no group row`` when
    the group has no line in one month. ``rows`` names the rows behind a flag, with their counts.
    """
    cw = load_crosswalk().set_index("programme")
    b, a = group_totals(frame, before), group_totals(frame, after)
    counts = {m: row_counts(frame, m).set_index("programme") for m in (before, after)}
    present = {before: set(b["programme_group"]), after: set(a["programme_group"])}

    def shown(programme: str, month: str) -> str:
        c = counts[month]
        return _range(int(c.loc[programme, "low"]), int(c.loc[programme, "high"])) if programme in c.index else "no row"

    out = []
    for group in GROUP_ORDER:
        if group not in present[before] and group not in present[after]:
            continue
        if group not in present[before] or group not in present[after]:
            out.append({"programme_group": group, "comparability": "no group row", "rows": ""})
            continue
        issues = []
        for programme, r in cw[(cw["programme_group"] == group) & (cw["relation"] != "renamed")].iterrows():
            if not r["first_seen"]:
                continue
            seen = [r["first_seen"] <= m <= r["last_seen"] for m in (before, after)]
            links = _linked(cw, r["successor"]) + _linked(cw, r["predecessor"])
            other = [link for link in links if cw.loc[link, "programme_group"] != group]
            if seen[0] != seen[1]:
                partner = _linked(cw, r["successor"] if seen[0] else r["predecessor"])
                if not any(cw.loc[p, "programme_group"] == group for p in partner):
                    issues.append(f"{programme} ({r['relation']}: {shown(programme, before)} → {shown(programme, after)})")
                    continue
            if other and any(seen):
                issues.append(f"{programme} ({'from' if programme in sum((_linked(cw, cw.loc[o, 'successor']) for o in other), []) else 'to'} "
                              f"{', '.join(other)}: {shown(programme, before)} → {shown(programme, after)})")
        out.append({"programme_group": group, "comparability": "changed rows" if issues else "comparable", "rows": "; ".join(issues)})
    return pd.DataFrame(out)


# -- figures -----------------------------------------------------------------------------------------
def coverage(frame: pd.DataFrame) -> pd.DataFrame:
    """What each of NAV's three tables covers: months, breakdowns, measures."""
    rows = []
    for entry in manifest():
        if entry["table"] != "participants":
            continue
        part = frame[frame["source"] == entry["file"]]
        months = sorted(part["period"].unique())
        cuts = [name.replace("_", " ") for name in ("status_group", "programme_group", "programme", "gender", "age_group")
                if (part[name] != T).any()]
        rows.append({"table": entry["nav_title"].split(". ", 1)[1], "file": entry["file"],
                     "months": f"{month_label(months[0], 'en')} - {month_label(months[-1], 'en')}" if len(months) > 1
                     else month_label(months[0], "en"), "n_months": len(months), "breakdowns": " × ".join(cuts),
                     "change_last_year": bool((part["measure"] != "participants").any())})
    return pd.DataFrame(rows).sort_values("months", key=lambda s: s.str[-4:]).reset_index(drop=True)


def coverage_markdown(frame: pd.DataFrame) -> str:
    rows = ["| NAV table | Months | Breakdowns | Change from a year earlier |", "|---|---|---|---|"]
    for r in coverage(frame).itertuples(index=False):
        rows.append(f"| {r.table} (`{r.file}`) | {r.months} ({r.n_months}) | {r.breakdowns} | {'yes' if r.change_last_year else 'no'} |")
    return "\n".join(rows)


def timeline_data(frame: pd.DataFrame) -> pd.DataFrame:
    """Every month's total per status group, plus November 2015 derived from 'change from a year earlier'."""
    rows = views.select(frame, status_group=None)[["period", "status_group", "value", "source", "line"]].copy()
    rows["derived"] = False
    change = views.select(frame, measure="change_from_last_year", status_group=None)
    nov = rows[rows["period"] == _period("2016-11")].set_index("status_group")
    earlier = change.set_index("status_group")["value"]
    extra = pd.DataFrame({"period": _period("2015-11"), "status_group": nov.index,
                          "value": (nov["value"] - earlier.reindex(nov.index)).to_numpy(),
                          "source": ONE_MONTH, "line": nov["line"].to_numpy(), "derived": True})
    data = pd.concat([extra, rows], ignore_index=True)
    data["segment"] = data["source"].where(~data["derived"], "derived")
    return data.sort_values(["status_group", "period"]).reset_index(drop=True)


def timeline(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Participants per status group in every month the three tables cover: three windows, no shared month."""
    check_lang(lang)
    data = timeline_data(frame)
    data = data[data["status_group"] != T].copy()
    data["date"] = data["period"].dt.to_timestamp().dt.strftime("%Y-%m-%d")
    data["status"] = [value_label(s, lang) for s in data["status_group"]]
    data["month"] = [month_label(p, lang) for p in data["period"]]
    data["participants"] = data["value"].astype("int64")
    order = [value_label(s, lang) for s in vocab.STATUS_GROUPS]
    colour = alt.Color("status:N", title=None, sort=order,
                       scale=alt.Scale(domain=order, range=[STATUS_COLOURS[s] for s in vocab.STATUS_GROUPS]),
                       legend=alt.Legend(orient="bottom"))
    cols = ["date", "status", "month", "participants", "segment", "derived"]
    base = alt.Chart(data[cols])
    x = alt.X("date:T", title=word("month", lang), axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(domain=["2015-08-01", "2021-08-01"]))
    y = alt.Y("participants:Q", title=word("participants", lang), axis=alt.Axis(format=",d"))
    tooltip = [alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("status:N", title=word("status_group", lang)),
               alt.Tooltip("participants:Q", title=word("participants", lang), format=",d")]
    lines = base.transform_filter("!datum.derived").mark_line(point=alt.OverlayMarkDef(size=30, filled=True, opacity=1)).encode(
        x=x, y=y, color=colour, detail="segment:N", tooltip=tooltip)
    derived = base.transform_filter("datum.derived").mark_point(size=60, filled=False, strokeWidth=2, opacity=1).encode(
        x=x, y=y, color=colour, tooltip=tooltip)
    subtitle = [_t(lang, "Each dot is a month a table covers. Open circles: November 2015, derived from the 2016 table's "
                         "'change from a year earlier'.",
                   "Hver prikk er en måned en tabell dekker. Åpne sirkler: november 2015, utledet av «endring fra i fjor»."),
                word("source", lang)]
    title = _t(lang, "Three windows, no month in common", "Tre vinduer, ingen felles måned")
    chart = (lines + derived).properties(title=titled(title, subtitle), width=520, height=240)
    tot = timeline_data(frame)
    tot = tot[(tot["status_group"] == T) & ~tot["derived"]].set_index(tot[(tot["status_group"] == T) & ~tot["derived"]]["period"].astype(str))["value"]
    takeaway = _t(
        lang,
        f"The tables cover {len(tot)} months in three windows and share none. The fair comparisons are the same calendar month: "
        f"{number(tot['2016-11'])} in November 2016 against {number(tot['2019-11'])} in November 2019, and "
        f"{number(tot['2019-01'])} in January 2019 against {number(tot['2021-01'])} in January 2021.",
        f"Tabellene dekker {len(tot)} måneder i tre vinduer uten felles måned. Rettferdig er samme kalendermåned: "
        f"{number(tot['2016-11'], 'nb')} i november 2016 mot {number(tot['2019-11'], 'nb')} i november 2019.")
    table = data.pivot(index="status", columns="period", values="participants").reindex(order)
    table.columns = [month_label(p, lang) for p in table.columns]
    table = table.reset_index().rename(columns={"status": word("status_group", lang)})
    return Figure(finish(chart, lang), takeaway, table, title)


def _pair(pair: str | tuple[str, str]) -> tuple[str, str]:
    before, after = pair.split("/") if isinstance(pair, str) else pair
    if (before, after) not in PAIRS:
        raise ValueError(f"{pair!r} is not a fair pair; choose one of {['/'.join(p) for p in PAIRS]}")
    return before, after


COMPARABILITY_NB = {"comparable": "sammenlignbar", "changed rows": "endrede tiltak", "no group row": "ingen gruppelinje"}


def group_change_data(frame: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    b, a = group_totals(frame, before), group_totals(frame, after)
    flags = comparability(frame, before, after).set_index("programme_group")
    rows = []
    for status in STATUS:
        for group in GROUP_ORDER:
            if group not in flags.index:
                continue
            cells = {}
            for key, totals in (("before", b), ("after", a)):
                hit = totals[(totals["status_group"] == status) & (totals["programme_group"] == group)]
                cells[key] = (int(hit["low"].item()), int(hit["high"].item())) if len(hit) else None
            if cells["before"] is None and cells["after"] is None:
                continue
            rows.append({"status_group": status, "programme_group": group,
                         "before_low": cells["before"][0] if cells["before"] else pd.NA,
                         "before_high": cells["before"][1] if cells["before"] else pd.NA,
                         "after_low": cells["after"][0] if cells["after"] else pd.NA,
                         "after_high": cells["after"][1] if cells["after"] else pd.NA,
                         "comparability": flags.loc[group, "comparability"], "rows": flags.loc[group, "rows"]})
    data = pd.DataFrame(rows)
    for column in ("before_low", "before_high", "after_low", "after_high"):
        data[column] = data[column].astype("Int64")
    return data


def group_change(frame: pd.DataFrame, pair: str = "2016-11/2019-11", status_group: str | None = None, lang: str = "en") -> Figure:
    """Programme-group totals in the same calendar month of two years, marked by whether they are comparable.

    ``status_group=None`` puts all four status groups in the chart with a menu (works without a kernel).
    """
    check_lang(lang)
    before, after = _pair(pair)
    data = group_change_data(frame, before, after)
    if status_group is not None:
        if status_group not in STATUS:
            raise ValueError(f"unknown status group {status_group!r}")
        data = data[data["status_group"] == status_group]
    months = {before: _month(before, lang), after: _month(after, lang)}
    suffix = {"comparable": "", "changed rows": _t(lang, " (rows changed)", " (tiltak endret)"),
              "no group row": _t(lang, " (no line)", " (ingen linje)")}
    long = []
    for r in data.itertuples(index=False):
        for key, month in (("before", before), ("after", after)):
            low, high = getattr(r, f"{key}_low"), getattr(r, f"{key}_high")
            if pd.isna(low):
                continue
            long.append({"status": value_label(r.status_group, lang) if r.status_group != T else _t(lang, "All participants", "Alle deltakere"),
                         "group": value_label(r.programme_group, lang) + suffix[r.comparability], "month": months[month],
                         "participants": int(low), "high": int(high), "label": _range(int(low), int(high), lang),
                         "pale": r.comparability != "comparable"})
    chart_data = pd.DataFrame(long)
    flags = comparability(frame, before, after).set_index("programme_group")["comparability"]
    group_order = [value_label(g, lang) + suffix[flags[g]] for g in GROUP_ORDER if g in flags.index]
    month_order = [months[before], months[after]]
    base = alt.Chart(chart_data)
    y = alt.Y("group:N", title=None, sort=group_order)
    offset = alt.YOffset("month:N", sort=month_order)
    bars = base.mark_bar(height=11).encode(
        y=y, yOffset=offset, x=alt.X("participants:Q", title=word("participants", lang), axis=alt.Axis(format=",d")),
        color=alt.Color("month:N", title=None, sort=month_order, scale=alt.Scale(domain=month_order, range=[PALETTE[6], PALETTE[0]]),
                        legend=alt.Legend(orient="bottom")),
        opacity=alt.condition(alt.datum.pale, alt.value(0.4), alt.value(1.0)),
        tooltip=["status:N", "group:N", "month:N", alt.Tooltip("label:N", title=word("participants", lang))])
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(y=y, yOffset=offset, x="participants:Q", text="label:N")
    subtitle = [_t(lang, f"The same calendar month, {months[before]} and {months[after]}. Full colour: the group total can be "
                         "compared as it is.", f"Samme kalendermåned, {months[before]} og {months[after]}. Full farge: gruppen kan "
                   "sammenlignes direkte."),
                _t(lang, "Pale: programme rows ended, started or moved group in between (see the numbers), so part of the change "
                         "is relabelling.", "Lys: tiltak ble avsluttet, startet eller flyttet gruppe, så en del av endringen er omkoding."),
                word("source", lang)]
    title = _t(lang, "Programme groups in the same month, years apart", "Tiltaksgrupper i samme måned, med år imellom")
    chart = (bars + text).properties(width=380, height=22 * len(group_order) * 2)
    if status_group is None:
        options = list(dict.fromkeys(chart_data["status"]))
        pick = alt.param(name="years_status", value=options[0],
                         bind=alt.binding_select(options=options, name=word("status_group", lang) + ": "))
        chart = chart.add_params(pick).transform_filter(alt.datum.status == pick)
    chart = chart.properties(title=titled(title, subtitle))
    main = data[data["status_group"] == (status_group or T)]
    gone = main[main["comparability"] == "no group row"]["programme_group"].tolist()
    fair = main[main["comparability"] == "comparable"]
    changed = main[main["comparability"] == "changed rows"]
    who = _t(lang, "all participants", "alle deltakere") if (status_group or T) == T else value_label(status_group, lang).lower()
    takeaway = _t(
        lang,
        f"For {who}, {len(fair)} of {len(main)} programme groups can be compared as they are between {months[before]} and "
        f"{months[after]}; in {len(changed)} some programme rows ended, started or moved group in between"
        + (f", and {', '.join(value_label(g, lang) for g in gone)} has no group line in one of the months." if gone else "."),
        f"For {who} kan {len(fair)} av {len(main)} tiltaksgrupper sammenlignes direkte mellom {months[before]} og {months[after]}; "
        f"{len(changed)} fikk endret tiltakene sine" + (f", og {', '.join(gone)} mangler i en av månedene." if gone else "."))
    table = pd.DataFrame({
        word("status_group", lang): [value_label(s, lang) for s in data["status_group"]],
        word("programme_group", lang): [value_label(g, lang) for g in data["programme_group"]],
        months[before]: [_range(int(lo), int(hi), lang) if not pd.isna(lo) else "no row" for lo, hi in zip(data["before_low"], data["before_high"])],
        months[after]: [_range(int(lo), int(hi), lang) if not pd.isna(lo) else "no row" for lo, hi in zip(data["after_low"], data["after_high"])],
        _t(lang, "Comparable?", "Sammenlignbar?"): data["comparability"] if lang == "en" else data["comparability"].map(COMPARABILITY_NB),
        _t(lang, "Rows counted in only one month", "Tiltak talt i bare én måned"): data["rows"],
    })
    return Figure(finish(chart, lang), takeaway, table, title)


def rows_data(frame: pd.DataFrame, programme_group: str, months: tuple[str, ...] = ("2016-11", "2019-11", "2021-05"),
              lang: str = "en") -> pd.DataFrame:
    """Every programme row of a group in the given months (all status groups), with its crosswalk relation."""
    cw = load_crosswalk().set_index("programme")
    out = []
    for month in months:
        counts = row_counts(frame, month)
        counts = counts[counts["programme_group"] == programme_group].set_index("programme")
        for programme in cw[cw["programme_group"] == programme_group].index:
            if programme in counts.index:
                r = counts.loc[programme]
                low, high, stars = int(r["low"]), int(r["high"]), int(r["stars"])
                text = "*" if high <= 3 and stars else _range(low, high, lang)
            else:
                low = high = stars = None
                text = "—"
            out.append({"programme": programme, "month": month, "low": low, "high": high, "text": text,
                        "relation": cw.loc[programme, "relation"], "successor": cw.loc[programme, "successor"],
                        "predecessor": cw.loc[programme, "predecessor"]})
    return pd.DataFrame(out)


def programme_rows(frame: pd.DataFrame, programme_group: str = "Arbeidspraksis", lang: str = "en") -> Figure:
    """The crosswalk as a chart: each programme row of a group in November 2016, November 2019 and May 2021."""
    check_lang(lang)
    if programme_group not in vocab.PROGRAMME_GROUPS:
        raise ValueError(f"unknown programme group {programme_group!r}")
    data = rows_data(frame, programme_group, lang=lang)
    months = list(dict.fromkeys(data["month"]))
    data["month_label"] = [_month(m, lang) for m in data["month"]]
    data["row"] = [p if lang == "nb" else f"{vocab.english(p)}" for p in data["programme"]]
    data["relation_label"] = data["relation"] if lang == "en" else data["relation"].map(RELATION_NB)
    cw = load_crosswalk()
    order_rows = [p if lang == "nb" else vocab.english(p) for p in cw[cw["programme_group"] == programme_group]["programme"]]
    rel_domain = list(RELATIONS) if lang == "en" else [RELATION_NB[r] for r in RELATIONS]
    base = alt.Chart(data[["row", "month_label", "text", "relation_label"]])
    x = alt.X("month_label:N", title=None, sort=[_month(m, lang) for m in months], axis=alt.Axis(orient="top", labelAngle=0))
    y = alt.Y("row:N", title=None, sort=order_rows, axis=alt.Axis(labelLimit=330))
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y, color=alt.Color("relation_label:N", title=_t(lang, "Relation (crosswalk)", "Forhold (kryssliste)"),
                                  scale=alt.Scale(domain=rel_domain, range=[RELATION_COLOURS[r] for r in RELATIONS]),
                                  legend=alt.Legend(orient="bottom", columns=3)),
        tooltip=["row:N", "month_label:N", "text:N", "relation_label:N"])
    text = base.mark_text(fontSize=12).encode(x=x, y=y, text="text:N")
    title = _t(lang, f"{vocab.english(programme_group)}: programme rows across the years",
               f"{programme_group}: tiltakene gjennom årene")
    subtitle = [_t(lang, "Participants per row (all status groups). '*' = suppressed: 1-3 in November 2016, 0-3 in 2019 and 2021; '—' = no row printed; a range adds "
                         "up suppressed cells (2019).", "Deltakere per tiltak. «*» = prikket: 1-3 i november 2016, 0-3 i 2019 og 2021; «—» = ingen linje; et intervall "
                   "summerer prikkede celler (2019)."),
                _t(lang, "Colour: what happened to the row (helpers/crosswalk.csv); read each change with it before calling it real.",
                   "Farge: hva som skjedde med tiltaket (helpers/crosswalk.csv)."),
                word("source", lang)]
    chart = (cells + text).properties(title=titled(title, subtitle), width=110 * len(months), height=26 * len(order_rows))
    first, last = months[0], months[1]  # November 2016 and November 2019: the same calendar month
    lows = data.pivot(index="programme", columns="month", values="low").astype("Float64").fillna(0)
    change = (lows[last] - lows[first]).sort_values()
    rel = data.drop_duplicates("programme").set_index("programme")["relation"]
    texts = data.set_index(["programme", "month"])["text"]

    links = data.drop_duplicates("programme").set_index("programme")[["successor", "predecessor"]]

    def describe(p: str) -> str:
        name = (lambda x: x if lang == "nb" else vocab.english(x))
        relation = rel[p] if lang == "en" else RELATION_NB[rel[p]]
        succ, pred = links.loc[p, "successor"], links.loc[p, "predecessor"]
        names = lambda labels: "; ".join(name(x) for x in labels.split(";"))  # noqa: E731
        if succ:
            relation += _t(lang, " to " if rel[p] == "renamed" else " ", " til " if rel[p] == "renamed" else " ") + names(succ)
        elif pred:
            joint = {"renamed": (" from ", " fra "), "same": ("; absorbed ", "; tok opp ")}.get(rel[p], (", after ", ", etter "))
            relation += _t(lang, *joint) + names(pred)
        return f"{name(p)} ({texts[(p, first)]} → {texts[(p, last)]}; {relation})"

    fall, rise = change.index[0], change.index[-1]
    takeaway = _t(
        lang,
        f"In {vocab.english(programme_group)}, from {_month(first)} to {_month(last)} the largest fall was {describe(fall)} and the "
        f"largest rise {describe(rise)}.",
        f"I {programme_group}, fra {_month(first, 'nb')} til {_month(last, 'nb')}, var det største fallet {describe(fall)} og "
        f"den største økningen {describe(rise)}.")
    table = data.pivot(index="row", columns="month_label", values="text").reindex(order_rows)
    table = table[[_month(m, lang) for m in months]]
    rel = data.drop_duplicates("row").set_index("row")
    table[_t(lang, "Relation", "Forhold")] = rel["relation_label"].reindex(order_rows)
    table[_t(lang, "Successor / predecessor", "Etterfølger / forgjenger")] = [
        ("→ " + s if s else ("← " + p if p else "")) for s, p in zip(rel["successor"].reindex(order_rows), rel["predecessor"].reindex(order_rows))]
    table = table.reset_index().rename(columns={"row": word("programme", lang)})
    table.columns.name = None
    return Figure(finish(chart, lang), takeaway, table, title)


TRAINING = "Opplæring"


def training_generations() -> dict[str, list[str]]:
    """Opplæring rows by generation, from the crosswalk: replaced in July 2019, new from July 2019, the rest."""
    cw = load_crosswalk()
    cw = cw[cw["programme_group"] == TRAINING]
    new = cw[(cw["relation"] == "new") & cw["first_seen"].str.startswith("2019")]["programme"].tolist()
    old = cw[(cw["relation"] == "replaced by") & cw["successor"].apply(lambda s: any(x in new for x in s.split(";")))]["programme"].tolist()
    rest = [p for p in cw["programme"] if p not in new and p not in old]
    return {"replaced": old, "new": new, "other": rest}


def training_data(frame: pd.DataFrame) -> pd.DataFrame:
    gens = training_generations()
    lookup = {p: g for g, ps in gens.items() for p in ps}
    months = [str(p) for p in sorted(frame["period"].unique()) if str(p) >= "2019-01"]
    rows = []
    for month in months:
        counts = row_counts(frame, month)
        counts = counts[counts["programme_group"] == TRAINING].copy()
        counts["generation"] = counts["programme"].map(lookup)
        total = group_totals(frame, month)
        total = total[(total["status_group"] == T) & (total["programme_group"] == TRAINING)]
        for gen in ("replaced", "new", "other"):
            part = counts[counts["generation"] == gen]
            rows.append({"month": month, "generation": gen, "low": int(part["low"].sum()), "high": int(part["high"].sum()),
                         "group_low": int(total["low"].item()), "group_high": int(total["high"].item())})
    return pd.DataFrame(rows)


GENERATION_LABELS = {
    "replaced": {"en": "Old rows (AMO, AMO enkeltplass, Utdanning)", "nb": "Gamle tiltak (AMO, AMO enkeltplass, Utdanning)"},
    "new": {"en": "New rows from July 2019", "nb": "Nye tiltak fra juli 2019"},
    "other": {"en": "Other training rows", "nb": "Andre opplæringstiltak"},
}


def training_break(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """The July 2019 break in Opplæring: old rows hand over to new ones while the group total moves little."""
    check_lang(lang)
    data = training_data(frame)
    data["month_label"] = [_month(m, lang)[:3] for m in data["month"]]
    data["year"] = data["month"].str[:4]
    data["part"] = [GENERATION_LABELS[g][lang] for g in data["generation"]]
    order = [GENERATION_LABELS[g][lang] for g in ("replaced", "other", "new")]
    month_order = list(dict.fromkeys(data["month_label"]))
    base = alt.Chart(data[["month_label", "year", "part", "low", "group_low"]])
    bars = base.mark_bar().encode(
        x=alt.X("month_label:N", title=None, sort=month_order, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("low:Q", title=word("participants", lang), axis=alt.Axis(format=",d"), stack="zero"),
        color=alt.Color("part:N", title=None, sort=order, scale=alt.Scale(domain=order, range=[PALETTE[1], PALETTE[6], PALETTE[2]]),
                        legend=alt.Legend(orient="bottom", columns=1)),
        order=alt.Order("order:Q"),
        tooltip=["month_label:N", "part:N", alt.Tooltip("low:Q", format=",d"), alt.Tooltip("group_low:Q", format=",d")],
    ).transform_calculate(order=f"indexof({order}, datum.part)")
    subtitle = [_t(lang, "Opplæring (training), all status groups, by month. Rows grouped by the crosswalk; bars are drawn at the "
                         "lowest possible count ('*' = 0-3 each); the numbers table gives the ranges.",
                   "Opplæring, alle hovedgrupper, per måned. Søylene viser lavest mulige tall ('*' = 0-3 hver); tabellen viser intervallene."),
                _t(lang, "The 2019 and 2021 tables only; there is no table for 2020.", "Bare tabellene for 2019 og 2021; 2020 mangler."),
                word("source", lang)]
    title = _t(lang, "Training: new rows replace old ones from July 2019", "Opplæring: nye tiltak erstatter gamle fra juli 2019")
    chart = bars.properties(width=alt.Step(26), height=230).facet(
        column=alt.Column("year:N", title=None, header=alt.Header(labelFontSize=13, labelFontWeight="bold")), spacing=24,
    ).resolve_scale(x="independent").properties(title=titled(title, subtitle))
    low = data.pivot(index="month", columns="generation", values="low")
    high = data.pivot(index="month", columns="generation", values="high")
    g = data.drop_duplicates("month").set_index("month")["group_low"]

    def part(month: str, generation: str, in_lang: str) -> str:
        return _range(int(low.loc[month, generation]), int(high.loc[month, generation]), in_lang)

    takeaway = _t(
        lang,
        f"In 2019 the old training rows fell from {part('2019-01', 'replaced', 'en')} in January to "
        f"{part('2019-12', 'replaced', 'en')} in December while the new rows rose from {part('2019-01', 'new', 'en')} to "
        f"{part('2019-12', 'new', 'en')}; the group total moved from {number(g['2019-01'])} to {number(g['2019-12'])}. "
        f"Compare the group total, not the rows.",
        f"I 2019 falt de gamle opplæringstiltakene fra {part('2019-01', 'replaced', 'nb')} til "
        f"{part('2019-12', 'replaced', 'nb')}, mens de nye steg fra {part('2019-01', 'new', 'nb')} til "
        f"{part('2019-12', 'new', 'nb')}; gruppen gikk fra {number(g['2019-01'], 'nb')} til {number(g['2019-12'], 'nb')}.")
    table = pd.DataFrame({c: [part(m, c, lang) for m in low.index] for c in ("replaced", "new", "other")}, index=low.index)
    table.columns = [GENERATION_LABELS[c][lang] for c in table.columns]
    table.insert(0, word("month", lang), [_month(m, lang) for m in table.index])
    table[_t(lang, "Group total (Opplæring)", "Gruppen i alt (Opplæring)")] = [
        _range(int(lo), int(hi), lang) for lo, hi in data.drop_duplicates("month").set_index("month").loc[table.index, ["group_low", "group_high"]].itertuples(index=False)]
    return Figure(finish(chart, lang), takeaway, table.reset_index(drop=True), title)


# -- the audit's 2016 averages next to November 2016 ---------------------------------------------------------
AUDIT_GROUPS = {"jobseekers": "Arbeidssøkere på tiltak", "reduced work capacity": "Nedsatt arbeidsevne, på tiltak"}
CATEGORY_TO_GROUP = {
    "Avklaringstiltak": "Avklaringstiltak", "Oppfølgingstiltak": "Oppfølging", "Opplæringstiltak": "Opplæring",
    "Lønnstilskudd": "Lønnstilskudd", "Arbeidspraksis": "Arbeidspraksis", "Arbeidsrettet rehabilitering": "Arbeidsrettet rehabilitering",
    "Tilrettelagt arbeid": "Tilrettelagt arbeid", "Helsemessig utredning/behandling": "Helsemessig utredning/behandling",
    "Tilrettelegging": "Tilrettelegging", "Jobbskaping": "Jobbskaping og egenetablering",
}


def audit_vs_november_data(frame: pd.DataFrame) -> pd.DataFrame:
    """Tabell 3's 2016 annual means next to NAV's November 2016 counts, per status group and programme group.

    Rows include the totals (``programme_group`` 'I alt'); Tabell 3 has no 'Andre på tiltak'.
    """
    t3 = audit.load_audit_table(3)
    t3 = t3[t3["year"] == 2016]
    nov = group_totals(frame, "2016-11")
    totals = status_totals(frame, "2016-11").set_index("status_group")
    rows = []
    for group_en, status in AUDIT_GROUPS.items():
        part = t3[t3["status_group_en"] == group_en]
        for r in part.itertuples(index=False):
            group = T if r.is_total else CATEGORY_TO_GROUP[r.scheme_category]
            if group == T:
                nav, nav_line = int(totals.loc[status, "value"]), int(totals.loc[status, "line"])
            else:
                hit = nov[(nov["status_group"] == status) & (nov["programme_group"] == group)]
                nav, nav_line = int(hit["low"].item()), int(hit["line"].item())
            rows.append({"status_group": status, "programme_group": group, "audit_2016_mean": int(r.value), "audit_line": int(r.line),
                         "nav_nov_2016": nav, "nav_line": nav_line})
    data = pd.DataFrame(rows)
    data["difference"] = data["nav_nov_2016"] - data["audit_2016_mean"]
    return data


def audit_vs_november(frame: pd.DataFrame, status_group: str | None = None, lang: str = "en") -> Figure:
    """Tabell 3's 2016 annual mean next to NAV's November 2016 count, per programme group.

    ``status_group=None`` puts both status groups in the chart with a menu (works without a kernel).
    """
    check_lang(lang)
    data = audit_vs_november_data(frame)
    if status_group is not None:
        if status_group not in AUDIT_GROUPS.values():
            raise ValueError(f"Tabell 3 covers only {list(AUDIT_GROUPS.values())}")
        data = data[data["status_group"] == status_group]
    audit_label = _t(lang, "Audit: 2016 monthly average (Tabell 3)", "Revisjonen: snitt per måned 2016 (tabell 3)")
    nav_label = _t(lang, "NAV: November 2016", "NAV: november 2016")
    long = []
    for r in data[data["programme_group"] != T].itertuples(index=False):
        for what, val in ((audit_label, r.audit_2016_mean), (nav_label, r.nav_nov_2016)):
            long.append({"status": value_label(r.status_group, lang), "group": value_label(r.programme_group, lang),
                         "what": what, "participants": int(val)})
    chart_data = pd.DataFrame(long)
    group_order = [value_label(g, lang) for g in GROUP_ORDER]
    base = alt.Chart(chart_data)
    y = alt.Y("group:N", title=None, sort=group_order)
    offset = alt.YOffset("what:N", sort=[audit_label, nav_label])
    bars = base.mark_bar(height=10).encode(
        y=y, yOffset=offset, x=alt.X("participants:Q", title=word("participants", lang), axis=alt.Axis(format=",d")),
        color=alt.Color("what:N", title=None, sort=[audit_label, nav_label], scale=alt.Scale(range=[PALETTE[4], PALETTE[0]]),
                        legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=["status:N", "group:N", "what:N", alt.Tooltip("participants:Q", format=",d")])
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(y=y, yOffset=offset, x="participants:Q",
                                                                   text=alt.Text("participants:Q", format=",d"))
    subtitle = [_t(lang, "An average over twelve months next to one month; the audit's register extract next to NAV's published table.",
                   "Et snitt over tolv måneder mot én måned; revisjonens registeruttrekk mot NAVs publiserte tabell."),
                _t(lang, "Sources: Riksrevisjonen, Dokument 3:5 (2017-2018), Tabell 3 (lines 1979-2024); "
                         "NAV, Tiltak. En måned, November 2016.",
                   "Kilder: Riksrevisjonen, Dokument 3:5 (2017-2018), tabell 3; NAV, Tiltak. En måned, november 2016.")]
    title = _t(lang, "The audit's 2016 averages and NAV's November 2016", "Revisjonens snitt for 2016 og NAVs november 2016")
    chart = (bars + text).properties(width=380, height=24 * len(group_order) * 2)
    if status_group is None:
        options = [value_label(s, lang) for s in AUDIT_GROUPS.values()]
        pick = alt.param(name="years_audit_status", value=options[1],
                         bind=alt.binding_select(options=options, name=word("status_group", lang) + ": "))
        chart = chart.add_params(pick).transform_filter(alt.datum.status == pick)
    chart = chart.properties(title=titled(title, subtitle))
    totals = data[data["programme_group"] == T].set_index("status_group")
    parts = []
    for status, r in totals.iterrows():
        parts.append(_t(lang, f"{value_label(status, lang).lower()}: {number(r['audit_2016_mean'])} against {number(r['nav_nov_2016'])}",
                        f"{status.lower()}: {number(r['audit_2016_mean'], 'nb')} mot {number(r['nav_nov_2016'], 'nb')}"))
    takeaway = _t(lang, "The audit's 2016 monthly averages are below NAV's November 2016 counts (" + "; ".join(parts) + "): "
                        "same level, different measures.",
                  "Revisjonens månedssnitt for 2016 ligger under NAVs tall for november 2016 (" + "; ".join(parts) + ").")
    table = pd.DataFrame({
        word("status_group", lang): [value_label(s, lang) for s in data["status_group"]],
        word("programme_group", lang): [value_label(g, lang) for g in data["programme_group"]],
        audit_label: data["audit_2016_mean"], _t(lang, "Report line", "Linje i rapporten"): data["audit_line"],
        nav_label: data["nav_nov_2016"], _t(lang, "Line in NAV's table", "Linje i NAVs tabell"): data["nav_line"],
        _t(lang, "NAV minus audit", "NAV minus revisjonen"): data["difference"],
    })
    return Figure(finish(chart, lang), takeaway, table, title,
                  notes=["Tabell 3's 2016 total for reduced work capacity (57 590) is 1 below the sum of its printed categories "
                         "(inconsistency tabell_03_nae_total_2016); the printed total is used."])


def average_vs_month_data(frame: pd.DataFrame) -> pd.DataFrame:
    """For jobseekers and reduced work capacity: Tabell 3's 2015 and 2016 means and NAV's November 2015 and 2016 counts."""
    t3 = audit.load_audit_table(3)
    t3 = t3[t3["is_total"] & t3["year"].isin([2015, 2016])]
    tl = timeline_data(frame)
    rows = []
    for group_en, status in AUDIT_GROUPS.items():
        for r in t3[t3["status_group_en"] == group_en].itertuples(index=False):
            rows.append({"status_group": status, "kind": "audit", "year": int(r.year), "period": f"{r.year}",
                         "value": int(r.value), "where": f"Tabell 3, line {r.line}"})
        for r in tl[(tl["status_group"] == status) & tl["period"].isin([_period("2015-11"), _period("2016-11")])].itertuples(index=False):
            rows.append({"status_group": status, "kind": "nav_derived" if r.derived else "nav", "year": r.period.year,
                         "period": str(r.period), "value": int(r.value),
                         "where": f"{r.source}, line {r.line}" + (" (count minus change from a year earlier)" if r.derived else "")})
    return pd.DataFrame(rows)


def average_vs_month(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """A year's average against one month: Tabell 3's 2015 and 2016 means as bars across the year, NAV's Novembers as dots."""
    check_lang(lang)
    data = average_vs_month_data(frame)
    charts = []
    for status in AUDIT_GROUPS.values():
        part = data[data["status_group"] == status]
        avg = part[part["kind"] == "audit"].copy()
        avg["start"] = avg["year"].astype(str) + "-01-01"
        avg["end"] = avg["year"].astype(str) + "-12-31"
        avg["label"] = _t(lang, "audit: mean of the year", "revisjonen: årssnitt")
        pts = part[part["kind"] != "audit"].copy()
        pts["date"] = pts["period"] + "-15"
        pts["label"] = [_t(lang, "NAV: November (2015 derived)", "NAV: november (2015 utledet)")] * len(pts)
        colour = STATUS_COLOURS[status]
        y = alt.Y("value:Q", title=word("participants", lang), axis=alt.Axis(format=",d"),
                  scale=alt.Scale(zero=False, padding=20))
        x = alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y", tickCount=8), scale=alt.Scale(domain=["2015-01-01", "2016-12-31"]))
        seg = alt.Chart(avg[["start", "end", "value", "label"]]).mark_rule(strokeWidth=4, color=PALETTE[4]).encode(
            x=x, x2="end:T", y=y, tooltip=["label:N", alt.Tooltip("value:Q", format=",d")])
        seg_text = alt.Chart(avg[["start", "value"]]).mark_text(align="left", dy=-9, dx=4, fontSize=11, color=PALETTE[4]).encode(
            x="start:T", y="value:Q", text=alt.Text("value:Q", format=",d"))
        dots = alt.Chart(pts[["date", "value", "label"]]).mark_point(size=90, filled=True, color=colour, opacity=1).encode(
            x=alt.X("date:T"), y="value:Q", tooltip=["label:N", alt.Tooltip("value:Q", format=",d")])
        dot_text = alt.Chart(pts[["date", "value"]]).mark_text(align="right", dx=-8, fontSize=11, color=colour).encode(
            x="date:T", y="value:Q", text=alt.Text("value:Q", format=",d"))
        charts.append((seg + seg_text + dots + dot_text).properties(
            title=alt.TitleParams(value_label(status, lang), fontSize=13, fontWeight="normal"), width=500, height=120))
    subtitle = [_t(lang, "Brown bars: the audit's annual mean of monthly participants (Tabell 3). Dots: NAV's count at the end of "
                         "November (2015 derived from the 2016 table).",
                   "Brune streker: revisjonens årssnitt (tabell 3). Prikker: NAVs tall for november (2015 utledet)."),
                _t(lang, "Sources: Riksrevisjonen, Dokument 3:5 (2017-2018), Tabell 3; NAV, Tiltak. En måned, November 2016.",
                   "Kilder: Riksrevisjonen, Dokument 3:5 (2017-2018), tabell 3; NAV, Tiltak. En måned, november 2016.")]
    title = _t(lang, "A year's average is not a month", "Et årssnitt er ikke en måned")
    chart = alt.vconcat(*charts, spacing=14).resolve_scale(y="independent").properties(title=titled(title, subtitle))
    d = data.set_index(["status_group", "period"])["value"]
    js, nae = AUDIT_GROUPS["jobseekers"], AUDIT_GROUPS["reduced work capacity"]
    takeaway = _t(
        lang,
        f"The jobseekers' 2016 average ({number(d[(js, '2016')])}) lies between NAV's November 2015 ({number(d[(js, '2015-11')])}) and "
        f"November 2016 ({number(d[(js, '2016-11')])}): the group grew during the year. For reduced work capacity the average "
        f"({number(d[(nae, '2016')])}) is below both Novembers ({number(d[(nae, '2015-11')])}, {number(d[(nae, '2016-11')])}).",
        f"Arbeidssøkernes snitt for 2016 ({number(d[(js, '2016')], 'nb')}) ligger mellom NAVs november 2015 "
        f"({number(d[(js, '2015-11')], 'nb')}) og november 2016 ({number(d[(js, '2016-11')], 'nb')}).")
    table = pd.DataFrame({word("status_group", lang): [value_label(s, lang) for s in data["status_group"]],
                          _t(lang, "What", "Hva"): data["kind"].map({"audit": _t(lang, "audit annual mean", "revisjonens årssnitt"),
                                                                      "nav": _t(lang, "NAV, end of month", "NAV, utgangen av måneden"),
                                                                      "nav_derived": _t(lang, "NAV, derived", "NAV, utledet")}),
                          _t(lang, "Period", "Periode"): data["period"], word("participants", lang): data["value"],
                          _t(lang, "Where", "Hvor"): data["where"]})
    return Figure(finish(chart, lang), takeaway, table, title)


def seasonal_yardstick(frame: pd.DataFrame) -> pd.DataFrame:
    """How far November sits above the year's average, in 2019 (the one year with all twelve months).

    A yardstick for reading an annual average next to a November count; it is 2019's season, not 2016's.
    """
    rows = []
    for status in (AUDIT_GROUPS["jobseekers"], AUDIT_GROUPS["reduced work capacity"], T):
        series = views.select(frame, status_group=status)
        series = series[series["period"].dt.year == 2019]
        mean = float(series["value"].astype("int64").mean())
        nov = int(series[series["period"] == _period("2019-11")]["value"].item())
        rows.append({"status_group": status, "mean_2019": round(mean), "november_2019": nov,
                     "november_above_mean_pct": round(100 * (nov - mean) / mean, 1)})
    return pd.DataFrame(rows)


# -- key findings --------------------------------------------------------------------------------------
def key_findings(frame: pd.DataFrame) -> list[str]:
    """Key findings for 07_across_the_years, computed from the tables, the crosswalk and Tabell 3."""
    tot = views.select(frame).set_index(views.select(frame)["period"].astype(str))["value"]
    counts = relation_counts()
    gone = group_totals(frame, "2016-11")
    health = gone[(gone["programme_group"] == "Helsemessig utredning/behandling")].set_index("status_group")
    train = training_data(frame)
    w = train.pivot(index="month", columns="generation", values="low")
    g = train.drop_duplicates("month").set_index("month")["group_low"]
    av = audit_vs_november_data(frame)
    av = av[av["programme_group"] == T].set_index("status_group")
    js, nae = AUDIT_GROUPS["jobseekers"], AUDIT_GROUPS["reduced work capacity"]
    return [
        f"NAV's three tables share no month. Compare the same calendar month: {number(tot['2016-11'])} participants in November 2016 "
        f"against {number(tot['2019-11'])} in November 2019, and {number(tot['2019-05'])} in May 2019 against "
        f"{number(tot['2021-05'])} in May 2021. November 2016 and 2021 cannot be compared month for month.",
        f"Of the {int(counts.sum())} programme labels printed, {counts['same']} are the same throughout, {counts['renamed']} are the two "
        f"halves of renames, {counts['merged into'] + counts['replaced by']} were merged or replaced, {counts['new']} are new and "
        f"{counts['ended']} ended (helpers/crosswalk.csv).",
        f"The group Helsemessig utredning/behandling (health assessment/treatment) had {number(health.loc[T, 'low'])} participants in "
        f"November 2016, {number(health.loc['Andre på tiltak', 'low'])} of them 'Andre på tiltak', and has no line in 2019 or 2021: "
        f"the group was discontinued, and the tables do not show where its participants went, so its loss is not a fall in participation.",
        f"In 2019 the old training rows fell from {number(w.loc['2019-01', 'replaced'])} to {number(w.loc['2019-12', 'replaced'])} while "
        f"new rows rose to {number(w.loc['2019-12', 'new'])}; the Opplæring total went from {number(g['2019-01'])} to "
        f"{number(g['2019-12'])}. Compare group totals across July 2019, not rows.",
        f"The audit's 2016 monthly averages (Tabell 3) are {number(av.loc[js, 'audit_2016_mean'])} jobseekers and "
        f"{number(av.loc[nae, 'audit_2016_mean'])} with reduced work capacity; NAV's November 2016 table counts "
        f"{number(av.loc[js, 'nav_nov_2016'])} and {number(av.loc[nae, 'nav_nov_2016'])}: the same level, measured differently.",
    ]


# -- explorers ---------------------------------------------------------------------------------------------
register(Explorer("years_groups", group_change, {
    "pair": tuple((f"{_month(a)} / {_month(b)}", f"{a}/{b}") for a, b in PAIRS),
    "status_group": tuple((value_label(s, "en") if s != T else "All participants", s) for s in STATUS),
    "lang": LANGUAGES,
}))
register(Explorer("years_rows", programme_rows, {
    "programme_group": label_options(GROUP_ORDER),
    "lang": LANGUAGES,
}, defaults={"programme_group": "Arbeidspraksis"}))
register(Explorer("years_audit", audit_vs_november, {
    "status_group": ((value_label(AUDIT_GROUPS["reduced work capacity"], "en"), AUDIT_GROUPS["reduced work capacity"]),
                     (value_label(AUDIT_GROUPS["jobseekers"], "en"), AUDIT_GROUPS["jobseekers"])),
    "lang": LANGUAGES,
}))


# -- exercises ---------------------------------------------------------------------------------------------
def _choice(answer: object) -> str:
    return str(answer).strip().lower().strip("() .")


@exercise("07.1", hint="look at the crosswalk rows of Helsemessig utredning/behandling and at which tables print the group.")
def _(answer):
    frame = _participants()
    health = group_totals(frame, "2016-11")
    health = health[health["programme_group"] == "Helsemessig utredning/behandling"].set_index("status_group")
    later = group_totals(frame, "2019-11")
    explain = {
        "a": "not so: nothing in the tables says where these participants went. A group that has no line cannot show a fall.",
        "b": (f"the group had {number(health.loc[T, 'low'])} participants in November 2016 "
              f"({number(health.loc['Andre på tiltak', 'low'])} of them 'Andre på tiltak') and "
              f"{'no line' if 'Helsemessig utredning/behandling' not in set(later['programme_group']) else 'a line'} in November 2019: "
              "it left NAV's tables, so the change is a regrouping, not a real fall to zero."),
        "c": "not so: a suppressed cell is printed as '*', and the row is still there. Here the group has no line at all.",
    }
    choice = _choice(answer)
    if choice in explain:
        return choice == "b", explain[choice]
    return False, "answer 'a', 'b' or 'c'."


@exercise("07.2", hint="use group_totals(frame, month) for January 2019 and January 2021 and the row 'I alt' × Opplæring.")
def _(answer):
    frame = _participants()
    before = group_totals(frame, "2019-01").set_index(["status_group", "programme_group"]).loc[(T, TRAINING)]
    after = group_totals(frame, "2021-01").set_index(["status_group", "programme_group"]).loc[(T, TRAINING)]
    low, high = int(after["low"] - before["high"]), int(after["high"] - before["low"])
    got = as_number(answer)
    if got is not None and low <= got <= high:
        return True, (f"Opplæring went from {_range(int(before['low']), int(before['high']))} in January 2019 (the three status "
                      f"groups added up) to {_range(int(after['low']), int(after['high']))} in January 2021: "
                      f"{'a fall' if high < 0 else 'a change'} of {_range(abs(high), abs(low)) if high < 0 else _range(low, high)} persons, "
                      "even though the rows inside the group were replaced in July 2019.")
    if got is not None and -high <= got <= -low:
        return False, "the size is right but the sign is not: the group was smaller in January 2021, so the change is negative."
    return False, ("the 2019 table has no all-status-groups line per group: add the three status groups for January 2019, "
                   "then subtract that from the January 2021 total.")


@exercise("07.3", hint="which pair has the same calendar month and the same kind of number?")
def _(answer):
    frame = _participants()
    tot = views.select(frame).set_index(views.select(frame)["period"].astype(str))["value"]
    explain = {
        "a": "not fair: November and January differ by season (in 2019 the total moved by thousands within the year), so the "
             "difference mixes the season with the change over the years.",
        "b": (f"fair: the same calendar month in two of NAV's published tables, {number(tot['2016-11'])} against "
              f"{number(tot['2019-11'])}. Group-level changes still need the crosswalk."),
        "c": "not fair: Tabell 3 is an average over a year from a register extract that leaves out 'Andre på tiltak'; "
             "NAV's November count is one month of the published table.",
    }
    choice = _choice(answer)
    if choice in explain:
        return choice == "b", explain[choice]
    return False, "answer 'a', 'b' or 'c'."


@exercise("07.4", hint="NAV's November 2016 total for 'Arbeidssøkere på tiltak' minus Tabell 3's 2016 total for jobseekers.")
def _(answer):
    data = audit_vs_november_data(_participants())
    row = data[(data["status_group"] == AUDIT_GROUPS["jobseekers"]) & (data["programme_group"] == T)].iloc[0]
    expected = int(row["difference"])
    got = as_number(answer)
    if got == expected:
        return True, (f"NAV's table counts {number(row['nav_nov_2016'])} jobseekers on programmes at the end of November 2016 "
                      f"(line {row['nav_line']}); the audit's 2016 monthly average is {number(row['audit_2016_mean'])} "
                      f"(line {row['audit_line']}): {number(expected)} more in November.")
    if got == -expected:
        return False, "the size is right; the question asks how many MORE NAV's November count has, so give a positive number."
    return False, "take 'I alt arbeidssøkere på tiltak' from November 2016 and subtract Tabell 3's 2016 'Totalt' for jobseekers."
