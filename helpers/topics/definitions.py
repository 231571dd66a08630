"""01 The definitions, executable: programmes, status groups, exits, the six-month status, suppression.

The rules themselves live in :mod:`helpers.definitions` (NAV's definition page for the exit
statistics, vendored as ``data/raw/nav_avgang_definisjoner.txt`` and cited as "the definitions page, line N"). This
module turns them into what notebook 01 shows: a timeline of a person's months with the verdict
of the rules, an explorer that builds such a history from a few controls, tables of the
definitions, the size of the three status groups in NAV's tables, key findings and exercises.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from .. import definitions as d
from .. import views
from .. import vocabulary as vocab
from ..charts import STATUS_COLOURS, Figure, check_lang, finish, month_label, number, titled, value_label, word
from ..exercises import exercise, same_label
from ..widgets import LANGUAGES, Explorer, register

T = vocab.TOTAL
NAE = d.GROUP_REDUCED_CAPACITY
AS = d.GROUP_JOBSEEKERS
OTHER = d.GROUP_OTHER
SEED = "data/raw/nav_avgang_definisjoner.txt"
AUDIT = "data/raw/riksrevisjonen_dokument_3-5_2017-2018.txt"

TABLES: dict[str, dict[str, str]] = {
    "nav_tiltak_en_maaned_2016-11.txt": {"en": "November 2016 (one month)", "nb": "November 2016 (én måned)"},
    "nav_tiltak_alder_2019-01_2019-12.txt": {"en": "2019 (by age)", "nb": "2019 (etter alder)"},
    "nav_tiltak_kjonn_2021-01_2021-05.txt": {"en": "January-May 2021 (by gender)", "nb": "Januar-mai 2021 (etter kjønn)"},
}

# -- words ---------------------------------------------------------------------------------------------
LANE_LABELS: dict[str, dict[str, str]] = {
    "programme": {"en": "Programme", "nb": "Tiltak"},
    "status": {"en": "Registered status", "nb": "Registrert status"},
    "work": {"en": "In work", "nb": "I arbeid"},
    "benefit": {"en": "Benefit", "nb": "Ytelse"},
}
_VALUE_WORDS: dict[str, dict[str, str]] = {
    d.JOBSEEKER: {"en": "jobseeker", "nb": "arbeidssøker"},
    d.REDUCED_CAPACITY: {"en": "reduced work capacity", "nb": "nedsatt arbeidsevne"},
    "in work": {"en": "in work", "nb": "i arbeid"},
    "benefit": {"en": "benefit", "nb": "ytelse"},
    "sickness benefit": {"en": "sickness benefit", "nb": "sykepenger"},
    "disability benefit only": {"en": "disability benefit only", "nb": "kun uføretrygd"},
}
_VALUE_COLOURS: dict[str, str] = {
    d.JOBSEEKER: STATUS_COLOURS[AS],
    d.REDUCED_CAPACITY: STATUS_COLOURS[NAE],
    "in work": "#009E73",
    "benefit": "#8C6D00",
    "sickness benefit": "#666666",
    "disability benefit only": "#6A3D9A",
}
_PROGRAMME_COLOURS = ("#332288", "#882255", "#666666")

EXAMPLE_NAMES_NB: dict[str, str] = {
    "simple exit": "enkel avgang",
    "move to another programme": "bytter til et annet tiltak",
    "short break": "kort pause",
    "still on a programme": "fortsatt på tiltak",
    "reclassified (5 months back)": "omklassifisert (5 måneder før)",
    "not reclassified (6 months back)": "ikke omklassifisert (6 måneder før)",
    "status: I arbeid": "status: I arbeid",
    "status: Arbeid og ytelse": "status: Arbeid og ytelse",
    "status: Arbeidssøker": "status: Arbeidssøker",
    "status: Nedsatt arbeidsevne": "status: Nedsatt arbeidsevne",
    "status: Uføre": "status: Uføre",
    "status: Annet": "status: Annet",
    "sickness benefit is not a benefit": "sykepenger er ikke en ytelse",
}


def _value_word(lane: str, value: str, lang: str) -> str:
    """A lane's value in the chosen language: a programme's name or gloss, a status, work or benefits."""
    if lane == "programme":
        return value if lang == "nb" else vocab.english(value)
    return " + ".join(_VALUE_WORDS[part][lang] for part in value.split(" + "))


def _month(month: str, lang: str) -> str:
    return month_label(pd.Period(month, "M"), lang)


def _status_words(status: str, lang: str) -> str:
    return status if lang == "nb" else f"{d.status_english(status)} ({status})"


# -- a history as a timeline ---------------------------------------------------------------------------
MONTH_WIDTH = 40  # pixels per month in the timelines
CHAR_WIDTH = 6.6  # rough width of a character of the bar labels (11 px bold), to decide where a label fits
PAD_MONTHS = 4  # room on the right for labels that do not fit inside their bar


def _runs(history: Sequence[d.MonthRecord], lang: str) -> pd.DataFrame:
    """Consecutive months with the same value in a lane, as one bar each, with its colour and label place.

    A label goes inside its bar (white) when it fits, otherwise just after the bar's end (dark).
    """
    frame = d.timeline_frame(history)
    frame = frame[frame["active"]]
    programmes: list[str] = []
    rows = []
    for lane, part in frame.groupby("lane", sort=False):
        part = part.sort_values("date")
        run_id = ((part["value"] != part["value"].shift()) | (part["date"] != part["date"].shift() + pd.offsets.MonthBegin(1))).cumsum()
        for _, run in part.groupby(run_id):
            value = run["value"].iloc[0]
            if lane == "programme":
                programmes += [] if value in programmes else [value]
                colour = _PROGRAMME_COLOURS[programmes.index(value) % len(_PROGRAMME_COLOURS)]
            else:
                colour = _VALUE_COLOURS[value.split(" + ")[0]]
            label = _value_word(lane, value, lang)
            start, months = run["date"].iloc[0], len(run)
            inside = len(label) * CHAR_WIDTH <= months * MONTH_WIDTH - 8
            rows.append((lane, LANE_LABELS[lane][lang], value, label, start, start + pd.DateOffset(months=months), months,
                         colour, inside))
    out = pd.DataFrame(rows, columns=["lane", "lane_label", "value", "label", "start", "end", "months", "colour", "inside"])
    # A label that would run into the next bar of its lane is cut to fit inside its own bar instead.
    next_start = out.groupby("lane", sort=False)["start"].shift(-1)
    room = (next_start - out["end"]).dt.days / 30.4 * MONTH_WIDTH
    crowded = ~out["inside"] & next_start.notna() & (room < out["label"].str.len() * CHAR_WIDTH + 8)
    fit = (out["months"] * MONTH_WIDTH - 8) // CHAR_WIDTH
    out.loc[crowded, "label"] = [text[: max(int(n) - 1, 1)] + "…" for text, n in zip(out.loc[crowded, "label"], fit[crowded])]
    out.loc[crowded, "inside"] = True
    out["text_at"] = out["start"].where(out["inside"], out["end"])
    return out


def verdict_lines(history: Sequence[d.MonthRecord], lang: str = "en") -> list[str]:
    """The rules' verdict on a history, as short lines: each exit, its group, and the status six months later."""
    check_lang(lang)
    table = d.describe(history)
    exits = table[table["exit_counted"].fillna(False).astype(bool)]
    pending = d.undetermined_months(history)
    lines = []
    if len(exits) > 1:
        lines.append({"en": f"{len(exits)} exits are counted for one person:", "nb": f"{len(exits)} avganger telles for én person:"}[lang])
    for row in exits.itertuples(index=False):
        group = value_label(row.counted_under, lang)
        reclassified = d.is_reclassified(history, row.month)
        later = d.status_month(row.month)
        if lang == "en":
            lines.append(f"Exit from {vocab.english(row.programme)} counted in {_month(row.month, 'en')}, under {group}"
                         + (" (reclassified)." if reclassified else "."))
            lines.append(f"Six months later ({_month(later, 'en')}): {_status_words(row.status_6_months_later, 'en')}."
                         if row.status_6_months_later else "The status six months later is not known yet.")
        else:
            lines.append(f"Avgang fra {row.programme} telles i {_month(row.month, 'nb')}, under {group}"
                         + (" (omklassifisert)." if reclassified else "."))
            lines.append(f"Seks måneder etter ({_month(later, 'nb')}): {row.status_6_months_later}."
                         if row.status_6_months_later else "Statusen seks måneder etter er ikke kjent ennå.")
    if exits.empty:
        if lang == "en":
            lines.append("No exit is counted: " + (f"{_month(pending[-1], 'en')} cannot be decided until the two months after it are known."
                                                   if pending else "the person is never off the programme for two months in a row."))
        else:
            lines.append("Ingen avgang telles: " + (f"{_month(pending[-1], 'nb')} kan ikke avgjøres før de to neste månedene er kjent."
                                                    if pending else "personen er aldri borte fra tiltaket to måneder på rad."))
    elif pending:
        lines.append({"en": f"{_month(pending[-1], 'en')} is not decided yet.", "nb": f"{_month(pending[-1], 'nb')} er ikke avgjort ennå."}[lang])
    return lines


def verdict(history: Sequence[d.MonthRecord], lang: str = "en") -> str:
    """One paragraph: which exits the rules count, under which group, and the status six months later."""
    return " ".join(verdict_lines(history, lang))


def history_table(history: Sequence[d.MonthRecord]) -> pd.DataFrame:
    """What the registers say, month by month, without the rules' verdict (for exercises)."""
    records = d.validate_history(history)
    rows = []
    for r in records:
        benefits = [name for flag, name in (("benefit", "benefit"), ("sickness_benefit", "sickness benefit"),
                                            ("disability_benefit_only", "disability benefit only")) if getattr(r, flag)]
        rows.append((r.month, r.programme or "", r.status or "", "yes" if r.in_work else "", " + ".join(benefits)))
    return pd.DataFrame(rows, columns=["month", "programme", "registered status", "in work", "benefit"])


def describe_table(history: Sequence[d.MonthRecord], lang: str = "en") -> pd.DataFrame:
    """:func:`helpers.definitions.describe` made readable: the verdict as words, never a bare <NA>."""
    check_lang(lang)
    table = d.describe(history)
    words = {"en": {True: "yes", False: "no", None: "not yet known"}, "nb": {True: "ja", False: "nei", None: "ikke kjent ennå"}}[lang]
    out = table.astype({"exit_counted": object}).copy()
    out["exit_counted"] = [words[None if pd.isna(v) else bool(v)] for v in table["exit_counted"]]
    out["month"] = [_month(m, lang) for m in table["month"]]
    if lang == "nb":
        out.columns = ["måned", "tiltak", "status", "avgang telles", "telt under", "status 6 måneder etter", "forklaring (engelsk)"]
    else:
        out["counted_under"] = [vocab.english(g) if g else "" for g in table["counted_under"]]
        out.columns = ["month", "programme", "status", "exit counted", "counted under", "status 6 months later", "explanation"]
    return out


def _timeline_layers(runs: pd.DataFrame, marks: pd.DataFrame, first: pd.Timestamp, months: int, lang: str):
    """The lanes (bars with their labels), the shaded exit and status months and their captions."""
    last = first + pd.DateOffset(months=months)
    x_scale = alt.Scale(domain=[first.isoformat(), (last + pd.DateOffset(months=PAD_MONTHS)).isoformat()])
    lanes = [LANE_LABELS[lane][lang] for lane in d.LANES]
    short = {"en": "['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec']",
             "nb": "['jan','feb','mar','apr','mai','jun','jul','aug','sep','okt','nov','des']"}[lang]
    ticks = [(first + pd.DateOffset(months=k)).isoformat() for k in range(months + 1)]
    x_axis = alt.Axis(values=ticks, grid=True, domain=False, labelAngle=0, labelAlign="center", labelOffset=MONTH_WIDTH / 2,
                      labelFlush=False, labelBound=False, title=None,
                      labelExpr=f"datum.index == 1 ? '' : (month(datum.value) == 0 || datum.index == 0) ? "
                                f"[{short}[month(datum.value)], '' + year(datum.value)] : {short}[month(datum.value)]")
    y = alt.Y("lane_label:N", title=None, sort=lanes, scale=alt.Scale(domain=lanes))
    tooltip = [alt.Tooltip("lane_label:N", title={"en": "Lane", "nb": "Felt"}[lang]),
               alt.Tooltip("label:N", title={"en": "Value", "nb": "Verdi"}[lang]),
               alt.Tooltip("start:T", title={"en": "From", "nb": "Fra"}[lang], format="%Y-%m"),
               alt.Tooltip("months:Q", title={"en": "Months", "nb": "Måneder"}[lang])]
    bars = alt.Chart(runs).mark_bar(height={"band": 0.72}, cornerRadius=2).encode(
        x=alt.X("start:T", scale=x_scale, axis=x_axis), x2="end:T", y=y,
        color=alt.Color("colour:N", scale=None), tooltip=tooltip)
    text = alt.Chart(runs).mark_text(align="left", baseline="middle", dx=4, fontSize=11, fontWeight="bold").encode(
        x=alt.X("text_at:T", scale=x_scale), y=y, text="label:N",
        color=alt.condition(alt.datum.inside, alt.value("white"), alt.value("#222222")))
    kinds = alt.Scale(domain=["exit", "status", "open"], range=["#222222", "#009E73", "#B35900"])
    shade = alt.Chart(marks).mark_rect(opacity=0.16).encode(
        x=alt.X("start:T", scale=x_scale), x2="end:T", color=alt.Color("kind:N", scale=kinds, legend=None))
    captions = alt.Chart(marks).mark_text(align="center", baseline="bottom", dy=-4, fontSize=11, fontWeight="bold").encode(
        x=alt.X("middle:T", scale=x_scale), y=alt.value(0), text="text:N",
        color=alt.Color("kind:N", scale=alt.Scale(domain=["exit", "status", "open"], range=["#222222", "#00684A", "#B35900"]), legend=None))
    return shade, bars, text, captions


def _marks(history: Sequence[d.MonthRecord], lang: str) -> pd.DataFrame:
    """The months a reader should look at: exits, the months their status is read, undecided months."""
    words = {"en": ("exit", "status read", "undecided"), "nb": ("avgang", "status lest", "uavklart")}[lang]
    rows = []
    for month in d.exit_months(history):
        rows.append(("exit", month, words[0]))
        rows.append(("status", d.status_month(month), words[1]))
    rows += [("open", month, words[2]) for month in d.undetermined_months(history)]
    last = d.validate_history(history)[-1].month if history else None
    rows = [r for r in rows if last is not None and d.month_number(r[1]) <= d.month_number(last)]
    frame = pd.DataFrame(rows, columns=["kind", "month", "text"])
    frame["start"] = pd.to_datetime(frame["month"] + "-01", format="%Y-%m-%d")
    frame["end"] = frame["start"] + pd.offsets.MonthBegin(1)
    frame["middle"] = frame["start"] + pd.Timedelta(days=15)
    return frame


def _layer(runs: pd.DataFrame, marks: pd.DataFrame, first: pd.Timestamp, months: int, lang: str, keep=None):
    layers = _timeline_layers(runs, marks, first, months, lang)
    if keep is not None:
        layers = [layer.transform_filter(keep) for layer in layers]
    return alt.layer(*layers).resolve_scale(color="independent").properties(
        width=MONTH_WIDTH * (months + PAD_MONTHS), height=160)


def _subtitle(lang: str, many: bool) -> list[str]:
    pick = {"en": "Pick an example in the menu under the chart. ", "nb": "Velg et eksempel i menyen under figuren. "}[lang] if many else ""
    return {"en": [pick + "Shaded: the exit month and the month six months later, when the status is read.",
                   "Rules: NAV's definitions for the exit statistics (avgangsstatistikk)."],
            "nb": [pick + "Skyggelagt: avgangsmåneden og måneden seks måneder etter, da statusen leses.",
                   "Regler: NAVs definisjoner for avgangsstatistikken."]}[lang]


def history_timeline(history: Sequence[d.MonthRecord], lang: str = "en", title: str | None = None) -> Figure:
    """A person's months as four lanes (programme, status, work, benefit) with the rules' verdict.

    The exit months and the months six months later (when the status is read) are shaded; the
    takeaway is :func:`verdict`, and the numbers table is :func:`describe_table` of the history.
    """
    check_lang(lang)
    records = d.validate_history(history)
    if not records:
        raise ValueError("the history is empty: there is nothing to draw")
    first = pd.Timestamp(records[0].month + "-01")
    title = title or {"en": "One person's months, read by NAV's exit rules", "nb": "Én persons måneder, lest med NAVs avgangsregler"}[lang]
    chart = _layer(_runs(records, lang), _marks(records, lang), first, len(records), lang).properties(
        title=titled(title, _subtitle(lang, many=False)))
    return Figure(finish(chart, lang), verdict(records, lang), describe_table(records, lang), title)


def example_timeline(frame: pd.DataFrame | None = None, example: str = "move to another programme", lang: str = "en") -> Figure:
    """Every worked example in one chart, with a menu (a Vega-Lite parameter) to pick one.

    The menu works without a kernel. The verdict for the picked example is written above the
    lanes; the takeaway and the numbers table are for ``example``, the menu's first choice.
    """
    check_lang(lang)
    histories = d.examples()
    if example not in histories:
        raise KeyError(f"no example {example!r}; known: {', '.join(histories)}")
    names = {name: (name if lang == "en" else EXAMPLE_NAMES_NB[name]) for name in histories}
    runs = pd.concat([_runs(h, lang).assign(example=names[n]) for n, h in histories.items()], ignore_index=True)
    marks = pd.concat([_marks(h, lang).assign(example=names[n]) for n, h in histories.items()], ignore_index=True)
    texts = pd.DataFrame([(names[n], "\n".join(verdict_lines(h, lang))) for n, h in histories.items()], columns=["example", "verdict"])
    lines = int(texts["verdict"].str.count("\n").max()) + 1
    starts = {h[0].month for h in histories.values()}
    if len(starts) != 1:
        raise ValueError("the worked examples should all start in the same month")
    first = pd.Timestamp(starts.pop() + "-01")
    months = max(len(h) for h in histories.values())
    pick = alt.param(name="example", value=names[example],
                     bind=alt.binding_select(options=list(names.values()), name={"en": "Example: ", "nb": "Eksempel: "}[lang]))
    keep = alt.datum.example == pick
    sentence = alt.Chart(texts).transform_filter(keep).mark_text(align="left", baseline="top", fontSize=12, lineBreak="\n",
                                                                 lineHeight=17).encode(
        x=alt.value(0), y=alt.value(0), text="verdict:N").properties(width=MONTH_WIDTH * (months + PAD_MONTHS), height=lines * 17)
    title = {"en": "Worked examples of NAV's exit rules", "nb": "Eksempler på NAVs avgangsregler"}[lang]
    chart = alt.vconcat(sentence, _layer(runs, marks, first, months, lang, keep), spacing=24).add_params(pick).properties(
        title=titled(title, _subtitle(lang, many=True)))
    history = histories[example]
    return Figure(finish(chart, lang), verdict(history, lang), describe_table(history, lang), title)


# -- build-your-own history (the ipywidgets explorer) ------------------------------------------------------
PROGRAMME_START = "2021-02"
FIRST_PROGRAMME, SECOND_PROGRAMME = "Arbeidstrening", "Arbeidsmarkedsopplæring (AMO)"
PROGRAMME_ENDS = tuple(d.month_range("2021-03", 5))
AFTER = ("leaves", "break", "moves")
STATUS_AT_EXIT = (d.JOBSEEKER, d.REDUCED_CAPACITY, "none")
CAPACITY_EARLIER = (0, 5, 6)
LATER: dict[str, dict[str, object]] = {
    "I arbeid": {"in_work": True},
    "I arbeid, sykepenger": {"in_work": True, "sickness_benefit": True},
    "Arbeid og ytelse": {"in_work": True, "benefit": True},
    "Arbeidssøker": {"status": d.JOBSEEKER},
    "Nedsatt arbeidsevne": {"status": d.REDUCED_CAPACITY, "benefit": True},
    "Uføre": {"disability_benefit_only": True},
    "Annet": {},
}


def build_history(programme_ends: str = "2021-05", after: str = "leaves", status_at_exit: str = d.JOBSEEKER,
                  capacity_earlier: int = 0, six_months_later: str = "I arbeid") -> list[d.MonthRecord]:
    """A history from the explorer's controls, always valid and always long enough to be decided.

    The person is registered with NAV from a month before the first month shown (January 2021, or
    earlier when needed to show reduced work capacity), and on work training (Arbeidstrening) from
    February 2021 to ``programme_ends``. Then they leave; or take a one-month break and come back
    for a month (``"break"``); or move to labour market training (AMO) for two months (``"moves"``).
    Their status is ``status_at_exit`` (``"none"`` for no registered status), except that they were
    registered with reduced work capacity until ``capacity_earlier`` months before the programme
    ends (0: never). After the last programme month they are off for five months with the same
    status and no work; the sixth month has the situation ``six_months_later`` (a key of
    :data:`LATER`), and the history ends there.
    """
    if programme_ends not in PROGRAMME_ENDS:
        raise ValueError(f"programme_ends must be one of {PROGRAMME_ENDS}, not {programme_ends!r}")
    if after not in AFTER or status_at_exit not in STATUS_AT_EXIT or capacity_earlier not in CAPACITY_EARLIER:
        raise ValueError(f"after must be one of {AFTER}, status_at_exit one of {STATUS_AT_EXIT}, "
                         f"capacity_earlier one of {CAPACITY_EARLIER}")
    if six_months_later not in LATER:
        raise ValueError(f"six_months_later must be one of {list(LATER)}, not {six_months_later!r}")
    end = d.month_number(programme_ends)
    programme: dict[int, str] = {m: FIRST_PROGRAMME for m in range(d.month_number(PROGRAMME_START), end + 1)}
    if after == "break":
        programme[end + 2] = FIRST_PROGRAMME
    elif after == "moves":
        programme.update({end + 1: SECOND_PROGRAMME, end + 2: SECOND_PROGRAMME})
    final = max(programme)
    status = None if status_at_exit == "none" else status_at_exit
    last_nae = end - capacity_earlier if capacity_earlier else None
    rows: list[Mapping[str, object]] = []
    start = min(d.month_number(PROGRAMME_START) - 1, end - capacity_earlier - 1 if capacity_earlier else end)
    for number in range(start, final + d.MONTHS_TO_STATUS):
        rows.append({"programme": programme.get(number),
                     "status": d.REDUCED_CAPACITY if last_nae is not None and number <= last_nae else status})
    rows.append(LATER[six_months_later])
    return d.make_history(d.shift_month("0000-01", start), rows)


def exit_explorer(frame: pd.DataFrame | None = None, programme_ends: str = "2021-05", after: str = "leaves",
                  status_at_exit: str = d.JOBSEEKER, capacity_earlier: int = 0, six_months_later: str = "I arbeid",
                  lang: str = "en") -> Figure:
    """The explorer's draw function: build a history from the controls and draw its timeline."""
    history = build_history(programme_ends, after, status_at_exit, capacity_earlier, six_months_later)
    title = {"en": "Your person's months, read by NAV's exit rules", "nb": "Din persons måneder, lest med NAVs avgangsregler"}[lang]
    return history_timeline(history, lang, title)



register(Explorer(
    "exit_explorer", exit_explorer,
    {
        "programme_ends": tuple((_month(m, "en"), m) for m in PROGRAMME_ENDS),
        "after": (("leaves for good", "leaves"), ("breaks for a month, comes back", "break"), ("moves to AMO for two months", "moves")),
        "status_at_exit": (("jobseeker", d.JOBSEEKER), ("reduced work capacity", d.REDUCED_CAPACITY), ("no registered status", "none")),
        "capacity_earlier": (("never", 0), ("5 months before work training ends", 5), ("6 months before work training ends", 6)),
        "six_months_later": (("in work", "I arbeid"), ("in work, on sickness benefit", "I arbeid, sykepenger"),
                             ("in work and on a benefit", "Arbeid og ytelse"), ("registered jobseeker", "Arbeidssøker"),
                             ("reduced work capacity, on a benefit", "Nedsatt arbeidsevne"),
                             ("disability benefit only", "Uføre"), ("in no register", "Annet")),
        "lang": LANGUAGES,
    },
    defaults={"programme_ends": "2021-05", "after": "leaves", "status_at_exit": d.JOBSEEKER, "capacity_earlier": 0,
              "six_months_later": "I arbeid", "lang": "en"},
))


# -- the definitions as tables -------------------------------------------------------------------------------
# What each programme group is for, paraphrased; "000" is NAV's definition page, "names" means the
# group is not described there and the sentence rests on the names of its programmes in NAV's tables.
GROUP_PURPOSES: dict[str, tuple[str, str]] = {
    "Avklaringstiltak": ("Helps people who are unsure what work they can do, for example after their health got worse "
                         "or after a long time out of work, to find out.", "000 (Avklaring)"),
    "Oppfølging": ("Support to get or keep a job for people who need close, wide-ranging follow-up, fitted to their "
                   "chances in the labour market.", "000 (Oppfølgingstiltak)"),
    "Opplæring": ("Qualifies people for vacant jobs: labour market courses (AMO), vocational upper-secondary "
                  "education, higher vocational or higher education.", "000 (Opplæring)"),
    "Lønnstilskudd": ("An ordinary job on ordinary pay, full- or part-time, where NAV pays the employer part of the "
                      "wage, to improve the chance of being hired.", "000 (Midlertidig lønnstilskudd)"),
    "Arbeidspraksis": ("Work experience: work training in an ordinary job for a short time, for experience or a "
                       "reference; and preparation training (AFT) in a sheltered, adapted workplace first.",
                       "000 (Arbeidstrening, Arbeidsforberedende trening)"),
    "Arbeidsrettet rehabilitering": ("Builds up the capacity to work and helps with the health and social problems "
                                     "that keep a person out of work.", "000 (Arbeidsrettet rehabilitering)"),
    "Tilrettelagt arbeid": ("Long-term adapted or sheltered work, in sheltered or ordinary businesses, for people "
                            "who cannot work on ordinary terms.", "names"),
    "Helsemessig utredning/behandling": ("Assessment and treatment of mild mental disorders and of complex "
                                         "disorders (a group of its own only in the 2016 table).", "names"),
    "Tilrettelegging": ("Grants and help that make work possible: functional assistance at work, an inclusion "
                        "subsidy, adaptation grants.", "names"),
    "Jobbskaping og egenetablering": ("Support for starting one's own business.", "names"),
}


def programme_groups_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The ten programme groups of November 2016: what each is for, its size, and who uses it."""
    rows = views.select(frame, status_group=None, programme_group=None)
    rows = rows[(rows["period"] == pd.Period("2016-11", "M")) & (rows["programme_group"] != T)]
    wide = rows.pivot(index="programme_group", columns="status_group", values="value")
    out = pd.DataFrame({
        "tiltaksgruppe": list(vocab.PROGRAMME_GROUPS),
        "programme group": list(vocab.PROGRAMME_GROUPS.values()),
        "what it is for (paraphrased)": [GROUP_PURPOSES[g][0] for g in vocab.PROGRAMME_GROUPS],
        "source": [("NAV, definitions page: " + GROUP_PURPOSES[g][1][4:]) if GROUP_PURPOSES[g][1].startswith("000")
                   else "programme names in NAV's table" for g in vocab.PROGRAMME_GROUPS],
        "participants, Nov 2016": [int(wide.loc[g, T]) for g in vocab.PROGRAMME_GROUPS],
        "reduced work capacity (%)": [round(100 * int(wide.loc[g, NAE]) / int(wide.loc[g, T]), 1) for g in vocab.PROGRAMME_GROUPS],
    })
    return out


def status_groups_table() -> pd.DataFrame:
    """The three status groups (hovedgrupper): who is in each, from the seed and the tables' labels."""
    return pd.DataFrame({
        "hovedgruppe": list(vocab.STATUS_GROUPS),
        "status group": list(vocab.STATUS_GROUPS.values()),
        "who": ["People registered with NAV as jobseekers (arbeidssøker) while on a programme.",
                "People whose capacity to work NAV has assessed as reduced (nedsatt arbeidsevne), "
                "for instance by illness or injury, while on a programme.",
                "Everyone else on a programme: a small, mixed group, largely employees on sick leave."],
        "in the exit statistics": ["one of the two groups (the definitions page, line 7)",
                                   "the other group; takes in reclassified jobseekers (the definitions page, line 7)",
                                   "not named by 000; kept as a third group here"],
    })


def six_statuses_table() -> pd.DataFrame:
    """The six statuses six months after exit, in the order the rules test them (first match wins)."""
    meaning = {
        "Arbeid og ytelse": "in the employer register and receiving a NAV benefit (sickness benefit does not count)",
        "I arbeid": "in the employer register (Aa-registeret) with wages",
        "Arbeidssøker": "registered with NAV as a jobseeker (may receive a benefit)",
        "Nedsatt arbeidsevne": "registered with NAV with reduced work capacity (may receive a benefit)",
        "Uføre": "receiving disability benefit (uføretrygd) and nothing else",
        "Annet": "in neither register: for example in education, at home, self-employed or in military service",
    }
    return pd.DataFrame([(i, label, d.SIX_MONTH_STATUSES[label], meaning[label], f"the definitions page, line {d.STATUS_SEED_LINES[label]}")
                         for i, (label, _) in enumerate(d.STATUS_RULES, start=1)],
                        columns=["tested", "status", "English", "the person is", "seed"])


def suppression_table() -> pd.DataFrame:
    """How NAV prints counts 0 to 5 in the one-month table and in the monthly time series."""
    rows = [(n, d.published_cell(n, "one_month") or "(empty)", d.published_cell(n, "time_series")) for n in range(6)]
    return pd.DataFrame(rows, columns=["persons counted", "printed in the one-month table", "printed in a time series"])


def terms_introduced(stem: str = "01_definitions") -> pd.DataFrame:
    """The glossary's terms that this notebook explains first."""
    from ..glossary import load_glossary

    table = load_glossary()
    table = table[table["first_explained"] == stem]
    return table[["term_nb", "term_en", "definition"]].rename(columns={"term_nb": "Norwegian", "term_en": "English", "definition": "meaning"}).reset_index(drop=True)


# -- status groups in the three tables --------------------------------------------------------------------------
def _status_data(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    data = views.status_by_month(frame)
    data["table"] = [TABLES[s][lang] for s in data["source"]]
    data["month"] = [month_label(p, lang) for p in data["period"]]
    data["mon"] = [month_label(p, lang)[:3] for p in data["period"]]
    data["status"] = [value_label(s, lang) for s in data["status_group"]]
    data["order"] = data["status_group"].cat.codes.astype("int64")
    data["participants"] = data["value"].astype("int64")
    data["share"] = data["share"].astype(float).round(1)
    data["date"] = data["period"].dt.to_timestamp()
    return data


def status_group_sizes(frame: pd.DataFrame, view: str = "persons", lang: str = "en") -> Figure:
    """The three status groups in every month of the three tables, as persons or as shares."""
    check_lang(lang)
    if view not in ("persons", "share"):
        raise ValueError(f"view must be 'persons' or 'share', not {view!r}")
    data = _status_data(frame, lang)
    status_order = [value_label(s, lang) for s in views.STATUS_ORDER]
    table_order = [TABLES[s][lang] for s in TABLES]
    field, axis_title = (("participants", word("participants", lang)) if view == "persons" else ("share", word("share", lang)))
    chart = alt.Chart(data[["table", "month", "mon", "date", "status", "order", "participants", "share"]]).mark_bar().encode(
        x=alt.X("mon:N", title=word("month", lang), sort=alt.EncodingSortField("date", order="ascending"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{field}:Q", title=axis_title, stack=True, axis=alt.Axis(format=",d" if view == "persons" else ".0f")),
        color=alt.Color("status:N", title=word("status_group", lang), sort=status_order,
                        scale=alt.Scale(domain=status_order, range=[STATUS_COLOURS[s] for s in views.STATUS_ORDER])),
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=[alt.Tooltip("month:N", title=word("month", lang)), alt.Tooltip("status:N", title=word("status_group", lang)),
                 alt.Tooltip("participants:Q", title=word("participants", lang), format=",d"),
                 alt.Tooltip("share:Q", title=word("share", lang), format=".1f")],
    ).properties(width=alt.Step(26), height=260).facet(
        column=alt.Column("table:N", title=None, sort=table_order, header=alt.Header(labelFontSize=13, labelFontWeight="bold",
                                                                    labelExpr="[split(datum.value, ' (')[0], '(' + split(datum.value, ' (')[1]]")),
    ).resolve_scale(x="independent")
    title = {"en": "The three status groups in each of NAV's tables", "nb": "De tre hovedgruppene i hver av NAVs tabeller"}[lang]
    subtitle = {"en": ["Participants at the end of each month, by status group (hovedgruppe).", word("source", lang)],
                "nb": ["Deltakere ved utgangen av hver måned, etter hovedgruppe.", word("source", lang)]}[lang]
    chart = chart.properties(title=titled(title, subtitle))
    shares = data.pivot(index="period", columns="status_group", values="share")
    nae, as_, other = shares[NAE], shares[AS], shares[OTHER]
    largest = bool((data.loc[data.groupby("period")["participants"].idxmax(), "status_group"] == NAE).all())
    if lang == "en":
        takeaway = (f"In {'every one' if largest else 'most'} of the {len(shares)} months, people with reduced work capacity are the largest group "
                    f"({number(nae.min())}-{number(nae.max())} % of participants); jobseekers are {number(as_.min())}-{number(as_.max())} % "
                    f"and other participants at most {number(other.max(), decimals=1)} %.")
    else:
        takeaway = (f"I {'alle' if largest else 'de fleste'} {len(shares)} månedene er personer med nedsatt arbeidsevne den største gruppen "
                    f"({number(nae.min(), 'nb')}-{number(nae.max(), 'nb')} % av deltakerne); arbeidssøkere er "
                    f"{number(as_.min(), 'nb')}-{number(as_.max(), 'nb')} % og andre høyst {number(other.max(), 'nb', 1)} %.")
    numbers = data.pivot_table(index=["table", "month", "date"], columns="status", values=field, observed=True).reset_index()
    numbers = numbers.sort_values("date").drop(columns="date")[["table", "month", *status_order]]
    numbers.columns = [{"en": "Table", "nb": "Tabell"}[lang], word("month", lang), *status_order]
    return Figure(finish(chart, lang), takeaway, numbers.reset_index(drop=True), title)


register(Explorer("status_group_sizes", status_group_sizes,
                  {"view": (("Persons", "persons"), ("Share (%)", "share")), "lang": LANGUAGES}))


# -- key findings ---------------------------------------------------------------------------------------------
def _participant_cells(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["measure"] == "participants"]


def key_findings(frame: pd.DataFrame) -> list[str]:
    """Key findings for 01_definitions, as sentences computed from the rules and the tables."""
    table = d.examples_table()
    counted = table[table["exit months"] != "none"]
    moved = d.exit_months(d.EXAMPLES["move to another programme"])
    shares = views.status_by_month(frame)
    nae = shares[shares["status_group"] == NAE]["share"].astype(float)
    nov = views.select(frame, status_group=None)
    nov = nov[nov["period"] == pd.Period("2016-11", "M")].set_index("status_group")["value"]
    cells = _participant_cells(frame)
    return [
        f"NAV counts an exit (avgang) when a person is on a programme in one month and not on that same programme in either of "
        f"the next two months: {len(counted)} of the {len(table)} worked examples here count an exit, and a person who moves "
        f"from one programme to another and then leaves is counted {({1: 'once', 2: 'twice'}).get(len(moved), f'{len(moved)} times')}.",
        f"Participants fall into three status groups (hovedgrupper); in November 2016 there were {number(int(nov[NAE]))} with "
        f"reduced work capacity, {number(int(nov[AS]))} jobseekers and {number(int(nov[OTHER]))} others, and reduced work "
        f"capacity is {number(nae.min())}-{number(nae.max())} % of participants in every month the tables cover.",
        f"NAV prints '*' instead of any count below 4, to protect individuals: {number(int(cells['suppressed'].sum()))} of the "
        f"{number(len(cells))} participant numbers in the three tables are starred.",
    ]


# -- exercises --------------------------------------------------------------------------------------------------
def exercise_history(number_: int) -> list[d.MonthRecord]:
    """The histories the exercises ask about (the notebook prints them with describe_table)."""
    if number_ == 1:  # on job club, off a month, back for two months, then off for good
        return d.make_history("2021-01", [("Jobbklubb", d.JOBSEEKER)] * 2 + [(None, d.JOBSEEKER)]
                              + [("Jobbklubb", d.JOBSEEKER)] * 2 + [(None, d.JOBSEEKER)] * 6 + [{"in_work": True}])
    if number_ == 2:  # reduced work capacity four months before leaving as a jobseeker
        return d.make_history("2021-01", [(None, d.REDUCED_CAPACITY)] * 2 + [("Avklaring", d.JOBSEEKER)] * 4
                              + [(None, d.JOBSEEKER)] * 5 + [{"status": d.JOBSEEKER}])
    if number_ == 3:  # in work and on sickness benefit six months after exit
        return d.make_history("2021-01", [("Arbeidstrening", d.REDUCED_CAPACITY)] * 3 + [(None, d.REDUCED_CAPACITY)] * 5
                              + [{"in_work": True, "sickness_benefit": True}])
    raise KeyError(f"no exercise history {number_}")


def _month_answer(answer: object) -> str | None:
    """'2021-05', 'May 2021', 'mai 2021', a pandas Period or a list of one of them, as 'YYYY-MM'."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    if isinstance(answer, pd.Period):
        return str(answer.asfreq("M"))
    if not isinstance(answer, str):
        return None
    text = " ".join(answer.strip().lower().replace(".", " ").split())
    try:
        d.month_number(text)
        return text
    except ValueError:
        pass
    names = {m.lower(): i + 1 for i, m in enumerate(vocab.MONTHS_NB)}
    names.update({m.lower(): i + 1 for i, m in enumerate(("January", "February", "March", "April", "May", "June", "July",
                                                          "August", "September", "October", "November", "December"))})
    parts = text.split()
    if len(parts) == 2 and parts[0] in names and parts[1].isdigit():
        return f"{int(parts[1]):04d}-{names[parts[0]]:02d}"
    return None


@exercise("01.1", hint="look for the last month on Jobbklubb that is followed by two months off it; a one-month break does not count.")
def _(answer):
    history = exercise_history(1)
    exits = d.exit_months(history)
    given = _month_answer(answer)
    if given is None:
        return False, "give a month, for example '2021-03' or 'March 2021'."
    if given in exits:
        return True, (f"the exit is counted in {_month(exits[0], 'en')}: the person is off job club in "
                      f"{_month(d.shift_month(exits[0], 1), 'en')} and {_month(d.shift_month(exits[0], 2), 'en')}.")
    breaks = [m for m in d.month_range(history[0].month, len(history))
              if d.is_exit(history, m, months_off=1) and not d.is_exit(history, m)]
    if given in breaks:
        return False, (f"{_month(given, 'en')} is followed by one month off and then job club again: a short break is not an "
                       "exit, because the person must be off the programme for the two following months.")
    return False, "that month is not an exit: find the last month on the programme with two months off it afterwards."


@exercise("01.2", hint="the person is a jobseeker when leaving; check the five months before the exit month for reduced work capacity.")
def _(answer):
    history = exercise_history(2)
    month = d.exit_months(history)[0]
    group = d.exit_status_group(history, month)
    if not isinstance(answer, str):
        return False, "name a status group, for example 'Arbeidssøkere på tiltak' or 'jobseekers'."
    norm = " ".join(answer.lower().split())
    accepted = {group.lower(), vocab.english(group).lower(), "nedsatt arbeidsevne", "reduced work capacity"}
    if norm in accepted:
        return True, (f"the exit in {_month(month, 'en')} is counted under {group}: the person had reduced work capacity "
                      f"within the five months before, so the jobseeker's exit is reclassified (the definitions page, line 7).")
    if norm in {AS.lower(), vocab.english(AS).lower(), "arbeidssøker", "jobseeker", "jobseekers"}:
        return False, ("the person is a jobseeker in the exit month, but had reduced work capacity within the five months "
                       "before it: such exits are reclassified (the definitions page, line 7).")
    return False, "use one of the status groups, in Norwegian or English."


@exercise("01.3", hint="sickness benefit (sykepenger) does not count as a benefit (ytelse) in the exit statistics.")
def _(answer):
    history = exercise_history(3)
    month = d.exit_months(history)[0]
    status = d.status_after_exit(history, month)
    if not isinstance(answer, str):
        return False, "name one of the six statuses, for example 'Annet' or 'other'."
    if same_label(answer, status, d.SIX_MONTH_STATUSES[status]):
        return True, f"six months after the exit the person is '{status}' ({d.SIX_MONTH_STATUSES[status].lower()}): sickness benefit is not counted as a benefit."
    if same_label(answer, "Arbeid og ytelse", d.SIX_MONTH_STATUSES["Arbeid og ytelse"]):
        return False, "'Arbeid og ytelse' needs a benefit, and the definitions page, line 14 says sickness benefit is not one."
    return False, "look at the month six months after the exit: the person is in the employer register with wages."


CAUSAL_OPTIONS: dict[str, tuple[bool, str]] = {
    "a": (False, "no: the share says where leavers are six months later, not what the programme added. Many would have "
                 "found work anyway, and the two programmes take in different people."),
    "b": (True, "yes: without knowing what would have happened to the same people without the programme (a comparison "
                "group), the status after exit cannot show an effect. The audit says the same of its own figures "
                "(audit line 2961); notebook 06 returns to this."),
    "c": (False, "no: the status is measured the same way for both programmes, so timing is not the problem; the problem is "
                 "that nobody is compared with similar people who did not take part."),
}


@exercise("01.4", hint="ask what the statistic compares people with. Answer 'a', 'b' or 'c'.")
def _(answer):
    key = answer.strip().lower().strip("()") if isinstance(answer, str) else None
    if key not in CAUSAL_OPTIONS:
        return False, "answer with one letter: 'a', 'b' or 'c'."
    return CAUSAL_OPTIONS[key]
