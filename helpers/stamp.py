"""The data stamp: which month a page's numbers run to, when the copy was made, and where it comes from.

Every page that shows numbers says this once, near the top (and every CSV carries it). It is computed
from the data's own metadata, never typed: the monthly series from its ``metadata.json`` (export time
and latest month), NAV's printed tables and the audit from the manifest's periods.

    from helpers.stamp import stamp
    stamp(["monthly"])                 # 08, the dashboard
    stamp(["participants"], "nb")      # 01-05, 07 (the tables of 2016, 2019 and 2021)

``stamp`` displays the Markdown of :func:`data_stamp` as it is (``say`` would escape its bold stars,
which it keeps for NAV's ``*``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from babel.dates import format_date

from .charts import month_label
from .monthly import load_monthly_metadata
from .tidy import manifest

SOURCES = ("monthly", "participants", "audit")
APP = "navikt/arbeidsmarkedstiltak-app"
LOCALES = {"en": "en_GB", "nb": "nb_NO"}


def _period_text(period: str, lang: str) -> str:
    """'November 2016' or 'January–May 2021' from a manifest period ('2016-11', '2021-01/2021-05')."""
    first, _, last = period.partition("/")
    start, end = pd.Period(first, "M"), pd.Period(last or first, "M")
    if start == end:
        return month_label(start, lang)
    if start.year == end.year:
        return f"{month_label(start, lang).rsplit(' ', 1)[0]}–{month_label(end, lang)}"
    return f"{month_label(start, lang)}–{month_label(end, lang)}"


def monthly_stamp(lang: str = "en") -> str:
    """The monthly series: its months, the latest month, the export date and the repository it comes from."""
    meta = load_monthly_metadata()
    exported = format_date(meta.generated.date(), format="long", locale=LOCALES[lang])
    span = f"{month_label(meta.earliest, lang)}–{month_label(meta.latest, lang)}"
    if lang == "nb":
        return (
            f"Månedstallene går til og med **{month_label(meta.latest, lang)}** ({span}). "
            f"Kopien ble eksportert {exported} fra NAVs datafiler på GitHub ({APP})."
        )
    return (
        f"The monthly numbers run to **{month_label(meta.latest, lang)}** ({span}). "
        f"The copy was exported on {exported} from NAV's data files on GitHub ({APP})."
    )


def tables_stamp(lang: str = "en") -> str:
    """NAV's printed tables: the periods they cover, and that they are fixed publications copied unchanged."""
    periods = sorted(e["period"] for e in manifest() if e["table"] == "participants")
    texts = [_period_text(p, lang) for p in periods]
    spans = f"{', '.join(texts[:-1])} {'and' if lang == 'en' else 'og'} {texts[-1]}" if len(texts) > 1 else texts[0]
    if lang == "nb":
        return (
            f"NAVs publiserte tabeller over deltakere dekker {spans}; tallene går til og med "
            f"**{_period_text(periods[-1].split('/')[-1], lang)}**. Tabellene er avsluttede publikasjoner og er "
            "gjengitt uendret."
        )
    return (
        f"NAV's published participant tables cover {spans}; their numbers run to "
        f"**{_period_text(periods[-1].split('/')[-1], lang)}**. They are closed publications, copied unchanged."
    )


def audit_stamp(lang: str = "en") -> str:
    """Riksrevisjonen's report: the period its data cover."""
    (entry,) = [e for e in manifest() if e["table"] == "audit"]
    span = _period_text(entry["period"], lang)
    if lang == "nb":
        return f"Riksrevisjonens Dokument 3:5 (2017–2018) bygger på data for {span}."
    return f"Riksrevisjonen's Dokument 3:5 (2017–2018) rests on data for {span}."


def data_stamp(sources: Iterable[str] = ("monthly",), lang: str = "en") -> str:
    """One or more stamp sentences (Markdown), in English (``en``) or bokmål (``nb``), for the sources a page uses."""
    if lang not in LOCALES:
        raise ValueError(f"lang is 'en' or 'nb', not {lang!r}")
    makers = {"monthly": monthly_stamp, "participants": tables_stamp, "audit": audit_stamp}
    unknown = [s for s in sources if s not in makers]
    if unknown:
        raise ValueError(f"unknown source {unknown}; known: {', '.join(SOURCES)}")
    label = "Data as of" if lang == "en" else "Datagrunnlag"
    return f"**{label}:** " + " ".join(makers[s](lang) for s in sources)


def csv_stamp(sources: Iterable[str] = ("monthly",), lang: str = "en") -> str:
    """The stamp as one plain line for the top of a CSV (no Markdown)."""
    return data_stamp(sources, lang).replace("**", "").replace("`", "")


def stamp(sources: Iterable[str] = ("monthly",), lang: str = "en") -> None:
    """Display the data stamp in a notebook (Markdown, bold kept)."""
    from IPython.display import Markdown, display

    display(Markdown(data_stamp(sources, lang)))
