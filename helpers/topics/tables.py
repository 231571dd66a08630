"""02 Reading NAV's tables: from a printed page to tidy rows, the symbols, label damage, reconciliation
and provenance ("where does this number come from?").

Everything here reads the tidy frame (:func:`helpers.tidy.load_participants`), the ledger of printed
cells (:func:`helpers.tidy.load_ledger`), how each raw line was read (:func:`helpers.tidy.load_lines`)
and the repaired labels (:func:`helpers.tidy.load_repairs`). Starred cells are never filled in: where
this module works a star out by subtraction, it reports the value next to the data, it does not
write it into the data.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .. import vocabulary as vocab
from ..charts import PALETTE, Figure, check_lang, finish, month_label, number, titled, value_label, word
from ..errors import ParseError
from ..exercises import as_number, data, exercise
from ..parsing import KEY, parse_table
from ..reconcile import reconcile, suppression_floor, violations
from ..tidy import load_ledger, load_lines, load_repairs, raw_line
from ..widgets import LANGUAGES, Explorer, register

T = vocab.TOTAL
ONE_MONTH = "nav_tiltak_en_maaned_2016-11.txt"
AGE = "nav_tiltak_alder_2019-01_2019-12.txt"
GENDER = "nav_tiltak_kjonn_2021-01_2021-05.txt"
TABLES: dict[str, dict[str, str]] = {
    ONE_MONTH: {"en": "November 2016 (one month)", "nb": "November 2016 (én måned)"},
    AGE: {"en": "2019 by age (time series)", "nb": "2019 etter alder (tidsserie)"},
    GENDER: {"en": "Jan-May 2021 by gender (time series)", "nb": "Jan-mai 2021 etter kjønn (tidsserie)"},
}
DIMENSIONS = ("status_group", "gender", "age_group", "programme_group", "programme")
DIMENSION_WORDS = {"status_group": "status group", "gender": "gender", "age_group": "age group",
                   "programme_group": "programme group (groups to all programmes)", "programme": "programme (programmes to their group)"}


# -- a printed page next to its tidy rows ---------------------------------------------------------------
def printed_page(source: str = ONE_MONTH, first: int = 133, last: int = 158) -> pd.DataFrame:
    """Lines ``first``..``last`` of a raw file, exactly as stored, with how the parser read each one."""
    lines = load_lines()
    kinds = lines[lines["source"] == source].set_index("line")["kind"]
    return pd.DataFrame([(n, kinds.get(n, ""), raw_line(source, n)) for n in range(first, last + 1)],
                        columns=["line", "read as", "text"])


def tidy_rows(frame: pd.DataFrame, source: str, lines: list[int] | range) -> pd.DataFrame:
    """The tidy rows whose numbers were first printed on the given lines of a raw file."""
    rows = frame[(frame["source"] == source) & frame["line"].isin(list(lines))]
    columns = ["period", "status_group", "programme_group", "programme", "measure", "value", "suppressed", "source", "line", "label", "column"]
    order = {name: i for i, name in enumerate([T, "Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"])}
    rows = rows.assign(_order=rows["status_group"].map(order))
    return rows.sort_values(["line", "_order", "period"], kind="stable")[columns].reset_index(drop=True)


@dataclass
class SideBySide:
    """Two tables next to each other in HTML (a printed page and its tidy rows), with a text form too."""

    left: pd.DataFrame
    right: pd.DataFrame
    left_title: str
    right_title: str
    highlight: tuple[int, ...] = ()

    def _table(self, table: pd.DataFrame, highlight_column: str | None) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
        body = []
        for row in table.itertuples(index=False):
            values = dict(zip(table.columns, row))
            marked = highlight_column is not None and values.get(highlight_column) in self.highlight
            style = ' style="background:#fff3cd"' if marked else ""
            cells = []
            for column, value in values.items():
                if column == "text":
                    text = html.escape(str(value)).replace("\t", '<span style="color:#B35900">→</span>')
                    cells.append(f'<td style="text-align:left;font-family:monospace;white-space:pre">{text}</td>')
                else:
                    shown = "*" if value is pd.NA or (isinstance(value, float) and pd.isna(value)) else value
                    cells.append(f"<td>{html.escape(str(shown))}</td>")
            body.append(f"<tr{style}>{''.join(cells)}</tr>")
        return f'<table class="numbers"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'

    def _repr_html_(self) -> str:
        box = '<div style="flex:1 1 420px;min-width:0;overflow-x:auto"><p><b>{}</b></p>{}</div>'
        return ('<div style="display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start">'
                + box.format(html.escape(self.left_title), self._table(self.left, "line"))
                + box.format(html.escape(self.right_title), self._table(self.right, "line")) + "</div>")

    def __repr__(self) -> str:
        return f"{self.left_title}\n{self.left.to_string(index=False)}\n\n{self.right_title}\n{self.right.to_string(index=False)}"


def page_beside_rows(frame: pd.DataFrame, source: str = ONE_MONTH, first: int = 133, last: int = 158,
                     rows: tuple[int, ...] = (141, 142, 144)) -> SideBySide:
    """A printed page (tabs shown as →) beside the tidy rows of a few of its lines (highlighted)."""
    page = printed_page(source, first, last)
    tidy = tidy_rows(frame, source, list(rows))
    ledger = load_ledger()
    repeats = ledger[(ledger["source"] == source) & ledger["line"].isin(rows) & (ledger["role"] == "repeat")]
    if not repeats.empty:  # a line that only repeats facts: show the facts it repeats, from where they were first printed
        keys = repeats[list(KEY)].astype(str).agg("|".join, axis=1)
        frame_keys = frame[list(KEY)].astype(str).agg("|".join, axis=1)
        tidy = pd.concat([tidy, frame[frame_keys.isin(set(keys)) & (frame["source"] == source)][tidy.columns]]).drop_duplicates()
        tidy = tidy.reset_index(drop=True)
    tidy = tidy.drop(columns=["source", "label", "measure"])
    note = ""
    if not repeats.empty:
        firsts = ", ".join(str(n) for n in sorted(repeats["first_line"].unique()))
        note = f"; line {', '.join(str(n) for n in sorted(repeats['line'].unique()))} repeats numbers first printed on lines {firsts}"
    return SideBySide(page, tidy, f"Printed: {source}, lines {first}-{last}",
                      f"Tidy rows for lines {', '.join(map(str, rows))} (source: {source}{note})", tuple(rows))


def repeated_line(source: str, line: int) -> pd.DataFrame:
    """The cells of a printed line that repeat a fact printed earlier, and where it was first printed."""
    ledger = load_ledger()
    cells = ledger[(ledger["source"] == source) & (ledger["line"] == line)]
    return cells[["line", "cell", "raw", "role", "first_line"]].reset_index(drop=True)


# -- stars: what a total tells about its starred parts ------------------------------------------------------
def _facts(frame: pd.DataFrame) -> dict[tuple, tuple[str, int | None, bool, int]]:
    rows = frame[frame["measure"] == "participants"]
    values = rows["value"].astype(object).where(rows["value"].notna(), None)
    keys = zip(rows["period"].astype(str), *(rows[k] for k in KEY[1:]))
    return dict(zip(keys, zip(rows["source"], values, rows["suppressed"], rows["line"])))


def _total_key(key: tuple, dimension: str) -> tuple | None:
    """The key of the total a cell is a part of, in one dimension; None if the cell is not a part there."""
    i = KEY.index(dimension)
    if key[i] == T:
        return None
    if dimension == "programme_group" and key[KEY.index("programme")] != T:
        return None  # a programme is a part of its group's total, not of the all-groups total
    return key[:i] + (T,) + key[i + 1:]


def _groups(facts: dict) -> dict[tuple[str, tuple], list[tuple]]:
    groups: dict[tuple[str, tuple], list[tuple]] = {}
    for key in facts:
        for dimension in DIMENSIONS:
            total = _total_key(key, dimension)
            if total is not None and total in facts:
                groups.setdefault((dimension, total), []).append(key)
    return groups


def star_bounds(frame: pd.DataFrame) -> pd.DataFrame:
    """For every starred participant cell: the smallest and largest value its printed totals allow.

    NAV computed the totals before hiding small cells, so a total minus its visible parts is what its
    starred parts add up to. With ``k`` starred parts sharing a gap ``g``, each lies between
    ``max(floor, g - 3(k-1))`` and ``min(3, g - floor(k-1))``, where ``floor`` is 1 in the one-month
    table (0 is printed empty) and 0 in the time series. Every total the cell belongs to is used
    and the bounds are intersected. Where ``low == high`` the star is *recoverable*.
    """
    facts = _facts(frame)
    groups = _groups(facts)
    rows = []
    for key, (source, _, suppressed, line) in facts.items():
        if not suppressed:
            continue
        floor = suppression_floor(source)
        low, high, used, single = floor, 3, [], False
        for dimension in DIMENSIONS:
            total_key = _total_key(key, dimension)
            if total_key is None or total_key not in facts:
                continue
            total = facts[total_key]
            if total[2]:  # a starred total says no more than the star itself
                continue
            parts = groups[(dimension, total_key)]
            starred = [p for p in parts if facts[p][2]]
            gap = total[1] - sum(facts[p][1] for p in parts if not facts[p][2])
            k = len(starred)
            low, high = max(low, floor, gap - 3 * (k - 1)), min(high, 3, gap - floor * (k - 1))
            used.append((dimension, total[3], gap, k))
            single = single or k == 1
        rows.append((source, *key, line, low, high, low == high, single, len(used),
                     "; ".join(f"{dim} total on line {ln}: gap {gap} over {k} star{'s' if k > 1 else ''}" for dim, ln, gap, k in used)))
    columns = ["source", *KEY, "line", "low", "high", "recoverable", "alone_in_a_total", "totals_used", "how"]
    return pd.DataFrame(rows, columns=columns)


def worked_subtraction(frame: pd.DataFrame, period: str = "2016-11", programme_group: str = "Tilrettelegging",
                       status_group: str = T) -> pd.DataFrame:
    """A group total and its programmes, as printed: the total minus the visible parts is what the stars hide."""
    rows = frame[(frame["period"].astype(str) == period) & (frame["measure"] == "participants") & (frame["status_group"] == status_group)
                 & (frame["gender"] == T) & (frame["age_group"] == T) & (frame["programme_group"] == programme_group)]
    ledger = load_ledger()
    printed = ledger[(ledger["source"].isin(rows["source"].unique()))].set_index(["source", "line", *KEY])["raw"]
    out = []
    for row in rows.itertuples(index=False):
        key = (row.source, row.line, str(row.period), *(getattr(row, k) for k in KEY[1:]))
        raw = printed.get(key, "")
        out.append((row.programme, row.label, re.sub(r"</?b>", "", raw).replace("\\*", "*"), row.value, row.suppressed, row.line))
    table = pd.DataFrame(out, columns=["programme", "printed label", "printed", "value", "suppressed", "line"])
    total = table[table["programme"] == T]
    parts = table[table["programme"] != T].sort_values("line")
    return pd.concat([parts, total], ignore_index=True)


def solve_single_star(frame: pd.DataFrame, period: str = "2016-11", programme_group: str = "Tilrettelegging",
                      status_group: str = T) -> dict[str, object]:
    """The worked example in numbers: total, visible parts, the one starred part and what it must be."""
    table = worked_subtraction(frame, period, programme_group, status_group)
    total = table[table["programme"] == T].iloc[0]
    parts = table[table["programme"] != T]
    starred = parts[parts["suppressed"]]
    if len(starred) != 1 or total["suppressed"]:
        raise ValueError("this total does not have exactly one starred part")
    visible = [int(v) for v in parts.loc[~parts["suppressed"], "value"]]
    return {"total": int(total["value"]), "total_line": int(total["line"]), "visible": visible,
            "starred": starred.iloc[0]["programme"], "starred_line": int(starred.iloc[0]["line"]),
            "value": int(total["value"]) - sum(visible)}


def recoverable_summary(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Per table: starred participant cells, and how many a printed total pins down exactly."""
    bounds = star_bounds(frame)
    out = bounds.groupby("source").agg(starred=("recoverable", "size"), alone_in_a_total=("alone_in_a_total", "sum"),
                                      recoverable=("recoverable", "sum"))
    out = out.reindex(list(TABLES)).fillna(0).astype("int64")
    out["share recoverable (%)"] = (100 * out["recoverable"] / out["starred"]).round(1)
    out.index = [TABLES[s][lang] for s in out.index]
    out.index.name = "table"
    return out.rename(columns={"starred": "starred cells", "alone_in_a_total": "the only star in some total",
                               "recoverable": "value pinned down exactly"}).reset_index()


# -- label damage ---------------------------------------------------------------------------------------------
def repairs_summary() -> pd.DataFrame:
    """Every kind of label damage, how often the loader repaired it, and an example as printed."""
    repairs = load_repairs()
    out = repairs.groupby("why", sort=False).agg(times=("line", "size"), example_printed=("printed", "first"),
                                                 read_as=("meant", "first"), first_source=("source", "first"),
                                                 first_line=("line", "first"))
    return out.sort_values("times", ascending=False).reset_index()


def code_points(label: str = "Jobbkлубb") -> pd.DataFrame:
    """Each character of a label with its Unicode code point and name: look-alike letters show up."""
    return pd.DataFrame([(ch, f"U+{ord(ch):04X}", unicodedata.name(ch, "?"), "Cyrillic" if "CYRILLIC" in unicodedata.name(ch, "") else "Latin")
                         for ch in label], columns=["character", "code point", "Unicode name", "script"])


def printed_labels(frame: pd.DataFrame, programme: str = "Jobbklubb") -> pd.DataFrame:
    """Every printing of a programme's label: the tidy frame keeps the printed text next to the repaired one."""
    rows = frame[frame["programme"] == programme]
    out = rows.groupby(["source", "label"]).agg(rows=("line", "size"), first_line=("line", "min")).reset_index()
    out["code points differ"] = [label != programme for label in out["label"]]
    return out


# -- reconciliation -------------------------------------------------------------------------------------------
def reconciliation_summary(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Totals checked and violations, by dimension (rows) and table (columns)."""
    check_lang(lang)
    report = reconcile(frame)
    bad = violations(report)
    counts = report.pivot_table(index="dimension", columns="source", values="ok", aggfunc="size", fill_value=0)
    counts = counts.reindex(index=list(DIMENSIONS), columns=list(TABLES), fill_value=0)
    counts.index = [DIMENSION_WORDS[d] for d in counts.index]
    counts.loc["all totals checked"] = counts.sum()
    counts.loc["violations"] = [int((bad["source"] == s).sum()) for s in TABLES]
    counts.columns = [TABLES[s][lang] for s in counts.columns]
    counts.index.name = "totals checked, by dimension"
    return counts.reset_index()


# -- how much the stars hide ----------------------------------------------------------------------------------
LEVELS = {"en": ("All programmes", "Programme group", "Programme"), "nb": ("Alle tiltak", "Tiltaksgruppe", "Tiltak")}
BREAKDOWNS = {"en": ("not split further", "split by one of status group, gender or age", "split by status group and by gender or age"),
              "nb": ("ikke delt videre", "delt på én av hovedgruppe, kjønn eller alder", "delt på hovedgruppe og på kjønn eller alder")}


def _cells(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    cells = frame[frame["measure"] == "participants"].copy()
    level = pd.Series(0, index=cells.index).mask(cells["programme_group"] != T, 1).mask(cells["programme"] != T, 2)
    splits = (cells["status_group"] != T).astype(int) + ((cells["gender"] != T) | (cells["age_group"] != T)).astype(int)
    cells["level"] = [LEVELS[lang][i] for i in level]
    cells["breakdown"] = [BREAKDOWNS[lang][i] for i in splits]
    cells["table"] = [TABLES[s][lang] for s in cells["source"]]
    return cells


def suppressed_share(frame: pd.DataFrame, lang: str = "en") -> Figure:
    """Share of participant cells printed as '*', by table, by level (all/group/programme) and breakdown."""
    check_lang(lang)
    cells = _cells(frame, lang)
    data = cells.groupby(["table", "level", "breakdown"], observed=True).agg(cells=("suppressed", "size"), starred=("suppressed", "sum")).reset_index()
    data["share"] = (100 * data["starred"] / data["cells"]).round(1)
    table_order = [TABLES[s][lang] for s in TABLES]
    base = alt.Chart(data).encode(
        y=alt.Y("level:N", title=None, sort=list(LEVELS[lang])),
        yOffset=alt.YOffset("breakdown:N", sort=list(BREAKDOWNS[lang])),
    )
    share_title = {"en": "Starred cells (%)", "nb": "Prikkede celler (%)"}[lang]
    bars = base.mark_bar().encode(
        x=alt.X("share:Q", title=share_title, scale=alt.Scale(domain=[0, 40])),
        color=alt.Color("breakdown:N", title=None, sort=list(BREAKDOWNS[lang]),
                        scale=alt.Scale(domain=list(BREAKDOWNS[lang]), range=[PALETTE[6], PALETTE[0], PALETTE[1]]),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("table:N", title={"en": "Table", "nb": "Tabell"}[lang]), alt.Tooltip("level:N", title={"en": "Level", "nb": "Nivå"}[lang]),
                 alt.Tooltip("breakdown:N", title={"en": "Breakdown", "nb": "Inndeling"}[lang]),
                 alt.Tooltip("cells:Q", title={"en": "Cells", "nb": "Celler"}[lang], format=",d"),
                 alt.Tooltip("starred:Q", title={"en": "Starred", "nb": "Prikket"}[lang], format=",d"),
                 alt.Tooltip("share:Q", title=share_title, format=".1f")],
    )
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(x="share:Q", text=alt.Text("share:Q", format=".0f"))
    chart = (bars + labels).properties(width=190, height=alt.Step(13)).facet(
        column=alt.Column("table:N", title=None, sort=table_order, header=alt.Header(labelFontWeight="bold")))
    title = {"en": "How much each table hides behind stars", "nb": "Hvor mye hver tabell skjuler bak stjerner"}[lang]
    subtitle = {"en": ["Participant cells printed as * (a count below 4), by level of detail and how finely the cell is split.", word("source", lang)],
                "nb": ["Deltakerceller trykt som * (et tall under 4), etter detaljnivå og hvor fint cellen er delt.", word("source", lang)]}[lang]
    chart = chart.properties(title=titled(title, subtitle))
    top = data.loc[data["share"].idxmax()]
    one_month = cells[cells["source"] == ONE_MONTH]["suppressed"].mean() * 100
    never = data[data["level"] == LEVELS[lang][0]]["starred"].sum() == 0
    if lang == "en":
        takeaway = (f"The finer the cell, the more stars: {number(top['share'])} % of {top['level'].lower()} cells {top['breakdown']} in the "
                    f"{top['table']} table are starred, against {number(one_month, decimals=1)} % of all cells in the one-month table"
                    + ("; a total over all programmes is never starred." if never else "."))
    else:
        takeaway = (f"Jo finere cellen er, jo flere stjerner: {number(top['share'], 'nb')} % av cellene på nivået {top['level'].lower()} "
                    f"{top['breakdown']} i tabellen {top['table']} er prikket, mot {number(one_month, 'nb', 1)} % av alle cellene i "
                    "tabellen for én måned" + ("; en sum over alle tiltak er aldri prikket." if never else "."))
    numbers = data.rename(columns={"table": {"en": "Table", "nb": "Tabell"}[lang], "level": {"en": "Level", "nb": "Nivå"}[lang],
                                   "breakdown": {"en": "Breakdown", "nb": "Inndeling"}[lang], "cells": {"en": "Cells", "nb": "Celler"}[lang],
                                   "starred": {"en": "Starred", "nb": "Prikket"}[lang], "share": {"en": "Starred (%)", "nb": "Prikket (%)"}[lang]})
    return Figure(finish(chart, lang), takeaway, numbers, title)


register(Explorer("suppressed_share", suppressed_share, {"lang": LANGUAGES}))


# -- where does this number come from? ----------------------------------------------------------------------------
PROGRAMME_CHOICES: tuple[tuple[str, str], ...] = (
    ("All programmes (I alt)", "I alt"),
    *((f"Group: {g} ({e})", f"group:{g}") for g, e in vocab.PROGRAMME_GROUPS.items()),
    *((f"Programme: {p} ({vocab.english(p)})", f"programme:{p}") for p in (
        "Jobbklubb", "Arbeidstrening", "Avklaring", "Oppfølging", "Arbeidsmarkedsopplæring (AMO)", "Midlertidig lønnstilskudd",
        "Varig tilrettelagt arbeid i skjermet virksomhet", "Tilretteleggingstilskudd for arbeidssøker", "Digital oppfølging/jobbklubb")),
)
PERIODS: tuple[str, ...] = ("2016-11", *(f"2019-{m:02d}" for m in range(1, 13)), *(f"2021-{m:02d}" for m in range(1, 6)))


def _programme_key(choice: str) -> tuple[str, str]:
    if choice == T:
        return T, T
    kind, _, name = choice.partition(":")
    if kind == "group" and name in vocab.PROGRAMME_GROUPS:
        return name, T
    if kind == "programme" and name in vocab.PROGRAMMES:
        return vocab.PROGRAMMES[name][0], name
    raise ValueError(f"programme must be 'I alt', 'group:<programme group>' or 'programme:<programme>', not {choice!r}")


def source_of(frame: pd.DataFrame, period: str, status_group: str = T, programme_group: str = T, programme: str = T,
              gender: str = T, age_group: str = T, measure: str = "participants") -> dict[str, object]:
    """Where a published number was first printed: file, line, the line's text, and the tidy row.

    Raises KeyError when the tables hold no such number (the message says which table covers the month).
    """
    key = {"status_group": status_group, "gender": gender, "age_group": age_group, "programme_group": programme_group,
           "programme": programme, "measure": measure}
    mask = frame["period"].astype(str) == period
    for name, value in key.items():
        mask &= frame[name] == value
    rows = frame[mask]
    if rows.empty:
        sources = frame.loc[frame["period"].astype(str) == period, "source"].unique()
        where = f"the {TABLES[sources[0]]['en']} table" if len(sources) else "none of the three tables"
        raise KeyError(f"no number for {period}, {status_group}, {programme_group}, {programme} (gender {gender}, age {age_group}); "
                       f"{period} is covered by {where}")
    row = rows.iloc[0]
    value = None if row["suppressed"] else int(row["value"])
    return {"source": row["source"], "line": int(row["line"]), "text": raw_line(row["source"], int(row["line"])),
            "value": value, "suppressed": bool(row["suppressed"]), "label": row["label"], "column": row["column"], "row": row}


def _header_before(source: str, line: int) -> tuple[int, list[str]]:
    lines = load_lines()
    headers = lines[(lines["source"] == source) & (lines["kind"] == "header") & (lines["line"] < line)]
    number_ = int(headers["line"].max())
    return number_, [c.strip() for c in raw_line(source, number_)[1:].split("\t")]


def _line_cells(frame: pd.DataFrame, source: str, line: int, picked_column: str, lang: str = "en") -> pd.DataFrame:
    """The printed line cut into its cells: the label, then each number under its column header."""
    header_line, headers = _header_before(source, line)
    parts = raw_line(source, line).split("\t")
    label = re.sub(r"</?b>", "", parts[0]).strip()
    rows = [(0, {"en": "Label as printed", "nb": "Etikett som trykt"}[lang], label, False)]
    for i, (header, cell) in enumerate(zip(headers, parts[1:]), start=1):
        rows.append((i, header, re.sub(r"</?b>", "", cell).replace("\\*", "*") or "(empty)", header == picked_column))
    out = pd.DataFrame(rows, columns=["position", "column", "printed", "picked"])
    out["header_line"] = header_line
    return out


def where_from(frame: pd.DataFrame, period: str = "2021-03", status_group: str = T, programme: str = "programme:Jobbklubb",
               lang: str = "en") -> Figure:
    """Pick a number by month, status group and programme; see the printed line it came from, cell by cell.

    If the tables print no such number (a programme that did not exist that year, or the 2019 table,
    which gives programmes only within a status group), the takeaway says so and the figure shows
    the status group's total for that month instead.
    """
    check_lang(lang)
    group, name = _programme_key(programme)
    note = ""
    try:
        found = source_of(frame, period, status_group, group, name)
    except KeyError:
        found = source_of(frame, period, status_group)
        what = vocab.english(name if name != T else group)
        note = ({"en": f"The {TABLES[found['source']]['en']} table has no number for {what} here; showing the total instead. ",
                 "nb": f"Tabellen {TABLES[found['source']]['nb']} har ikke noe tall for {name if name != T else group} her; "
                       "viser summen for hovedgruppen i stedet. "}[lang])
        group, name = T, T
    row = found["row"]
    cells = _line_cells(frame, found["source"], found["line"], found["column"], lang)
    header_line = int(cells["header_line"].iloc[0])
    cells["header"] = ["\n".join(textwrap.wrap(c, 12)) for c in cells["column"]]
    widths = [max(48.0, 7.8 * len(p) + 14, 7.0 * max(len(w) for w in c.split()) + 10) for p, c in zip(cells["printed"], cells["column"])]
    cells["x0"] = pd.Series(widths).cumsum().shift(fill_value=0.0).to_numpy()
    cells["x1"] = cells["x0"] + widths
    cells["xm"] = (cells["x0"] + cells["x1"]) / 2
    lines_up = int(cells["header"].str.count("\n").max()) + 1
    top = 14 * lines_up + 8
    cells["head_y"] = top - 4 - 14 * (cells["header"].str.count("\n") + 1)
    x = alt.X("x0:Q", scale=alt.Scale(domain=[0, float(cells["x1"].max())]), axis=None)
    data = cells[["column", "header", "printed", "picked", "x0", "x1", "xm", "head_y"]]
    boxes = alt.Chart(data).mark_rect(stroke="#222222", strokeWidth=1).encode(
        x=x, x2="x1:Q", y=alt.value(top), y2=alt.value(top + 40),
        color=alt.condition(alt.datum.picked, alt.value("#F6C98E"), alt.value("#F2F2F2")),
        tooltip=[alt.Tooltip("column:N", title={"en": "Column", "nb": "Kolonne"}[lang]), alt.Tooltip("printed:N", title={"en": "Printed", "nb": "Trykt"}[lang])])
    text = alt.Chart(data).mark_text(fontSize=13, fontWeight="bold").encode(
        x=alt.X("xm:Q", scale=alt.Scale(domain=[0, float(cells["x1"].max())]), axis=None), y=alt.value(top + 20), text="printed:N")
    heads = alt.Chart(data).mark_text(fontSize=11, baseline="top", lineBreak="\n", lineHeight=14, color="#444444").encode(
        x=alt.X("xm:Q", scale=alt.Scale(domain=[0, float(cells["x1"].max())]), axis=None),
        y=alt.Y("head_y:Q", scale=None, axis=None), text="header:N")
    title = {"en": f"Line {found['line']} of {found['source']}", "nb": f"Linje {found['line']} i {found['source']}"}[lang]
    subtitle = {"en": [f"The printed line cut at its tabs, under the column headers of line {header_line}; the number you picked is shaded.",
                       word("source", lang)],
                "nb": [f"Den trykte linjen delt ved tabulatorene, under kolonneoverskriftene på linje {header_line}; tallet du valgte er skyggelagt.",
                       word("source", lang)]}[lang]
    chart = (boxes + text + heads).properties(width=float(cells["x1"].max()), height=top + 44, title=titled(title, subtitle))
    what = ", ".join(value_label(v, lang) for v in (status_group, group, name) if v != T) or value_label(T, lang)
    month = month_label(pd.Period(period, "M"), lang)
    picked = cells.loc[cells["picked"], "printed"]
    if found["suppressed"]:
        shown = {"en": "* (a count below 4)", "nb": "* (et tall under 4)"}[lang]
    elif len(picked) and picked.iloc[0] == "(empty)":
        shown = {"en": "0 (an empty cell)", "nb": "0 (en tom celle)"}[lang]
    else:
        shown = number(found["value"], lang)
    code = found["text"].replace("`", "'")
    if len(code) > 150:  # keep the sentence short: the line up to the picked cell (the chart shows it all)
        cut = code.split("\t")
        keep = int(cells.loc[cells["picked"], "position"].iloc[0]) + 1 if cells["picked"].any() else 2
        code = "\t".join(cut[:keep]) + ("\t…" if keep < len(cut) else "")
    if lang == "en":
        takeaway = f"{note}{month}, {what}: {shown}, printed on line {found['line']} of {found['source']} as `{code}`."
    else:
        takeaway = f"{note}{month}, {what}: {shown}, trykt på linje {found['line']} i {found['source']} som `{code}`."
    ledger = load_ledger()
    copies = ledger[(ledger["source"] == found["source"]) & (ledger["first_line"] == found["line"]) & (ledger["role"] == "repeat")]
    copies = copies[(copies["period"] == period) & (copies["status_group"] == status_group) & (copies["programme_group"] == group)
                    & (copies["programme"] == name) & (copies["gender"] == T) & (copies["age_group"] == T)]
    if not copies.empty and len(takeaway) < 300:
        lines = ", ".join(str(n) for n in sorted(copies["line"].unique())[:4])
        takeaway += {"en": f" It is printed again on line {lines}.", "nb": f" Det er trykt igjen på linje {lines}."}[lang]
    table = pd.DataFrame([{**{k: (str(row[k]) if k == "period" else row[k]) for k in KEY}, "value": row["value"],
                           "suppressed": bool(row["suppressed"]), "source": row["source"], "line": int(row["line"]),
                           "label": row["label"], "column": row["column"], "printed line": found["text"]}])
    return Figure(finish(chart, lang), takeaway, table, title)


register(Explorer(
    "where_from", where_from,
    {"period": tuple((month_label(pd.Period(p, "M"), "en"), p) for p in PERIODS),
     "status_group": (("All status groups (I alt)", T), *((f"{s} ({e})", s) for s, e in vocab.STATUS_GROUPS.items())),
     "programme": PROGRAMME_CHOICES,
     "lang": LANGUAGES},
    defaults={"period": "2021-03", "status_group": T, "programme": "programme:Jobbklubb", "lang": "en"},
))


# -- a damaged excerpt ------------------------------------------------------------------------------------------------
EXCERPT = (ONE_MONTH, 133, 153)  # a page of the one-month table that ends with a group total


def excerpt_lines() -> list[str]:
    source, first, last = EXCERPT
    return [raw_line(source, n) for n in range(first, last + 1)]


def damaged_excerpt(kind: str = "merged cells") -> str:
    """The excerpt with one deliberate fault: 'merged cells' (a lost tab), 'letter O' (O for 0) or 'misspelt label'."""
    lines = excerpt_lines()
    faults = {"merged cells": ("Mentor\t", "13\t13", "13 13"), "letter O": ("Oppfølging\t", "10 397", "1O 397"),
              "misspelt label": ("Jobbklubb\t", "Jobbklubb", "Jobbklub")}
    if kind not in faults:
        raise KeyError(f"no fault {kind!r}; known: {', '.join(faults)}")
    start, old, new = faults[kind]
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = lines[index].replace(old, new)
    return "\n".join(lines)


def numbered(text: str) -> str:
    """A text with line numbers on the left and tabs shown as '→', for printing an excerpt."""
    return "\n".join(f"{n:>3}  {line.replace(chr(9), ' → ')}" for n, line in enumerate(text.split("\n"), start=1))


def parse_problem(text: str) -> ParseError | None:
    """The ParseError the strict parser raises for a text, or None if it reads cleanly."""
    try:
        parse_table(text, "excerpt.txt")
    except ParseError as error:
        return error
    return None


# -- glossary ----------------------------------------------------------------------------------------------------------
def terms_introduced(stem: str = "02_reading_nav_tables") -> pd.DataFrame:
    """The glossary's terms that this notebook explains first."""
    from ..glossary import load_glossary

    table = load_glossary()
    table = table[table["first_explained"] == stem]
    return table[["term_nb", "term_en", "definition"]].rename(columns={"term_nb": "Norwegian", "term_en": "English", "definition": "meaning"}).reset_index(drop=True)


# -- key findings ----------------------------------------------------------------------------------------------------------
def key_findings(frame: pd.DataFrame) -> list[str]:
    """Key findings for 02_reading_nav_tables, as sentences computed from the tables."""
    ledger = load_ledger()
    facts, repeats = int((ledger["role"] == "fact").sum()), int((ledger["role"] == "repeat").sum())
    cells = frame[frame["measure"] == "participants"]
    bounds = star_bounds(frame)
    report = reconcile(frame)
    repairs = load_repairs()
    share = cells.groupby("source")["suppressed"].mean() * 100
    return [
        f"The three tables print {number(facts + repeats)} numbers; {number(facts)} of them are distinct facts and {number(repeats)} repeat "
        "a number printed earlier (a total at the top of every page, a group total in two sections). Every tidy row keeps the file and "
        "line it came from.",
        f"{number(int(cells['suppressed'].sum()))} of {number(len(cells))} participant numbers are printed as '*' (a count below 4): "
        f"{number(share[ONE_MONTH], decimals=1)} % in the one-month table of 2016, {number(share[AGE], decimals=1)} % in the 2019 table "
        f"by age and {number(share[GENDER], decimals=1)} % in the 2021 table by gender. Because totals were computed first, {number(int(bounds['recoverable'].sum()))} starred cells can be worked out exactly "
        "by subtraction; this collection never fills them in.",
        f"All {number(len(report))} totals lie within the bounds the stars allow ({len(violations(report))} violations), and "
        f"{number(len(repairs))} misprinted labels were read as NAV meant them, with the printed text kept.",
    ]


# -- exercises ---------------------------------------------------------------------------------------------------------------
EXERCISE_STAR = {"period": "2021-01", "status_group": "Arbeidssøkere på tiltak", "programme_group": "Opplæring",
                 "programme": "AMO Enkeltplass, Forsøk"}


def exercise_star_bounds(frame: pd.DataFrame | None = None) -> tuple[int, int]:
    """The bounds of the exercise's starred cell, from every total it belongs to."""
    bounds = star_bounds(data() if frame is None else frame)
    row = bounds[(bounds["period"] == EXERCISE_STAR["period"]) & (bounds["status_group"] == EXERCISE_STAR["status_group"])
                 & (bounds["gender"] == T) & (bounds["age_group"] == T) & (bounds["programme"] == EXERCISE_STAR["programme"])]
    return int(row["low"].item()), int(row["high"].item())


def _pair(answer: object) -> tuple[float, float] | None:
    if isinstance(answer, (list, tuple)) and len(answer) == 2:
        low, high = as_number(answer[0]), as_number(answer[1])
        return None if low is None or high is None else (low, high)
    if isinstance(answer, str):
        found = re.findall(r"\d+", answer)
        if len(found) == 2:
            return float(found[0]), float(found[1])
    return None


@exercise("02.1", hint="the status-group total on line 153 minus the visible part on line 403 is what the two stars add up to; each star is 0-3.")
def _(answer):
    low, high = exercise_star_bounds()
    pair = _pair(answer)
    if pair is None:
        return False, "give two numbers, the smallest and the largest, for example (0, 3) or '0-3'."
    if pair == (low, high):
        return True, (f"the star hides {low} or {high}: the two stars share the gap between the total and the visible part, "
                      "and neither can be more than 3.")
    if pair == (0, 3):
        return False, "that is what any star in a time series can hide; use the total to narrow it down."
    return False, "subtract the visible parts from the total, then ask how the rest can be shared between two cells of at most 3 each."


@exercise("02.2", hint="select the row with views.select(...) or boolean masks on frame and read its 'line' column.")
def _(answer):
    found = source_of(data(), "2016-11", "Nedsatt arbeidsevne, på tiltak", "Arbeidspraksis", "Arbeidstrening")
    value = as_number(answer) if not isinstance(answer, str) else as_number(re.sub(r"(?i)line", "", answer))
    if value == found["line"]:
        return True, f"line {found['line']} of {found['source']}: `{found['text']}`; the number is in the last column."
    return False, "look for the Arbeidstrening row in the one-month table's section 'Tiltak og hovedgrupper' (the tidy frame's 'line' column)."


@exercise("02.3", hint="tabs look like spaces on screen; count the cells of each row against the header's four columns.")
def _(answer):
    error = parse_problem(damaged_excerpt("merged cells"))
    assert error is not None and error.line is not None
    line_text = damaged_excerpt("merged cells").split("\n")[error.line - 1]
    label = line_text.split("\t")[0]
    if isinstance(answer, str) and answer.strip().lower() == label.lower():
        correct = True
    else:
        value = as_number(re.sub(r"(?i)line", "", answer)) if isinstance(answer, str) else as_number(answer)
        correct = value == error.line
    if correct:
        return True, f"line {error.line}, the '{label}' row: two of its numbers are joined by a space where a tab was lost, so it has one cell too few."
    return False, "run the parser on the excerpt (parse_table) and read which line its error names, or compare each row's cells with the header."


def suppression_options(frame: pd.DataFrame | None = None) -> dict[str, tuple[bool, str]]:
    """The options of exercise 02.4 and what the check says about each (the numbers come from line 142)."""
    frame = data() if frame is None else frame
    bounds = star_bounds(frame)
    pair = bounds[(bounds["source"] == ONE_MONTH) & (bounds["line"] == 142)]
    row = frame[(frame["source"] == ONE_MONTH) & (frame["line"] == 142)].set_index("status_group")
    gap = int(row.loc[T, "value"]) - int(row.loc[~row["suppressed"] & (row.index != T), "value"].sum())
    both = int(pair["low"].iloc[0])
    floor = suppression_floor(ONE_MONTH)
    return {
        "a": (False, "no: a footnote explains the star but does not stop anyone subtracting the visible programmes from the group total."),
        "b": (True, "yes: hiding a second cell (secondary suppression) leaves two unknowns for one total. Choose it with care: line 142 "
                    f"of the one-month table has {len(pair)} stars that must each be {both}, because each hides at least {floor} "
                    f"and together they hide {gap}."),
        "c": (False, "no: printing 0 for a count above 0 is a wrong number, and the total would no longer equal the sum of its parts."),
    }


@exercise("02.4", hint="which change leaves the reader with more than one unknown for the total? Answer 'a', 'b' or 'c'.")
def _(answer):
    key = answer.strip().lower().strip("()") if isinstance(answer, str) else None
    options = suppression_options()
    if key not in options:
        return False, "answer with one letter: 'a', 'b' or 'c'."
    return options[key]
