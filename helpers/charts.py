"""Charts for the collection: one theme, one renderer, and chart functions that return a Figure.

A :class:`Figure` is a chart together with its one-line takeaway (computed from the data) and
the numbers it draws as a table, so every chart can be read without seeing it. Chart functions
take tidy data, aggregate it in pandas first (a chart embeds only what it draws) and label
everything in English or Norwegian through one ``lang`` argument.

Rendering: the ``nav`` renderer emits the Vega-Lite v5 spec, which JupyterLab and Voilà draw
offline with their built-in Vega renderer, plus a static SVG made in the kernel by vl-convert,
which GitHub, nbviewer and other viewers without JavaScript show instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from . import vocabulary as vocab

T = vocab.TOTAL
VEGA_LITE_VERSION = "5.20"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

# Okabe-Ito hues, darkened where needed so every colour has at least 3:1 contrast on white
# (tests/test_charts.py checks the ratios).
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#332288", "#666666", "#882255")
STATUS_COLOURS = {
    "Arbeidssøkere på tiltak": "#0072B2",
    "Nedsatt arbeidsevne, på tiltak": "#D55E00",
    "Andre på tiltak": "#009E73",
}
GENDER_COLOURS = {"Kvinner": "#882255", "Menn": "#009E73"}
SEQUENTIAL_SCHEME = "blues"

LOCALES: dict[str, dict[str, Any]] = {
    "en": {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["NOK ", ""]}},
    "nb": {
        "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]},
        "time": {
            "dateTime": "%A %e. %B %Y kl. %X",
            "date": "%d.%m.%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
            "shortDays": ["søn.", "man.", "tir.", "ons.", "tor.", "fre.", "lør."],
            "months": [month.lower() for month in vocab.MONTHS_NB],
            "shortMonths": ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."],
        },
    },
}

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "nb": tuple(m.lower() for m in vocab.MONTHS_NB),
}


def check_lang(lang: str) -> None:
    if lang not in ("en", "nb"):
        raise ValueError(f"lang must be 'en' (English) or 'nb' (Norwegian bokmål), not {lang!r}")


def month_label(period: pd.Period, lang: str) -> str:
    """'November 2016' or 'november 2016'."""
    return f"{MONTHS[lang][period.month - 1]} {period.year}"


def value_label(value: str, lang: str) -> str:
    """A dimension value (NAV's Norwegian label) in the chosen language."""
    check_lang(lang)
    return value if lang == "nb" else vocab.english(value)


def number(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A number formatted as NAV prints it ('83 484', '44,1') or in English style ('83,484')."""
    text = f"{value:,.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


# -- theme ---------------------------------------------------------------------------------------
@alt.theme.register("nav", enable=False)
def nav_theme() -> alt.theme.ThemeConfig:
    """Readable fonts, titles with subtitles, the colour-blind-safe palette, quiet gridlines."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "title": {
                "fontSize": 16,
                "fontWeight": "bold",
                "anchor": "start",
                "subtitleFontSize": 13,
                "subtitleColor": "#444444",
                "offset": 10,
            },
            "padding": {"left": 5, "top": 5, "right": 60, "bottom": 5},
            "axis": {
                "labelLimit": 320,
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "titleColor": "#222222",
                "labelColor": "#222222",
                "gridColor": "#e6e6e6",
                "domainColor": "#888888",
                "tickColor": "#888888",
            },
            "legend": {
                "labelLimit": 300,
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "orient": "bottom",
            },
            "header": {"labelFontSize": 12, "titleFontSize": 13},
            "range": {"category": list(PALETTE), "ordinal": {"scheme": SEQUENTIAL_SCHEME}},
            "bar": {"color": PALETTE[0]},
            "line": {"color": PALETTE[0], "strokeWidth": 2.5},
            "point": {"color": PALETTE[0], "size": 50},
        }
    }


# -- rendering -----------------------------------------------------------------------------------
def svg(spec: dict) -> str:
    """A static SVG of a Vega-Lite spec, drawn in the kernel (no browser, no network)."""
    import html

    import vl_convert

    picture = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)
    # Coordinates to a tenth of a pixel (a third smaller stored notebooks; nothing visible changes).
    picture = re.sub(r'="([^"]*)"', lambda m: '="' + re.sub(r"(\d\.\d)\d+", r"\1", m[1]) + '"', picture)
    # Inside role="img" the marks' own labels are never read (the picture is one image named by its <title>):
    # dropping them keeps stored notebooks small.
    picture = re.sub(r' (?:aria-label|aria-roledescription|role)="[^"]*"', "", picture)
    title = spec.get("title", "")
    name = spec.get("description") or (title.get("text", "") if isinstance(title, dict) else str(title)) or "Chart"
    # An image with a name for screen readers: role="img" and a <title> (the takeaway, or the chart's title).
    return picture.replace("<svg ", '<svg role="img" ', 1).replace(">", f"><title>{html.escape(str(name))}</title>", 1)


_STATIC_PICTURES = [True]


class live_only:
    """Inside this block charts are rendered for a live page only: no static SVG or PNG.

    Used for what controls draw: JupyterLab and Voilà draw the Vega-Lite spec, and a widget's
    output is never stored in the notebook, so the pictures would only cost time.
    """

    def __enter__(self) -> None:
        _STATIC_PICTURES.append(False)

    def __exit__(self, *exc: object) -> None:
        _STATIC_PICTURES.pop()


def in_voila() -> bool:
    """True in a kernel started by Voilà (it sets SERVER_SOFTWARE=voila/<version> for its kernels)."""
    import os

    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/")


def render(spec: dict, **metadata: Any) -> dict:
    """Altair renderer: the live Vega-Lite spec plus a static SVG fallback and a text line.

    Under Voilà the bundle carries a one-pixel PNG instead of the SVG: JupyterLab's Vega renderer,
    which Voilà uses, tries to store a PNG of every chart that has none, and Voilà's read-only outputs
    answer that with a JavaScript error shown under the chart. A Voilà page is never saved nor read
    without JavaScript, so neither picture would be seen; drawing them cost ~0.4 s per chart.
    """
    spec = {**spec, "usermeta": {**spec.get("usermeta", {}), "embedOptions": embed_options()}}
    title = spec.get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    text = text if isinstance(text, str) else ""
    bundle = {"application/vnd.vegalite.v5+json": spec, "text/plain": f"<Chart: {text}>" if text else "<Chart>"}
    if not _STATIC_PICTURES[-1]:
        return bundle
    if not in_voila():  # a Voilà page is never stored or read without JavaScript: no SVG needed there
        bundle["image/svg+xml"] = svg(spec)
    else:
        bundle["image/png"] = ONE_PIXEL_PNG
    return bundle


# The chart menu (vega-embed reads usermeta.embedOptions): save as SVG/PNG only. "Open in Vega Editor"
# would post the chart with its data to an outside site; "View source/compiled" add nothing for readers.
EMBED_OPTIONS = {"actions": {"export": True, "source": False, "compiled": False, "editor": False}}
# The menu's words in bokmål (vega-embed's i18n option) on a page asked for in bokmål (?lang=nb, NAV_LANG=nb).
EMBED_I18N = {
    "nb": {
        "CLICK_TO_VIEW_ACTIONS": "Klikk for å se valgene",
        "COMPILED_ACTION": "Vis Vega-koden",
        "EDITOR_ACTION": "Åpne i Vega Editor",
        "PNG_ACTION": "Lagre som PNG",
        "SOURCE_ACTION": "Vis kildekoden",
        "SVG_ACTION": "Lagre som SVG",
    }
}


def embed_options() -> dict:
    """The chart menu's options, its words in the page's language (helpers.headline.page_lang)."""
    from .headline import page_lang  # headline imports this module: imported when a chart is drawn

    words = EMBED_I18N.get(page_lang())
    return {**EMBED_OPTIONS, "i18n": words} if words else EMBED_OPTIONS


ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII="  # transparent


alt.renderers.register("nav", render)


def _json_safe(value: Any) -> Any:
    """NaN and infinities become null: JSON has no NaN, and a missing number must stay missing."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value


def to_values(data: Any) -> dict:
    """Altair's default data transformer (row limit, inline values), with NaN turned into null."""
    values = alt.utils.data.to_values(alt.utils.data.limit_rows(data, max_rows=5000))
    if isinstance(values, dict) and "values" in values:
        values["values"] = [
            {k: _json_safe(v) for k, v in row.items()} if isinstance(row, dict) else row for row in values["values"]
        ]
    return values


alt.data_transformers.register("nav", to_values)


def enable() -> None:
    """Use the collection's theme, renderer and data transformer (called by :func:`helpers.notebook.setup`)."""
    alt.theme.enable("nav")
    alt.renderers.enable("nav")
    alt.data_transformers.enable("nav")


# -- figures -------------------------------------------------------------------------------------
@dataclass
class Figure:
    """A chart, its one-line takeaway, and the numbers it draws (for readers who cannot see it).

    ``lang`` sets the chart's number and date formats (``finish``); the title is read from the
    chart unless given.
    """

    chart: alt.TopLevelMixin
    takeaway: str
    table: pd.DataFrame
    title: str = ""
    notes: list[str] = field(default_factory=list)
    lang: str = ""
    sources: tuple[
        str, ...
    ] = ()  # 'monthly', 'participants', 'audit': the data its CSV's stamp names (else read off the subtitle)

    def __post_init__(self) -> None:
        if not self.lang:
            self.lang = _chart_lang(self.chart) or "en"
        check_lang(self.lang)
        if _chart_lang(self.chart) is None:
            self.chart = finish(self.chart, self.lang)
        if not self.title:
            title = self.chart.to_dict(validate=False).get("title", "")  # validating here doubled a draw's time
            text = title.get("text", "") if isinstance(title, dict) else title
            # a title that follows a menu is a Vega expression: name the figure by its first line instead
            self.title = (
                text
                if isinstance(text, str)
                else (text[0] if isinstance(text, list) and text and isinstance(text[0], str) else "chart")
            )
        self.notes = list(self.notes)

    def spec(self) -> dict:
        return self.chart.to_dict()


def _chart_lang(chart: alt.TopLevelMixin) -> str | None:
    """The language :func:`finish` gave a chart, or None if it has not been finished."""
    locale = getattr(getattr(chart, "config", None), "locale", None)
    if locale is None or locale is alt.Undefined:
        return None
    number_format = locale.get("number", {}) if isinstance(locale, dict) else locale.to_dict().get("number", {})
    return "nb" if number_format.get("thousands") == LOCALES["nb"]["number"]["thousands"] else "en"


def finish(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """Apply the language's number and date formats (the last step before display)."""
    return chart.configure(locale=LOCALES[lang])


def titled(title: str, subtitle: str | list[str]) -> alt.TitleParams:
    return alt.TitleParams(text=title, subtitle=subtitle)


# -- menus that need no kernel ---------------------------------------------------------------------
def menu(name: str, options: Sequence[tuple[str, object]], label: str, value: object = None) -> alt.Parameter:
    """A chart menu that works without Python: a Vega-Lite parameter bound to a labelled <select>.

    ``options`` are (label, value) pairs, as for :func:`helpers.notebook.explore`. The chart holds the
    data of every option and filters it by the parameter (``transform_filter(f"datum.x == {name}")``),
    so the menu works on the static site from disk, in JupyterLab before the kernel runs and in Voilà
    without a round trip to the kernel.
    """
    values = [v for _, v in options]
    return alt.param(
        name=name,
        value=values[0] if value is None else value,
        bind=alt.binding_select(options=values, labels=[text for text, _ in options], name=f"{label} "),
    )


def pick(name: str, texts: dict, prefix: str = "", suffix: str = "", before: Sequence[str] = ()) -> dict:
    """A text that follows a menu: the entry of ``texts`` for the parameter ``name``'s value, as a
    Vega expression (for a title that names the month or group chosen). ``before``: lines above it
    (the title's fixed part on its own line keeps the title narrow)."""
    import json

    line = (
        f"{json.dumps(prefix, ensure_ascii=False)} + {json.dumps({str(k): v for k, v in texts.items()}, ensure_ascii=False)}"
        f"[{name}] + {json.dumps(suffix, ensure_ascii=False)}"
    )
    if before:
        return {"expr": "[" + ", ".join([*(json.dumps(b, ensure_ascii=False) for b in before), line]) + "]"}
    return {"expr": line}


def wrap(text: str | list[str], width: int = 42) -> list[str]:
    """Title or subtitle lines of at most ``width`` characters (a chart's text does not wrap by itself,
    and one long line makes the chart wider than a phone's screen). A list wraps line by line."""
    import textwrap

    lines = [text] if isinstance(text, str) else list(text)
    return [part for line in lines for part in (textwrap.wrap(line, width, break_on_hyphens=False) or [""])]


def narrow(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Little padding on the right, so the chart and its labels fit a phone (390 px) beside the page's margins."""
    return chart.properties(padding={"left": 5, "top": 5, "right": 12, "bottom": 5})
