"""What every notebook shares for showing things: set-up, charts with their takeaway and numbers,
computed sentences, and controls that redraw a chart.

    from helpers.notebook import setup, show, say, explore, options
    participants = setup()
    show(chart, takeaway=f"...", table=numbers)   # an Altair chart you built, its one-line takeaway, its numbers
    say(f"... {value:,} ...")                      # a computed sentence (NAV's '*' stays visible)
    explore(draw, group=options(groups), lang=LANGUAGES)   # menus that call draw(group=..., lang=...)

The analysis itself (the pandas that makes the numbers, the Altair that draws them) lives in the
notebook, where a learner can read and change it.
"""

from __future__ import annotations

import html
import json
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence

import altair as alt
import pandas as pd

from . import charts
from . import vocabulary as vocab
from .charts import Figure
from .widgets import LANGUAGES  # noqa: F401  (the language menu notebooks pass to explore)

OUR_MODULES = r"^(helpers|pandas|altair|numpy)(\.|$)"


def setup() -> pd.DataFrame:
    """Enable the collection's chart theme and renderer, make deprecations errors, load the data."""
    from .tidy import load_participants

    charts.enable()
    for category in (DeprecationWarning, FutureWarning):
        warnings.filterwarnings("error", category=category, module=OUR_MODULES)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_colwidth", None)  # definitions and labels in tables are shown whole
    pd.set_option("display.width", 120)
    return load_participants()


HEADERS = {  # readable column headers for the numbers tables: (English, Norwegian)
    "period": ("Month", "Måned"),
    "value": ("Persons", "Personer"),
    "status_group": ("Status group", "Hovedgruppe"),
    "programme_group": ("Programme group", "Tiltaksgruppe"),
    "programme": ("Programme", "Tiltak"),
    "gender": ("Gender", "Kjønn"),
    "age_group": ("Age group", "Aldersgruppe"),
    "measure": ("Measure", "Mål"),
    "share": ("Share (%)", "Andel (%)"),
    "source": ("Source file", "Kildefil"),
    "line": ("Line", "Linje"),
    "label": ("Label as printed", "Tekst slik den er trykt"),
    "suppressed": ("Suppressed (*)", "Prikket (*)"),
}


def escape(text: str) -> str:
    """Markdown-safe text: every star stays a star (NAV's symbol for a hidden count), never italics.

    Computed sentences that want italics use underscores: ``_Andre på tiltak_``.
    """
    return text.replace("*", "\\*")


def say(text: str, bold: bool = False) -> None:
    """Display a computed sentence as Markdown, with NAV's stars kept visible."""
    from IPython.display import Markdown, display

    display(Markdown(f"**{escape(text)}**" if bold else escape(text)))


def findings(sentences: list[str]) -> None:
    """Show key findings (computed sentences) as a bulleted list."""
    from IPython.display import Markdown, display

    display(Markdown("\n".join(f"- {escape(sentence)}" for sentence in sentences)))


def header(column: object, lang: str) -> str:
    names = HEADERS.get(str(column))
    return names[0 if lang == "en" else 1] if names else str(column)


def numbers_table(table: pd.DataFrame, lang: str = "en") -> str:
    """An HTML table of the numbers a chart draws; suppressed cells stay visible as '*'."""

    plain = {c for c in table.columns if re.search(r"\b(line|lines|linje|linjer|year|år|record)\b", str(c).lower())}

    def cell(value: object, column: object = None) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            return "*"
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, pd.Period):
            return charts.month_label(value, lang) if value.freqstr.startswith("M") else str(value)
        if column in plain and isinstance(value, (int, float)) and float(value).is_integer():
            return str(int(value))  # years and line numbers are labels, not quantities
        if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer() and not isinstance(value, str)):
            return charts.number(float(value), lang)
        if isinstance(value, float):
            return charts.number(value, lang, decimals=1)
        return html.escape(str(value))

    head = "".join(f'<th scope="col">{html.escape(header(c, lang))}</th>' for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(v, c)}</td>" for v, c in zip(row, table.columns)) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f'<table class="numbers"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def details(summary: str, content_html: str) -> str:
    return f"<details><summary>{html.escape(summary)}</summary>\n{content_html}\n</details>"


STAR, NOT_PUBLISHED = "*", "–"  # a count NAV hid; a cell NAV never printed (no row in its table)


def mark_cells(
    rows: pd.DataFrame, index: str | list[str], columns: str, values: str = "value", suppressed: str = "suppressed"
) -> pd.DataFrame:
    """A pivot of published rows that keeps NAV's symbols: ``*`` where NAV hid the count, ``–`` where
    NAV printed no row, the count elsewhere (object cells). Unlike ``pivot_table(aggfunc="sum")`` it never
    turns a hidden or missing count into 0; a (index, column) pair printed twice is an error."""
    keyed = rows.set_index([*([index] if isinstance(index, str) else index), columns])
    if keyed.index.has_duplicates:
        raise ValueError(f"mark_cells: more than one row for {keyed.index[keyed.index.duplicated()][0]!r}")
    cells = pd.Series(
        [STAR if bool(h) else v for v, h in zip(keyed[values], keyed[suppressed].fillna(False))], index=keyed.index, dtype=object
    )
    return cells.unstack(columns).astype(object).where(lambda d: d.notna(), NOT_PUBLISHED)


def _symbol(value: object) -> object:
    """A table cell for a CSV: a missing count is NAV's '*' (never an empty cell that reads as 0)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return STAR
    if isinstance(value, float) and value.is_integer():  # a count stored as float (a column with NaN): 21309, not 21309.0
        return int(value)
    return value


SOURCE_WORDS = {  # words of a chart's 'Source:' line that name each kind of data (helpers.stamp's sources)
    "participants": ("En måned", "Tidsserie måned", "Tiltak og", "tables", "tabeller", "printed", ".txt"),
    "monthly": ("TILT", "monthly series", "JSON", "månedsstatistikk"),
    "audit": ("Riksrevisjonen", "Audit", "Tabell"),
}


def figure_sources(figure: Figure) -> tuple[str, ...]:
    """Which data a figure rests on, for its stamp: the figure's ``sources`` if given, else read off the
    'Source:'/'Kilde:' line of its subtitle (Riksrevisjonen: the audit; TILT or monthly: the monthly
    series; other NAV: the printed tables)."""
    given = getattr(figure, "sources", ())
    if given:
        return tuple(given)
    line = _source_line(figure)
    # NAV's printed tables are called "Tiltak. En måned" and "Tidsserie måned": 'måned' alone does not mean the monthly JSON.
    found = [name for name, words in SOURCE_WORDS.items() if any(word in line for word in words)]
    return tuple(found) or ("participants",)


def _source_line(figure: Figure) -> str:
    title = figure.spec().get("title", {})
    lines = title.get("subtitle", []) if isinstance(title, dict) else []
    lines = [lines] if isinstance(lines, str) else lines
    start = next((i for i, line in enumerate(lines) if line.startswith(("Source", "Kilde"))), None)
    # a long source line is wrapped over several subtitle lines (charts.wrap): keep all of it
    return " ".join(lines[start:]) if start is not None else "Source: NAV; Riksrevisjonen"


def csv_table(figure: Figure, lang: str) -> pd.DataFrame:
    """The chart's numbers as a CSV frame: readable headers, '*' for a hidden count, '–' for one NAV never printed."""
    table = figure.table.rename(columns=lambda c: header(c, lang))
    return table.astype(object).map(_symbol) if len(table) else table


def csv_stamp_line(figure: Figure, lang: str) -> str:
    """The CSV's first line: which month the data run to, when the copy was made, and the source."""
    from .stamp import csv_stamp

    sources = figure_sources(figure)
    notes = html.unescape(re.sub(r"<[^>]+>", " ", symbols_note(figure.table, lang, sources))).split()  # what '*' and '–' mean
    source = _source_line(figure).rstrip(".") + "."
    return " ".join([csv_stamp(sources, lang), source, *notes])


def csv_text(figure: Figure, lang: str, excel: bool = False) -> str:
    """The CSV text, dated by its first line (the data stamp and source, one quoted field; read the table
    with ``pd.read_csv(..., skiprows=1)``): plain (comma, decimal point), or for Norwegian Excel
    (semicolon, decimal comma, starting with a byte-order mark so Excel reads UTF-8)."""
    table = csv_table(figure, lang)
    stamp = '"' + csv_stamp_line(figure, lang).replace('"', '""') + '"'
    if not excel:
        return stamp + "\n" + table.to_csv(index=False, lineterminator="\n")
    return "\ufeff" + stamp + "\r\n" + table.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")


def csv_name(figure: Figure) -> str:
    """A file name from the chart's title, cut at a word (not mid-phrase) when long."""
    slug = re.sub(r"[^a-z0-9æøå]+", "-", figure.title.lower()).strip("-")
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]
    return slug or "numbers"


def csv_link(figure: Figure, lang: str) -> str:
    """Links that save the chart's numbers as CSV (data: URLs: they work offline, with no server).

    Always the plain CSV; on a bokmål page also one for Norwegian Excel (semicolon, decimal comma, BOM)."""
    from urllib.parse import quote

    name = csv_name(figure)
    text = "Download the numbers (CSV)" if lang == "en" else "Last ned tallene (CSV)"
    plain = (
        f'<a class="csv-download" download="{name}.csv" href="data:text/csv;charset=utf-8,'
        f'{quote(csv_text(figure, lang))}">{text}</a>'
    )
    if lang != "nb":
        return plain
    excel = (
        f'<a class="csv-download-excel" download="{name}-excel.csv" href="data:text/csv;charset=utf-8,'
        f'{quote(csv_text(figure, lang, excel=True))}">CSV for norsk Excel (semikolon, desimalkomma)</a>'
    )
    return f"{plain} · {excel}"


STAR_NOTES = {  # what '*' means, by the data a table rests on (helpers.stamp's sources)
    "participants": (
        "* : a count NAV hid (0–3, or 1–3 in the one-month table of November 2016); it is not counted as 0.",
        "* : et tall NAV har prikket (0–3, eller 1–3 i tabellen for november 2016); det er ikke regnet som 0.",
    ),
    "monthly": (
        "* : no count in NAV's monthly data (null): a hidden count (0–3) between two counts; before a programme's "
        "first count or after its last, possibly no programme running. It is not counted as 0.",
        "* : ingen tall i NAVs månedsdata (null): et prikket tall (0–3) mellom to tall; før første eller etter siste "
        "tall for et tiltak kan det også bety at tiltaket ikke fantes. Det er ikke regnet som 0.",
    ),
}


def symbols_note(table: pd.DataFrame, lang: str, sources: tuple[str, ...] = ("participants",)) -> str:
    """What the table's '*' and '–' mean, for the symbols it holds ('' when it holds neither) and the data it rests on."""
    cells = set(table.astype(object).map(_symbol).to_numpy().ravel().tolist()) if len(table) else set()
    notes = []
    if STAR in cells:
        notes += [STAR_NOTES[source][0 if lang == "en" else 1] for source in sources if source in STAR_NOTES]
    if NOT_PUBLISHED in cells:
        notes.append(
            "– : not published (NAV's table has no row for this cell)."
            if lang == "en"
            else "– : ikke publisert av NAV (tabellen har ingen rad for cellen)."
        )
    return "".join(f'<p class="table-note">{html.escape(note)}</p>' for note in notes)


def figure_parts(figure: Figure, lang: str | None = None) -> list:
    """What :func:`show` displays, in order: takeaway, chart, notes, the folded numbers table and its CSV.

    The chart gets the takeaway as its description (screen readers read it as the chart's name)."""
    from IPython.display import HTML, Markdown

    lang = lang or figure.lang
    chart = figure.chart
    if getattr(chart, "description", alt.Undefined) is alt.Undefined:
        chart = chart.properties(description=figure.takeaway)
    parts = [Markdown(f"**{escape(figure.takeaway)}**"), chart]
    if figure.notes:
        parts.append(Markdown("\n".join(f"- *{escape(note)}*" for note in figure.notes)))
    summary = "See the numbers" if lang == "en" else "Se tallene"
    table = numbers_table(figure.table, lang) + symbols_note(figure.table, lang, figure_sources(figure))
    parts.append(HTML(details(summary, table) + f"\n<p>{csv_link(figure, lang)}</p>"))
    return parts


def show(
    figure: Figure | alt.TopLevelMixin,
    takeaway: str | None = None,
    table: pd.DataFrame | None = None,
    lang: str | None = None,
    notes: Sequence[str] = (),
) -> None:
    """Display a chart with its takeaway and its numbers in a folded table.

    ``show(chart, takeaway, table)`` takes an Altair chart you built; ``show(figure)`` takes a
    :class:`Figure` (what an explorer's draw function returns). ``lang`` ('en' or 'nb') sets the
    number formats and table headers.
    """
    from IPython.display import display

    if not isinstance(figure, Figure):
        if takeaway is None or table is None:
            raise TypeError("show(chart, takeaway, table): a chart needs its one-line takeaway and the table of its numbers")
        figure = Figure(figure, takeaway, table, notes=list(notes), lang=lang or "")
    for part in figure_parts(figure, lang):
        display(part)


def options(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Menu options that show NAV's label with its English gloss: ('Opplæring (Training)', 'Opplæring')."""
    return tuple((vocab.both(value), value) for value in values)


def contents() -> None:
    """The table of contents of the collection, with each notebook's teaching and exercise time."""
    from IPython.display import Markdown, display

    from .collection import DASHBOARD, NOTEBOOKS

    rows = ["| Notebook | What it covers | Teaching | Exercises |", "|---|---|---|---|"]
    for nb in NOTEBOOKS:
        rows.append(f"| [{nb.stem[:2]} {nb.title}]({nb.file}) | {nb.summary} | {nb.teaching} min | {nb.exercises} min |")
    rows.append(f"| [{DASHBOARD.title}]({DASHBOARD.file}) | {DASHBOARD.summary} | | |")
    total_t = sum(nb.teaching for nb in NOTEBOOKS)
    total_e = sum(nb.exercises for nb in NOTEBOOKS)
    rows.append(f"| **All notebooks** | | **{total_t} min** | **{total_e} min** |")
    display(Markdown("\n".join(rows)))


def binder() -> None:
    """The Binder links of the collection (from helpers/collection.py, like README's)."""
    from IPython.display import Markdown, display

    from .collection import binder_links_markdown

    display(Markdown(binder_links_markdown()))


CHECK_EVERY_OPTION = "NAV_CHECK_EVERY_OPTION"  # set by the test-suite: explore() then draws every option first


def explore(draw: Callable[..., Figure], static: bool = False, **controls):
    """Controls above a figure; changing any control redraws it with ``draw(**values)``.

    Each keyword names an argument of ``draw`` and gives its menu: a sequence of (label, value)
    pairs (see :func:`options`), or a ready ipywidgets control. Returns the widget to display (the
    last expression of a cell). The redraw keeps the old figure until the new one is ready, so the
    page does not jump. ``static=True`` stores a picture of the first view with the widget, for
    readers without a kernel (GitHub, the static site).

    When the environment variable ``NAV_CHECK_EVERY_OPTION`` is set (the test-suite sets it for
    nbval), every option of every control is drawn and checked before the controls are shown.
    """
    import ipywidgets as widgets

    from .widgets import control

    controls = {name: c if isinstance(c, widgets.Widget) else control(name, tuple(c)) for name, c in controls.items()}
    if os.environ.get(CHECK_EVERY_OPTION):
        check_every_option(draw, {name: tuple(c.options) for name, c in controls.items()})
    Controls = _controls_class()
    out = widgets.Output()

    def redraw(change: object = None) -> None:
        values = {name: control.value for name, control in controls.items()}
        figure = draw(**values)
        with charts.live_only():
            if change is None:
                # The first view is put into the Output directly, not through `with out:`: while a
                # notebook is being executed (Voilà, nbclient) displays captured by an Output widget
                # can leave the executor waiting for ever (nbclient issue #312).
                for obj in figure_parts(figure, values.get("lang")):
                    out.append_display_data(obj)
                return
            with out:
                out.clear_output(wait=True)
                show(figure, lang=values.get("lang"))

    for control_ in controls.values():
        control_.observe(redraw, names="value")
    redraw()
    box = Controls([widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap")), out])
    if static and not charts.in_voila():  # a Voilà page is never stored: no picture needed
        box.fallback_svg = charts.svg(draw(**{name: control.value for name, control in controls.items()}).spec())
    return box


def check_every_option(draw: Callable[..., Figure], menus: dict[str, tuple]) -> int:
    """Draw every option of every menu (every combination when there are few) and check each figure.

    A figure passes when its spec is valid Vega-Lite and valid JSON (no NaN), its data has rows,
    it has a takeaway and a numbers table. Raises AssertionError naming the options that failed;
    returns how many figures were drawn.
    """
    from .widgets import combinations

    menus = {name: tuple(o if isinstance(o, tuple) else (str(o), o) for o in opts) for name, opts in menus.items()}
    drawn = 0
    for values in combinations(menus):
        try:
            figure = draw(**values)
            assert isinstance(figure, Figure), f"draw() returned {type(figure).__name__}, not a Figure"
            spec = figure.chart.to_dict(validate=True)
            json.dumps(spec, allow_nan=False)
            assert all(len(rows) > 0 for rows in spec.get("datasets", {}).values()), "a chart without data"
            assert figure.takeaway.strip() and len(figure.table) > 0, "no takeaway or no numbers table"
        except Exception as error:
            raise AssertionError(f"{getattr(draw, '__name__', 'draw')}({values}) failed: {error}") from error
        drawn += 1
    return drawn


def _controls_class():
    import ipywidgets as widgets

    class Controls(widgets.VBox):
        """The explorer's box; its text form tells readers of a static copy where the controls work.

        With ``fallback_svg`` set, the output also carries a picture of the default view: JupyterLab
        and Voilà show the live widget, GitHub, nbviewer and the static site show the picture.
        """

        fallback_svg: str | None = None

        def __repr__(self) -> str:
            return "[Interactive controls: run this notebook in JupyterLab, Voilà or Binder to use them.]"

        def _repr_mimebundle_(self, **kwargs):
            bundle = super()._repr_mimebundle_(**kwargs)
            if self.fallback_svg and bundle is not None:
                bundle["image/svg+xml"] = self.fallback_svg
            return bundle

    return Controls


def __getattr__(name: str):
    if name == "Controls":
        return _controls_class()
    raise AttributeError(name)
