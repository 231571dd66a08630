"""What a notebook needs in a line or two: set-up, showing a figure, and controls that redraw it.

    from helpers.notebook import setup, show, explore
    frame = setup()

``show(figure)`` prints the takeaway, draws the chart and adds a folded "See the numbers" table.
``explore(draw, **controls)`` wires ipywidgets controls to a draw function: change a control and
the figure is drawn again. The draw functions are ordinary importable functions, so the tests
call them with every option of every control.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Callable

import pandas as pd

from . import charts
from .charts import Figure

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


def numbers_table(table: pd.DataFrame, lang: str = "en") -> str:
    """An HTML table of the numbers a chart draws; suppressed cells stay visible as '*'."""

    plain = {c for c in table.columns if re.search(r"\b(line|lines|linje|linjer|year|år)\b", str(c).lower())}

    def cell(value: object, column: object = None) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            return "*"
        if isinstance(value, bool):
            return str(value)
        if column in plain and isinstance(value, (int, float)) and float(value).is_integer():
            return str(int(value))  # years and line numbers are labels, not quantities
        if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer() and not isinstance(value, str)):
            return charts.number(float(value), lang)
        if isinstance(value, float):
            return charts.number(value, lang, decimals=1)
        return html.escape(str(value))

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v, c)}</td>" for v, c in zip(row, table.columns)) + "</tr>"
                   for row in table.itertuples(index=False))
    return f'<table class="numbers"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def details(summary: str, content_html: str) -> str:
    return f"<details><summary>{html.escape(summary)}</summary>\n{content_html}\n</details>"


def figure_parts(figure: Figure, lang: str | None = None) -> list:
    """What :func:`show` displays, in order: takeaway, chart, notes, the folded numbers table."""
    from IPython.display import HTML, Markdown

    lang = lang or figure.lang
    parts = [Markdown(f"**{figure.takeaway}**"), figure.chart]
    if figure.notes:
        parts.append(Markdown("\n".join(f"- *{note}*" for note in figure.notes)))
    summary = "See the numbers" if lang == "en" else "Se tallene"
    parts.append(HTML(details(summary, numbers_table(figure.table, lang))))
    return parts


def show(figure: Figure, lang: str | None = None) -> None:
    """Display a figure: its takeaway, the chart, any notes, and the numbers in a folded table."""
    from IPython.display import display

    for part in figure_parts(figure, lang):
        display(part)


def findings(sentences: list[str]) -> None:
    """Show key findings (computed sentences) as a bulleted list."""
    from IPython.display import Markdown, display

    display(Markdown("\n".join(f"- {sentence}" for sentence in sentences)))


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


def explore(draw: Callable[..., Figure], static: bool = False, **controls):
    """Controls above a figure; changing any control redraws it with ``draw(**values)``.

    Returns the widget to display (the last expression of a cell). The redraw keeps the old
    figure until the new one is ready, so the page does not jump. ``static=True`` stores a
    picture of the first view with the widget, for readers without a kernel (the dashboard).
    """
    import ipywidgets as widgets
    from IPython.display import display

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

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    box = Controls([widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap")), out])
    if static and not charts.in_voila():  # a Voilà page is never stored: no picture needed
        box.fallback_svg = charts.svg(draw(**{name: control.value for name, control in controls.items()}).spec())
    return box


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
