"""06 What the audit found: Riksrevisjonen's Dokument 3:5 (2017–2018) and its evidence.

Every number here comes from the audit's own data in ``data/audit/`` through :mod:`helpers.audit`:
the eleven printed tables (:func:`~helpers.audit.load_audit_table`) and the figures the report states
only in its prose (:func:`~helpers.audit.load_audit_findings`, one row per statement, with the report
line it is printed on). Nothing is retyped. Where the report gives different values for the same thing
in different places, the figures show both and say so (``findings.csv`` ``note``,
:func:`~helpers.audit.load_audit_inconsistencies`).

Figures take ``lang`` ("en" or "nb"); those used by an explorer also take the participant ``frame``
first (the explorer contract), although the audit's numbers do not come from it.
"""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from .. import audit
from ..charts import Figure, PALETTE, STATUS_COLOURS, check_lang, either, finish, number, titled
from ..exercises import as_number, close, exercise
from ..widgets import LANGUAGES, Explorer, register

REPORT = "Dokument 3:5 (2017–2018)"
AS_COLOUR = STATUS_COLOURS["Arbeidssøkere på tiltak"]
NAE_COLOUR = STATUS_COLOURS["Nedsatt arbeidsevne, på tiltak"]
GROUPS = {
    "jobseekers": {"en": "Jobseekers", "nb": "Arbeidssøkere", "colour": AS_COLOUR},
    "reduced work capacity": {"en": "Reduced work capacity", "nb": "Nedsatt arbeidsevne", "colour": NAE_COLOUR},
}


_t = either


def _source(lang: str, where: str) -> str:
    """A subtitle line naming the source: the report and where in it."""
    return _t(lang, f"Source: Riksrevisjonen, {REPORT}, {where}", f"Kilde: Riksrevisjonen, {REPORT}, {where}")


def _cap(text: str) -> str:
    """First letter upper case, the rest as it is (keeps 'AMO', 'AB')."""
    return text[:1].upper() + text[1:]


# -- the report's prose figures --------------------------------------------------------------------
@functools.cache
def _findings() -> pd.DataFrame:
    return audit.load_audit_findings().set_index("id")


def finding(finding_id: str) -> pd.Series:
    """One figure stated in the report's prose: value, unit, line, quote, note (from findings.csv)."""
    return _findings().loc[finding_id]


def value(finding_id: str) -> float:
    """The value of one prose figure."""
    return float(finding(finding_id)["value"])


def line(finding_id: str) -> int:
    """The report line one prose figure is printed on."""
    return int(finding(finding_id)["line"])


def _about(finding_id: str) -> str:
    """'about ' when the report hedges the figure ('ca.', 'om lag' …), else ''."""
    return "about " if bool(finding(finding_id)["approx"]) else ""


# -- what the audit examined ------------------------------------------------------------------------
METHODS: tuple[dict, ...] = (
    {"method": "Register data (registerdata)", "section": "2.5",
     "what": "everyone on a state programme, March 2010 to December 2016",
     "figures": (("register_persons", "persons"),)},
    {"method": "Two outcome analyses of register data", "section": "2.5.2-2.5.3",
     "what": "everyone who left a programme in 2014, followed two years; and those of them with no job before, "
             "grouped by cluster analysis (grupperingsanalyse) and survival analysis (overlevelsesanalyse)",
     "figures": (("leavers_2014", "leavers"), ("cluster_population", "in the cluster analysis"))},
    {"method": "Case-file review (saksgjennomgang)", "section": "2.3",
     "what": "randomly chosen users on six programmes in 2015, read in NAV's case systems",
     "figures": (("cases_reviewed", "case files"),)},
    {"method": "Survey (spørreundersøkelse) of NAV offices", "section": "2.4",
     "what": "managers of every NAV office and a sample of advisers",
     "figures": (("survey_offices", "offices"), ("survey_sent", "sent"), ("survey_usable_respondents", "usable answers"))},
    {"method": "Interviews and documents", "section": "2.1-2.2",
     "what": "county offices, NAV offices, user organisations, providers, the directorate and the ministry",
     "figures": (("interviews_county_offices", "county offices"), ("interviews_nav_offices", "NAV offices"))},
)


def methods() -> pd.DataFrame:
    """The audit's four kinds of evidence, with their sizes taken from the prose (and the lines)."""
    rows = []
    for m in METHODS:
        parts = [f"{number(value(fid))} {unit}" for fid, unit in m["figures"]]
        lines = ", ".join(str(line(fid)) for fid, _ in m["figures"])
        rows.append({"method": m["method"], "what": m["what"], "size": "; ".join(parts),
                     "report": f"§{m['section']} (line {lines})"})
    return pd.DataFrame(rows)


def methods_markdown() -> str:
    rows = ["| Method | What it covered | Size | Report |", "|---|---|---|---|"]
    for r in methods().itertuples(index=False):
        rows.append(f"| {r.method} | {r.what} | {r.size} | {r.report} |")
    return "\n".join(rows)


# -- finding 1: few move into work ------------------------------------------------------------------
NO_JOB = (
    # group, horizon (years), the Document's "without a job" figure, chapter 7.2's "in work" figure
    ("jobseekers", 1, "as_no_job_1y_document", "as_nojob_in_job_1y"),
    ("jobseekers", 2, "as_no_job_2y_document", "as_nojob_in_job_2y"),
    ("reduced work capacity", 1, "nae_no_job_1y_document", "nae_nojob_in_job_1y"),
    ("reduced work capacity", 2, "nae_no_job_2y_document", "nae_nojob_in_job_2y"),
)


def no_job_data() -> pd.DataFrame:
    rows = []
    for group, years, document, chapter in NO_JOB:
        rows.append({"group": group, "years": years, "without_job_pct": value(document), "line": line(document),
                     "in_work_ch7_pct": value(chapter), "line_ch7": line(chapter),
                     "implied_without_pct": 100 - value(chapter)})
    return pd.DataFrame(rows)


def no_job_after(lang: str = "en") -> Figure:
    """Share still without a registered job one and two years after leaving a programme in 2014."""
    data = no_job_data()
    data["group_label"] = [GROUPS[g][lang] for g in data["group"]]
    data["when"] = [_t(lang, f"{y} year{'s' if y > 1 else ''} after exit", f"{y} år etter avgang") for y in data["years"]]
    order = [GROUPS[g][lang] for g in GROUPS]
    colour = alt.Color("group_label:N", title=None, sort=order,
                       scale=alt.Scale(domain=order, range=[GROUPS[g]["colour"] for g in GROUPS]),
                       legend=alt.Legend(orient="bottom"))
    base = alt.Chart(data[["group_label", "when", "without_job_pct", "implied_without_pct"]])
    x = alt.X("when:N", title=None, axis=alt.Axis(labelAngle=0))
    bars = base.mark_bar(width=46).encode(
        x=x, xOffset=alt.XOffset("group_label:N", sort=order),
        y=alt.Y("without_job_pct:Q", title=_t(lang, "Without a registered job (%)", "Uten registrert jobb (%)"),
                scale=alt.Scale(domain=[0, 100])),
        color=colour,
        tooltip=[alt.Tooltip("group_label:N", title=_t(lang, "Group", "Gruppe")), alt.Tooltip("when:N"),
                 alt.Tooltip("without_job_pct:Q", title=_t(lang, "Document", "Dokumentet")),
                 alt.Tooltip("implied_without_pct:Q", title=_t(lang, "100 minus chapter 7.2", "100 minus kapittel 7.2"))])
    labels = base.mark_text(dy=6, baseline="top", fontSize=12, color="white", fontWeight="bold").encode(
        x=x, xOffset=alt.XOffset("group_label:N", sort=order), y="without_job_pct:Q",
        text=alt.Text("without_job_pct:Q", format=".0f"))
    ticks = base.mark_tick(color="#111111", opacity=1, thickness=3, size=40).encode(
        x=x, xOffset=alt.XOffset("group_label:N", sort=order), y="implied_without_pct:Q")
    subtitle = [
        _t(lang, "People who left a programme in 2014 and had no registered job when they started it.",
           "Personer som avsluttet et tiltak i 2014 og ikke var registrert i jobb da de startet."),
        _t(lang, "Bars: the Document (lines 188-195). Black ticks: 100 minus the in-work share in chapter 7.2 (lines 2887-2892).",
           "Søyler: dokumentet (linje 188-195). Svarte streker: 100 minus andelen i jobb i kapittel 7.2 (linje 2887-2892)."),
        _source(lang, _t(lang, "Figur 1 (Document) and Figur 19", "figur 1 (dokumentet) og figur 19")),
    ]
    title = _t(lang, "Many still had no job a year or two after the programme", "Mange var uten jobb ett og to år etter tiltaket")
    chart = (bars + labels + ticks).properties(title=titled(title, subtitle), width=420, height=260)
    d = data.set_index(["group", "years"])
    takeaway = _t(
        lang,
        f"The audit found that {number(d.loc[('reduced work capacity', 1), 'without_job_pct'])} % of people with reduced work "
        f"capacity and {number(d.loc[('jobseekers', 1), 'without_job_pct'])} % of jobseekers had no registered job a year after "
        f"the programme, and {number(d.loc[('reduced work capacity', 2), 'without_job_pct'])} % and "
        f"{number(d.loc[('jobseekers', 2), 'without_job_pct'])} % after two years; chapter 7.2 implies "
        f"{number(d.loc[('jobseekers', 1), 'implied_without_pct'])} % for jobseekers after one year.",
        f"Revisjonen fant at {number(d.loc[('reduced work capacity', 1), 'without_job_pct'])} % av personene med nedsatt "
        f"arbeidsevne og {number(d.loc[('jobseekers', 1), 'without_job_pct'])} % av arbeidssøkerne var uten registrert jobb "
        f"ett år etter tiltaket; kapittel 7.2 gir {number(d.loc[('jobseekers', 1), 'implied_without_pct'])} % for arbeidssøkerne.")
    table = pd.DataFrame({
        _t(lang, "Group", "Gruppe"): data["group_label"], _t(lang, "When", "Når"): data["when"],
        _t(lang, "Without a job, Document (%)", "Uten jobb, dokumentet (%)"): data["without_job_pct"].astype("int64"),
        _t(lang, "Line", "Linje"): data["line"],
        _t(lang, "In work, chapter 7.2 (%)", "I jobb, kapittel 7.2 (%)"): data["in_work_ch7_pct"].astype("int64"),
        _t(lang, "Line ", "Linje "): data["line_ch7"],
        _t(lang, "100 minus chapter 7.2 (%)", "100 minus kapittel 7.2 (%)"): data["implied_without_pct"].astype("int64"),
    })
    return Figure(finish(chart, lang), takeaway, table, title)


CLUSTERS = {
    # cluster: (probability of work a year after exit in the Document, in chapter 9 (or None), description)
    "A": ("cluster_a_p_work_1y_document", "cluster_a_p_work_1y_ch9",
          "mainly jobseekers on unemployment or sickness benefit", "hovedsakelig arbeidssøkere med dagpenger eller sykepenger"),
    "B": ("cluster_b_p_work_after_1y", None,
          "many young immigrants and people on social assistance", "mange unge innvandrere og sosialhjelpsmottakere"),
    "C": ("cluster_c_p_work_1y_document", "cluster_c_p_work_1y_ch9",
          "mostly reduced work capacity, on work assessment allowance", "stort sett nedsatt arbeidsevne og AAP"),
    "D": ("cluster_d_p_work_1y", None,
          "many young women on transitional benefit", "mange unge kvinner med overgangsstønad"),
}


def cluster_data() -> pd.DataFrame:
    """Tabell 9 (size, share with reduced work capacity) with each cluster's estimated probability of work."""
    table = audit.load_audit_table(9)
    table = table[~table["is_total"]].pivot(index=["cluster", "line"], columns="measure", values="value").reset_index()
    rows = []
    for r in table.itertuples(index=False):
        document, chapter9, en, nb = CLUSTERS[r.cluster]
        rows.append({"cluster": r.cluster, "persons": int(r.persons), "share_of_sample_pct": int(r.share_of_sample),
                     "share_reduced_work_capacity_pct": int(r.share_reduced_work_capacity), "line_tabell_9": r.line,
                     "p_work_1y_pct": value(document), "line": line(document),
                     "p_work_1y_ch9_pct": value(chapter9) if chapter9 else float("nan"),
                     "line_ch9": line(chapter9) if chapter9 else pd.NA, "description_en": en, "description_nb": nb})
    return pd.DataFrame(rows)


def clusters(lang: str = "en") -> Figure:
    """The four clusters' estimated probability of work a year after exit, with their size and make-up."""
    data = cluster_data()
    data["label"] = [
        _t(lang, f"{c}: {number(s)} % of people", f"{c}: {number(s)} % av personene")
        for c, s in zip(data["cluster"], data["share_of_sample_pct"])]
    base = alt.Chart(data[["label", "p_work_1y_pct", "p_work_1y_ch9_pct", "share_reduced_work_capacity_pct", "description_" + lang]])
    nae_title = _t(lang, "With reduced work capacity (%)", "Med nedsatt arbeidsevne (%)")
    bars = base.mark_bar(height=26).encode(
        y=alt.Y("label:N", title=None, sort=None),
        x=alt.X("p_work_1y_pct:Q", title=_t(lang, "Estimated probability of work one year after exit (%)",
                                             "Beregnet sannsynlighet for arbeid ett år etter avgang (%)"),
                scale=alt.Scale(domain=[0, 60])),
        color=alt.Color("share_reduced_work_capacity_pct:Q", title=nae_title,
                        scale=alt.Scale(scheme="oranges", domain=[0, 100]), legend=alt.Legend(orient="bottom", gradientLength=200, titleLimit=400)),
        tooltip=[alt.Tooltip("label:N", title=_t(lang, "Cluster", "Gruppe")), alt.Tooltip("description_" + lang + ":N", title=""),
                 alt.Tooltip("p_work_1y_pct:Q", title=_t(lang, "Document (%)", "Dokumentet (%)")),
                 alt.Tooltip("share_reduced_work_capacity_pct:Q", title=nae_title)])
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(
        y=alt.Y("label:N", sort=None), x="p_work_1y_pct:Q", text=alt.Text("p_work_1y_pct:Q", format=".0f"))
    other = base.transform_filter("isValid(datum.p_work_1y_ch9_pct)").mark_point(
        shape="diamond", size=110, filled=False, color="#111111", opacity=1, strokeWidth=2).encode(
        y=alt.Y("label:N", sort=None), x="p_work_1y_ch9_pct:Q")
    subtitle = [
        _t(lang, "People who left a programme in 2014 with no job three months before they entered it, in four clusters.",
           "Personer som avsluttet tiltak i 2014 og ikke var i jobb tre måneder før oppstart, i fire grupper."),
        _t(lang, "Bars: the Document (lines 212-229). Diamonds: the different value chapter 9 gives (lines 3253, 3256).",
           "Søyler: dokumentet (linje 212-229). Ruter: den andre verdien i kapittel 9 (linje 3253, 3256)."),
        _source(lang, _t(lang, "Figur 2 (Document) and Tabell 9", "figur 2 (dokumentet) og tabell 9")),
    ]
    title = _t(lang, "The largest cluster had the lowest chance of work", "Den største gruppen hadde minst sannsynlighet for arbeid")
    chart = (bars + labels + other).properties(title=titled(title, subtitle), width=440, height=170)
    c = data.set_index("cluster")
    low = c["p_work_1y_pct"].idxmin()
    high = c["p_work_1y_pct"].idxmax()
    takeaway = _t(
        lang,
        f"The largest cluster, {low} ({number(c.loc[low, 'share_of_sample_pct'])} % of the people analysed, "
        f"{number(c.loc[low, 'share_reduced_work_capacity_pct'])} % with reduced work capacity), had the lowest estimated chance of "
        f"work a year after exit, {number(c.loc[low, 'p_work_1y_pct'])} %, against {_about(CLUSTERS[high][0])}"
        f"{number(c.loc[high, 'p_work_1y_pct'])} % in cluster {high} (chapter 9 says {number(c.loc[high, 'p_work_1y_ch9_pct'])} %).",
        f"Den største gruppen, {low} ({number(c.loc[low, 'share_of_sample_pct'])} % av personene, "
        f"{number(c.loc[low, 'share_reduced_work_capacity_pct'])} % med nedsatt arbeidsevne), hadde lavest beregnet sannsynlighet "
        f"for arbeid etter ett år, {number(c.loc[low, 'p_work_1y_pct'])} %, mot {number(c.loc[high, 'p_work_1y_pct'])} % i gruppe {high}.")
    table = pd.DataFrame({
        _t(lang, "Cluster", "Gruppe"): data["cluster"],
        _t(lang, "Who", "Hvem"): data["description_" + lang],
        _t(lang, "Persons", "Personer"): data["persons"],
        _t(lang, "Share of people (%)", "Andel av personene (%)"): data["share_of_sample_pct"],
        nae_title: data["share_reduced_work_capacity_pct"],
        _t(lang, "Probability of work after 1 year, Document (%)", "Sannsynlighet for arbeid etter 1 år, dokumentet (%)"):
            data["p_work_1y_pct"].astype("int64"),
        _t(lang, "Line", "Linje"): data["line"],
        _t(lang, "Chapter 9 (%)", "Kapittel 9 (%)"): [("—" if pd.isna(v) else int(v)) for v in data["p_work_1y_ch9_pct"]],
        _t(lang, "Line ", "Linje "): [("—" if pd.isna(v) else int(v)) for v in data["line_ch9"]],
    })
    return Figure(finish(chart, lang), takeaway, table, title,
                  notes=[_t(lang, "Tabell 9 gives the sizes (lines 3029-3037); '—' in the chapter-9 columns means chapter 9 gives no other value.",
                            "Tabell 9 gir størrelsene (linje 3029-3037).")])


# -- finding 2: activity plans ----------------------------------------------------------------------
def activity_plan_data() -> pd.DataFrame:
    """Tabell 1 and 2 side by side: share without an activity plan and the number counted, per year."""
    tables = pd.concat([audit.load_audit_table(1), audit.load_audit_table(2)], ignore_index=True)
    wide = tables.pivot(index=["status_group_en", "year", "line"], columns="measure", values="value").reset_index()
    wide["table"] = wide["status_group_en"].map({"reduced work capacity": 1, "jobseekers": 2})
    wide["inflated"] = wide["year"] == audit.INFLATED_YEAR
    wide["participants"] = wide["participants"].astype("int64")
    return wide.rename(columns={"status_group_en": "group"}).rename_axis(columns=None)[
        ["table", "group", "year", "share_without_plan", "participants", "inflated", "line"]]


def activity_plans(lang: str = "en") -> Figure:
    """Share starting their last programme without an activity plan, 2011–2016, with 2016 marked as inflated."""
    data = activity_plan_data()
    data["group_label"] = [GROUPS[g][lang] for g in data["group"]]
    data["year_label"] = [f"{y}*" if f else str(y) for y, f in zip(data["year"], data["inflated"])]
    order = [GROUPS[g][lang] for g in GROUPS]
    colour = alt.Color("group_label:N", title=None, sort=order,
                       scale=alt.Scale(domain=order, range=[GROUPS[g]["colour"] for g in GROUPS]),
                       legend=alt.Legend(orient="bottom"))
    opacity = alt.condition(alt.datum.inflated, alt.value(0.35), alt.value(1.0))
    stroke = alt.condition(alt.datum.inflated, alt.value("#222222"), alt.value(None))
    base = alt.Chart(data[["group_label", "year_label", "share_without_plan", "participants", "inflated"]])
    x = alt.X("year_label:O", title=_t(lang, "Year the last programme started", "År siste tiltak startet"), axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("group_label:N", sort=order)
    share = base.mark_bar(strokeDash=[4, 2], strokeWidth=1.5).encode(
        x=x, xOffset=offset, color=colour, opacity=opacity, stroke=stroke,
        y=alt.Y("share_without_plan:Q", title=_t(lang, "Without an activity plan (%)", "Uten aktivitetsplan (%)"),
                scale=alt.Scale(domain=[0, 100])),
        tooltip=["year_label:N", "group_label:N", "share_without_plan:Q", "participants:Q"])
    share_text = base.mark_text(dy=-7, fontSize=10).encode(
        x=x, xOffset=offset, y="share_without_plan:Q", text=alt.Text("share_without_plan:Q", format=".1f"))
    counts = base.mark_bar(strokeDash=[4, 2], strokeWidth=1.5).encode(
        x=x, xOffset=offset, color=colour, opacity=opacity, stroke=stroke,
        y=alt.Y("participants:Q", title=_t(lang, "People counted (persons)", "Personer talt (personer)"), axis=alt.Axis(format=",d")),
        tooltip=["year_label:N", "group_label:N", alt.Tooltip("participants:Q", format=",d")])
    note = alt.Chart(data[data["inflated"]].head(1)[["year_label"]]).mark_text(
        dy=-4, fontSize=11, fontStyle="italic", color="#444444", baseline="bottom").encode(
        x=x, y=alt.value(0),
        text=alt.value(_t(lang, "* inflated: everyone not counted earlier", "* kunstig høyt: alle som ikke er talt før")))
    top = (share + share_text).properties(width=460, height=190)
    bottom = (counts + note).properties(width=460, height=110)
    subtitle = [
        _t(lang, "Participants counted once, in the first month of their last programme in 2011-2016.",
           "Deltakere talt én gang, første måned på siste tiltak i 2011-2016."),
        _t(lang, "* 2016 (pale, dashed) is artificially large because the data end that year (note under Tabell 2, lines 1832-1834).",
           "* 2016 (lys, stiplet) er kunstig stor fordi dataene slutter det året (note under tabell 2, linje 1832-1834)."),
        _source(lang, _t(lang, "Tabell 1 and 2 (lines 1798-1835)", "tabell 1 og 2 (linje 1798-1835)")),
    ]
    title = _t(lang, "Many started a programme without an activity plan", "Mange startet på tiltak uten aktivitetsplan")
    chart = alt.vconcat(top, bottom, spacing=8).properties(title=titled(title, subtitle))
    change = audit.activity_plan_change().set_index(["status_group_en", "to_year"])
    jobseekers = change.loc[("jobseekers", audit.INFLATED_YEAR - 1)]
    nae = data[(data["group"] == "reduced work capacity") & ~data["inflated"]]["share_without_plan"]
    n2016 = int(data[(data["group"] == "reduced work capacity") & data["inflated"]]["participants"].item())
    takeaway = _t(
        lang,
        f"The share of jobseekers starting without an activity plan fell from {number(jobseekers['share_from_pct'], decimals=1)} % "
        f"in 2011 to {number(jobseekers['share_to_pct'], decimals=1)} % in 2015; for people with reduced work capacity it stayed at "
        f"{number(nae.min(), decimals=1)}-{number(nae.max(), decimals=1)} %. The 2016 bars count everyone not counted before "
        f"({number(n2016)} people with reduced work capacity) and are not comparable.",
        f"Andelen arbeidssøkere uten aktivitetsplan falt fra {number(jobseekers['share_from_pct'], 'nb', 1)} % i 2011 til "
        f"{number(jobseekers['share_to_pct'], 'nb', 1)} % i 2015; for nedsatt arbeidsevne lå den på "
        f"{number(nae.min(), 'nb', 1)}-{number(nae.max(), 'nb', 1)} %. 2016 er ikke sammenlignbart.")
    table = pd.DataFrame({
        "Tabell": data["table"], _t(lang, "Group", "Gruppe"): data["group_label"], _t(lang, "Year", "År"): data["year_label"],
        _t(lang, "Without a plan (%)", "Uten plan (%)"): data["share_without_plan"],
        _t(lang, "People counted", "Personer talt"): data["participants"], _t(lang, "Line", "Linje"): data["line"],
    })
    return Figure(finish(chart, lang), takeaway, table, title)


# -- finding 3: waiting -----------------------------------------------------------------------------
WAITING_TABLES = {
    6: {"en": "Tabell 6: waiting for a programme", "nb": "Tabell 6: venter på tiltak"},
    7: {"en": "Tabell 7: also waiting for a plan", "nb": "Tabell 7: også venter på plan"},
}


def waiting_data() -> pd.DataFrame:
    """Tabell 6 and 7 wide: mean, median and longest wait (months) per programme, with the lines."""
    frames = []
    for n in WAITING_TABLES:
        t = audit.load_audit_table(n)
        wide = t.pivot(index=["scheme", "scheme_en", "line"], columns="measure", values="value").reset_index()
        wide.insert(0, "table", n)
        wide["order"] = range(len(wide))
        frames.append(wide)
    data = pd.concat(frames, ignore_index=True).rename_axis(columns=None)
    data["gap"] = (data["mean"] - data["median"]).round(1)
    return data[["table", "scheme", "scheme_en", "mean", "median", "max", "gap", "line", "order"]]


def waiting(frame: pd.DataFrame | None = None, table: int | None = None, view: str = "spread", lang: str = "en") -> Figure:
    """Months of waiting before a programme (people with reduced work capacity): mean against median.

    ``table=None`` draws both tables with a menu in the chart (works without a kernel); 6 or 7 draws
    one. ``view="spread"`` shows median and mean; ``view="longest"`` the longest wait.
    """
    check_lang(lang)
    if table not in (None, 6, 7) or view not in ("spread", "longest"):
        raise ValueError("table must be None, 6 or 7 and view 'spread' or 'longest'")
    data = waiting_data()
    if table is not None:
        data = data[data["table"] == table]
    data["table_label"] = [WAITING_TABLES[n][lang] for n in data["table"]]
    data["programme"] = data["scheme_en"].map(_cap) if lang == "en" else data["scheme"]
    order = list(data[data["table"] == data["table"].max()].sort_values("mean", ascending=False)["programme"])
    cols = ["table_label", "programme", "mean", "median", "max", "gap"]
    base = alt.Chart(data[cols])
    y = alt.Y("programme:N", title=None, sort=order)
    months = _t(lang, "Months of waiting", "Måneder med venting")
    tooltip = [alt.Tooltip("programme:N", title=_t(lang, "Programme", "Tiltak")),
               alt.Tooltip("mean:Q", title=_t(lang, "Mean", "Gjennomsnitt")),
               alt.Tooltip("median:Q", title="Median"), alt.Tooltip("max:Q", title=_t(lang, "Longest", "Lengste"))]
    if view == "spread":
        rule = base.mark_rule(strokeWidth=3, color="#999999").encode(y=y, x=alt.X("median:Q", title=months), x2="mean:Q")
        med = base.mark_point(filled=False, size=90, strokeWidth=2, color=PALETTE[0], opacity=1).encode(y=y, x="median:Q", tooltip=tooltip)
        mean = base.mark_point(filled=True, size=90, color=NAE_COLOUR, opacity=1).encode(y=y, x="mean:Q", tooltip=tooltip)
        text = base.mark_text(align="left", dx=8, fontSize=11).encode(y=y, x="mean:Q", text=alt.Text("mean:Q", format=".1f"))
        layers = rule + med + mean + text
        explain = _t(lang, "Open circle: median. Dot: mean (value shown). A mean far above the median means a few very long waits.",
                     "Åpen sirkel: median. Prikk: gjennomsnitt. Et gjennomsnitt langt over medianen betyr noen svært lange ventetider.")
        title = _t(lang, "Most wait less than the average: a few wait very long", "De fleste venter kortere enn gjennomsnittet")
    else:
        layers = base.mark_bar(color=NAE_COLOUR, height=14).encode(y=y, x=alt.X("max:Q", title=months), tooltip=tooltip) + \
            base.mark_text(align="left", dx=4, fontSize=11).encode(y=y, x="max:Q", text=alt.Text("max:Q", format=".0f"))
        explain = _t(lang, "The longest registered wait before each programme.", "Den lengste registrerte ventetiden før hvert tiltak.")
        title = _t(lang, "Some waited for years", "Noen ventet i flere år")
    subtitle = [
        _t(lang, "People with reduced work capacity who entered one of nine programmes, January 2011 - December 2016.",
           "Personer med nedsatt arbeidsevne som startet på ett av ni tiltak, januar 2011 - desember 2016."), explain,
        _source(lang, _t(lang, "Tabell 6 (N = 125 457, lines 2309-2336) and 7 (N = 198 586, lines 2360-2387)",
                         "tabell 6 (N = 125 457) og 7 (N = 198 586)"))]
    chart = layers.properties(width=400, height=24 * len(order))
    if table is None:
        options = [WAITING_TABLES[n][lang] for n in (7, 6)]
        pick = alt.param(name="waiting_table", value=options[0],
                         bind=alt.binding_select(options=options, name=_t(lang, "Table: ", "Tabell: ")))
        chart = chart.add_params(pick).transform_filter(alt.datum.table_label == pick)
    chart = chart.properties(title=titled(title, subtitle))
    t7 = data[data["table"] == data["table"].max()]
    n = int(t7["table"].iloc[0])
    above = bool((t7["mean"] > t7["median"]).all())
    widest = t7.loc[t7["gap"].idxmax()]
    longest = data.loc[data["max"].idxmax()]
    name = widest["scheme_en"] if lang == "en" else widest["scheme"]
    takeaway = _t(
        lang,
        f"In Tabell {n} the mean wait is {'above the median for every programme' if above else 'not always above the median'}, "
        f"by up to {number(widest['gap'], decimals=1)} months ({name}), and the longest wait was {number(longest['max'])} months: "
        f"a long right tail of very long waits pulls the mean up.",
        f"I tabell {n} er gjennomsnittet {'over medianen for alle tiltak' if above else 'ikke alltid over medianen'}, med inntil "
        f"{number(widest['gap'], 'nb', 1)} måneder ({name}); den lengste ventetiden var {number(longest['max'])} måneder.")
    table_out = pd.DataFrame({
        "Tabell": data["table"], _t(lang, "Programme", "Tiltak"): data["programme"],
        _t(lang, "Mean (months)", "Gjennomsnitt (måneder)"): data["mean"], _t(lang, "Median (months)", "Median (måneder)"): data["median"],
        _t(lang, "Mean minus median", "Gjennomsnitt minus median"): data["gap"],
        _t(lang, "Longest (months)", "Lengste (måneder)"): data["max"].astype("int64"), _t(lang, "Line", "Linje"): data["line"],
    })
    return Figure(finish(chart, lang), takeaway, table_out, title)


# -- finding 4: follow-up -----------------------------------------------------------------------------
FOLLOW_UP = (
    ("apo_share_without_followup", "All work-practice participations", "Alle deltakelser på arbeidspraksis"),
    ("apo_nae_share_without_followup", "... of people with reduced work capacity", "... personer med nedsatt arbeidsevne"),
    ("apo_over_3m_share_without_followup", "... lasting more than three months", "... som varte over tre måneder"),
)


def follow_up(lang: str = "en") -> Figure:
    """Share of participations in work practice (ordinary business) with no registered individual follow-up."""
    check_lang(lang)
    rows = [{"what": en if lang == "en" else nb, "share_pct": value(fid), "line": line(fid)} for fid, en, nb in FOLLOW_UP]
    spells, without = value("waiting_spells"), value("waiting_spells_without_followup")
    rows.append({"what": _t(lang, "Waiting spells before a programme (reduced work capacity)", "Ventetid før tiltak (nedsatt arbeidsevne)"),
                 "share_pct": round(100 * without / spells), "line": line("waiting_spells_without_followup")})
    data = pd.DataFrame(rows)
    base = alt.Chart(data[["what", "share_pct"]])
    y = alt.Y("what:N", title=None, sort=None, axis=alt.Axis(labelLimit=360))
    bars = base.mark_bar(color=PALETTE[0], height=22).encode(
        y=y, x=alt.X("share_pct:Q", title=_t(lang, "Without any registered individual follow-up (%)",
                                           "Uten registrert individuell oppfølging (%)"), scale=alt.Scale(domain=[0, 50])),
        tooltip=["what:N", "share_pct:Q"])
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(y=y, x="share_pct:Q", text=alt.Text("share_pct:Q", format=".0f"))
    subtitle = [
        _t(lang, f"Work practice in an ordinary business (APO, work training from 2016), {number(value('apo_participations'))}+ "
                 "participations, 2011-2015; waiting spells 2011-2015.",
           f"Arbeidspraksis i ordinær virksomhet (arbeidstrening fra 2016), over {number(value('apo_participations'), 'nb')} "
           "deltakelser, 2011-2015; venteforløp 2011-2015."),
        _t(lang, "Some follow-up may be registered elsewhere (lines 2584-2587).", "Noe oppfølging kan være registrert andre steder (linje 2584-2587)."),
        _source(lang, _t(lang, "§6.1-6.2, lines 2489-2592 (Figur 7 and 10)", "kap. 6.1-6.2, linje 2489-2592 (figur 7 og 10)")),
    ]
    title = _t(lang, "Many had no registered follow-up from NAV", "Mange fikk ingen registrert oppfølging fra NAV")
    chart = (bars + text).properties(title=titled(title, subtitle), width=330, height=150)
    takeaway = _t(
        lang,
        f"In 2011-2015 {number(value('apo_share_without_followup'))} % of the more than {number(value('apo_participations'))} "
        f"participations in work practice had no registered individual follow-up from NAV, and "
        f"{number(value('apo_over_3m_share_without_followup'))} % of those lasting over three months: less than the rules require.",
        f"I 2011-2015 var {number(value('apo_share_without_followup'))} % av deltakelsene på arbeidspraksis uten registrert "
        f"individuell oppfølging, og {number(value('apo_over_3m_share_without_followup'))} % av dem som varte over tre måneder.")
    table = pd.DataFrame({_t(lang, "What", "Hva"): data["what"], _t(lang, "Without follow-up (%)", "Uten oppfølging (%)"):
                          data["share_pct"].astype("int64"), _t(lang, "Line", "Linje"): data["line"]})
    return Figure(finish(chart, lang), takeaway, table, title,
                  notes=[f"waiting spells: {number(without)} of {number(spells)} (lines {line('waiting_spells_without_followup')}, "
                         f"{line('waiting_spells')})"])


# -- finding 5: steering ----------------------------------------------------------------------------
def steering_data() -> pd.DataFrame:
    """Tabell 3's printed totals per year and the share with reduced work capacity, next to the 80/20 split."""
    t = audit.load_audit_table(3)
    totals = t[t["is_total"]].pivot(index="year", columns="status_group_en", values="value")
    lines = t[t["is_total"]].pivot(index="year", columns="status_group_en", values="line")
    data = pd.DataFrame({"year": totals.index, "jobseekers": totals["jobseekers"].astype("int64").to_numpy(),
                         "reduced_work_capacity": totals["reduced work capacity"].astype("int64").to_numpy(),
                         "line_jobseekers": lines["jobseekers"].to_numpy(), "line_reduced": lines["reduced work capacity"].to_numpy()})
    data["share_reduced_pct"] = (100 * data["reduced_work_capacity"] / (data["reduced_work_capacity"] + data["jobseekers"])).round(1)
    data["target_pct"] = value("steering_split_nae_pct")
    return data


def steering(lang: str = "en") -> Figure:
    """The ministry steered on places, split about 80/20; Tabell 3 shows the split it got."""
    data = steering_data()
    data["year_label"] = data["year"].astype(str)
    base = alt.Chart(data[["year_label", "share_reduced_pct", "target_pct", "jobseekers", "reduced_work_capacity"]])
    share_title = _t(lang, "Reduced work capacity (% of participants)", "Nedsatt arbeidsevne (% av deltakerne)")
    x = alt.X("year_label:O", title=_t(lang, "Year", "År"), axis=alt.Axis(labelAngle=0))
    line_ = base.mark_line(point=alt.OverlayMarkDef(size=70, color=NAE_COLOUR, opacity=1), color=NAE_COLOUR).encode(
        x=x, y=alt.Y("share_reduced_pct:Q", title=share_title, scale=alt.Scale(domain=[60, 90])),
        tooltip=["year_label:N", "share_reduced_pct:Q", "jobseekers:Q", "reduced_work_capacity:Q"])
    above = base.transform_filter(alt.datum.share_reduced_pct >= alt.datum.target_pct).mark_text(dy=-12, fontSize=11).encode(
        x="year_label:O", y="share_reduced_pct:Q", text=alt.Text("share_reduced_pct:Q", format=".1f"))
    below = base.transform_filter(alt.datum.share_reduced_pct < alt.datum.target_pct).mark_text(dy=14, fontSize=11).encode(
        x="year_label:O", y="share_reduced_pct:Q", text=alt.Text("share_reduced_pct:Q", format=".1f"))
    target = base.mark_rule(strokeDash=[6, 4], color="#222222").encode(y="mean(target_pct):Q")
    target_text = alt.Chart(data.head(1)[["year_label", "target_pct"]]).mark_text(
        align="left", baseline="bottom", dy=-16, dx=-24, fontSize=11, fontStyle="italic", color="#222222").encode(
        x="year_label:O", y="target_pct:Q",
        text=alt.value(_t(lang, "dashed: steering split, about 80 % of places", "stiplet: styringsfordeling, om lag 80 % av plassene")))
    subtitle = [
        _t(lang, "Annual mean of the monthly number of participants: reduced work capacity / (reduced work capacity + jobseekers).",
           "Årsgjennomsnitt av månedlige deltakere: nedsatt arbeidsevne / (nedsatt arbeidsevne + arbeidssøkere)."),
        _t(lang, f"Dashed line: the split of places the ministry steered by (line {line('steering_split_nae_pct')}).",
           f"Stiplet linje: fordelingen av plasser departementet styrte etter (linje {line('steering_split_nae_pct')})."),
        _source(lang, _t(lang, "Tabell 3 (lines 1979-2024) and §8", "tabell 3 og kap. 8")),
    ]
    title = _t(lang, "Steering by places: close to the 80/20 split", "Styring på plasser: nær fordelingen 80/20")
    chart = (line_ + above + below + target + target_text).properties(title=titled(title, subtitle), width=420, height=220)
    takeaway = _t(
        lang,
        f"The ministry steered mainly by budget and places, about {number(value('steering_split_nae_pct'))} % for people with reduced "
        f"work capacity; in Tabell 3 their share of monthly participants was {number(data['share_reduced_pct'].min(), decimals=1)}-"
        f"{number(data['share_reduced_pct'].max(), decimals=1)} % in 2011-2016. Counting places says nothing about results.",
        f"Departementet styrte på budsjett og plasser, om lag {number(value('steering_split_nae_pct'))} % til nedsatt arbeidsevne; "
        f"i tabell 3 var andelen {number(data['share_reduced_pct'].min(), 'nb', 1)}-{number(data['share_reduced_pct'].max(), 'nb', 1)} %.")
    table = pd.DataFrame({_t(lang, "Year", "År"): data["year"], _t(lang, "Jobseekers (persons)", "Arbeidssøkere (personer)"): data["jobseekers"],
                          _t(lang, "Reduced work capacity (persons)", "Nedsatt arbeidsevne (personer)"): data["reduced_work_capacity"],
                          share_title: data["share_reduced_pct"], _t(lang, "Lines", "Linjer"):
                          [f"{a}, {b}" for a, b in zip(data["line_jobseekers"], data["line_reduced"])]})
    return Figure(finish(chart, lang), takeaway, table, title,
                  notes=["Tabell 3 prints totals for reduced work capacity that are 2 (2011) and 1 (2016) below the sum of "
                         "their parts; the printed totals are used (inconsistencies tabell_03_nae_total_2011/2016)."])


# -- the six-month status and what it cannot show --------------------------------------------------------
OUTCOMES = (
    ("nav", "NAV's statistic: in work 6 months after exit (2014)", "NAVs statistikk: i arbeid 6 mnd. etter avgang (2014)",
     "minister_as_transition_2014", "minister_nae_transition_2014"),
    ("after", "Audit: in a job 1 year after exit, all 2014 leavers", "Revisjonen: i jobb 1 år etter avgang, alle",
     "as_in_job_1y", "nae_in_job_1y"),
    ("before", "Audit: in a job already before they started", "Revisjonen: i jobb allerede før oppstart",
     "as_in_job_before_entry", "nae_in_job_before_entry"),
    ("nojob", "Audit: in a job 1 year after exit, no job at start", "Revisjonen: i jobb 1 år etter, uten jobb ved oppstart",
     "as_nojob_in_job_1y", "nae_nojob_in_job_1y"),
)


def outcomes_data() -> pd.DataFrame:
    rows = []
    for key, en, nb, as_id, nae_id in OUTCOMES:
        for group, fid in (("jobseekers", as_id), ("reduced work capacity", nae_id)):
            rows.append({"measure": key, "label_en": en, "label_nb": nb, "group": group, "pct": value(fid),
                         "approx": bool(finding(fid)["approx"]), "line": line(fid)})
    return pd.DataFrame(rows)


def six_month_status(lang: str = "en") -> Figure:
    """NAV's six-month transition statistic next to the audit's measures: who was in work, and when."""
    data = outcomes_data()
    data["measure_label"] = data["label_" + lang]
    data["group_label"] = [GROUPS[g][lang] for g in data["group"]]
    order = [GROUPS[g][lang] for g in GROUPS]
    measures = list(dict.fromkeys(data["measure_label"]))
    base = alt.Chart(data[["measure_label", "group_label", "pct"]])
    y = alt.Y("measure_label:N", title=None, sort=measures, axis=alt.Axis(labelLimit=380))
    offset = alt.YOffset("group_label:N", sort=order)
    bars = base.mark_bar(height=13).encode(
        y=y, yOffset=offset,
        x=alt.X("pct:Q", title=_t(lang, "Share of leavers (%)", "Andel av dem som avsluttet (%)"), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("group_label:N", title=None, sort=order,
                        scale=alt.Scale(domain=order, range=[GROUPS[g]["colour"] for g in GROUPS]), legend=alt.Legend(orient="bottom")),
        tooltip=["measure_label:N", "group_label:N", "pct:Q"])
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(y=y, yOffset=offset, x="pct:Q", text=alt.Text("pct:Q", format=".0f"))
    subtitle = [
        _t(lang, "Different measures, all for 2014: NAV's own statistic (the minister's letter, lines 518-519) and the audit's",
           "Ulike mål, alle for 2014: NAVs egen statistikk (statsrådens brev, linje 518-519) og revisjonens"),
        _t(lang, "cohort of leavers (Figur 19, lines 2879-2892). Definitions of 'in work' differ; compare the pattern, not the digits.",
           "avgangskohort (figur 19, linje 2879-2892). Definisjonene av «i arbeid» er ulike."),
        _source(lang, _t(lang, "minister's letter and §7.2", "statsrådens brev og kap. 7.2")),
    ]
    title = _t(lang, "In work after a programme is not the same as into work because of it",
               "I jobb etter tiltaket er ikke det samme som i jobb på grunn av det")
    chart = (bars + text).properties(title=titled(title, subtitle), width=360, height=4 * 2 * 22)
    d = data.set_index(["measure", "group"])["pct"]
    takeaway = _t(
        lang,
        f"In the audit's 2014 cohort {number(d[('after', 'jobseekers')])} % of jobseekers had a job a year after the programme, but over "
        f"{number(d[('before', 'jobseekers')])} % had one before they started; among those with no job at the start it was "
        f"{number(d[('nojob', 'jobseekers')])} % (reduced work capacity: {number(d[('after', 'reduced work capacity')])} % against "
        f"{number(d[('nojob', 'reduced work capacity')])} %).",
        f"I revisjonens kohort fra 2014 var {number(d[('after', 'jobseekers')])} % av arbeidssøkerne i jobb ett år etter tiltaket, "
        f"men over {number(d[('before', 'jobseekers')])} % hadde jobb før de startet; blant dem uten jobb ved oppstart var det "
        f"{number(d[('nojob', 'jobseekers')])} %.")
    table = pd.DataFrame({_t(lang, "Measure", "Mål"): data["measure_label"], _t(lang, "Group", "Gruppe"): data["group_label"],
                          "%": data["pct"].astype("int64"), _t(lang, "Line", "Linje"): data["line"]})
    return Figure(finish(chart, lang), takeaway, table, title)


# -- money -------------------------------------------------------------------------------------------
def cost_and_use(lang: str = "en") -> Figure:
    """Cost of a place for a year (Tabell 4's 2016 accounts / mean monthly participants) next to how many used it."""
    check_lang(lang)
    data = audit.cost_per_place()
    data["programme"] = data["scheme_en"].map(_cap) if lang == "en" else data["scheme"]
    data["cost_year"] = data["cost_per_place_year_nok"].round(0).astype("int64")
    data["cost_k"] = (data["cost_per_place_year_nok"] / 1000).round(0).astype("int64")
    order = list(data.sort_values("cost_per_place_year_nok", ascending=False)["programme"])
    base = alt.Chart(data[["programme", "cost_year", "cost_k", "mean_monthly_participants"]])
    y = alt.Y("programme:N", title=None, sort=order, axis=alt.Axis(labelLimit=300))
    cost = base.mark_bar(color=PALETTE[4], height=16).encode(
        y=y, x=alt.X("cost_year:Q", title=_t(lang, "Cost of one place for a year (NOK)", "Kostnad per plass per år (kr)"),
                     axis=alt.Axis(format=",d", tickCount=4)),
        tooltip=["programme:N", alt.Tooltip("cost_year:Q", format=",d")])
    cost_text = base.mark_text(align="left", dx=3, fontSize=11).encode(y=y, x="cost_year:Q", text=alt.Text("cost_k:Q", format=",d"))
    use = base.mark_bar(color=PALETTE[0], height=16).encode(
        y=alt.Y("programme:N", sort=order, axis=None),
        x=alt.X("mean_monthly_participants:Q", title=_t(lang, "Participants per month, 2016 mean (persons)",
                                                         "Deltakere per måned, snitt 2016 (personer)"),
                axis=alt.Axis(format=",d", tickCount=4)),
        tooltip=["programme:N", alt.Tooltip("mean_monthly_participants:Q", format=",d")])
    use_text = base.mark_text(align="left", dx=3, fontSize=11).encode(
        y=alt.Y("programme:N", sort=order), x="mean_monthly_participants:Q", text=alt.Text("mean_monthly_participants:Q", format=",d"))
    subtitle = [
        _t(lang, "Cost per place = accounts 2016 / mean monthly participants 2016 (a place held all year, not one person).",
           "Kostnad per plass = regnskap 2016 / gjennomsnittlig antall deltakere per måned (en plass hele året)."),
        _t(lang, "Labels on the cost bars in NOK 1 000. Includes 'other participants' (footnote 98).",
           "Tall på kostnadssøylene i 1 000 kr. Inkluderer «andre på tiltak» (fotnote 98)."),
        _source(lang, _t(lang, "Tabell 4 (lines 2079-2110)", "tabell 4 (linje 2079-2110)")),
    ]
    title = _t(lang, "What a place cost, and how many used it (2016)", "Hva en plass kostet, og hvor mange som brukte den (2016)")
    chart = alt.hconcat(
        (cost + cost_text).properties(width=220, height=22 * len(order)),
        (use + use_text).properties(width=200, height=22 * len(order)), spacing=40).properties(title=titled(title, subtitle))
    top = data.loc[data["cost_per_place_year_nok"].idxmax()]
    low = data.loc[data["cost_per_place_year_nok"].idxmin()]
    most = data.loc[data["mean_monthly_participants"].idxmax()]
    ratio = top["cost_per_place_year_nok"] / low["cost_per_place_year_nok"]
    takeaway = _t(
        lang,
        f"The most expensive place, {top['scheme_en']}, cost NOK {number(top['cost_per_place_year_nok'])} for a year in 2016, "
        f"{number(ratio)} times a place in {low['scheme_en']} (NOK {number(low['cost_per_place_year_nok'])}), "
        f"{'which was also the most used programme' if low.name == most.name else 'while the most used was ' + most['scheme_en']} "
        f"({number(most['mean_monthly_participants'])} participants a month).",
        f"Den dyreste plassen, {top['scheme'].lower()}, kostet {number(top['cost_per_place_year_nok'], 'nb')} kr for et år i 2016, "
        f"{number(ratio)} ganger en plass i {low['scheme'].lower()} ({number(low['cost_per_place_year_nok'], 'nb')} kr).")
    table = pd.DataFrame({
        _t(lang, "Programme", "Tiltak"): data["programme"],
        _t(lang, "Participants per month (mean 2016)", "Deltakere per måned (snitt 2016)"): data["mean_monthly_participants"],
        _t(lang, "Accounts 2016 (NOK 1 000)", "Regnskap 2016 (1 000 kr)"): data["accounts_nok_1000"],
        _t(lang, "Cost per place-year (NOK)", "Kostnad per plass-år (kr)"): data["cost_year"],
        _t(lang, "Cost per place-month (NOK)", "Kostnad per plass-måned (kr)"): data["cost_per_place_month_nok"].round(0).astype("int64"),
        _t(lang, "Line", "Linje"): data["line"],
    })
    return Figure(finish(chart, lang), takeaway, table, title, notes=[audit.COST_CAVEAT])


# -- Tabell 3 by category (explorer) ---------------------------------------------------------------------
TABELL3_GROUPS = {"jobseekers": "Arbeidssøkere", "reduced work capacity": "Personer med nedsatt arbeidsevne"}


def categories(frame: pd.DataFrame | None = None, group: str = "reduced work capacity", year: int = 2016, lang: str = "en") -> Figure:
    """Tabell 3: the annual mean of monthly participants per programme category, one status group and year."""
    check_lang(lang)
    t = audit.load_audit_table(3)
    t = t[(t["status_group_en"] == group) & (t["year"].isin([2011, year]))]
    if t.empty or year not in set(t["year"]):
        raise ValueError(f"Tabell 3 has no {group!r} in {year}")
    parts = t[~t["is_total"]].copy()
    parts["category"] = parts["scheme_category_en"].map(_cap) if lang == "en" else parts["scheme_category"]
    now = parts[parts["year"] == year].set_index("category")
    first = parts[parts["year"] == 2011].set_index("category")
    data = pd.DataFrame({"category": now.index, "participants": now["value"].astype("int64").to_numpy(),
                         "participants_2011": first["value"].reindex(now.index).astype("int64").to_numpy(),
                         "line": now["line"].to_numpy()})
    order = list(data.sort_values("participants", ascending=False)["category"])
    colour = GROUPS[group]["colour"]
    base = alt.Chart(data[["category", "participants", "participants_2011"]])
    y = alt.Y("category:N", title=None, sort=order)
    bars = base.mark_bar(color=colour, height=16).encode(
        y=y, x=alt.X("participants:Q", title=_t(lang, "Participants per month, annual mean (persons)",
                                              "Deltakere per måned, årsgjennomsnitt (personer)"), axis=alt.Axis(format=",d")),
        tooltip=["category:N", alt.Tooltip("participants:Q", format=",d"), alt.Tooltip("participants_2011:Q", format=",d")])
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(y=y, x="participants:Q", text=alt.Text("participants:Q", format=",d"))
    ticks = base.mark_tick(color="#222222", thickness=2, size=18).encode(y=y, x="participants_2011:Q")
    total = int(t[t["is_total"] & (t["year"] == year)]["value"].item())
    title = _t(lang, f"{GROUPS[group]['en']} on programmes, {year}", f"{GROUPS[group]['nb']} på tiltak, {year}")
    subtitle = [_t(lang, "Annual mean of the monthly number of participants per programme category. Black tick: 2011.",
                   "Årsgjennomsnitt av det månedlige antallet deltakere per tiltakskategori. Svart strek: 2011."),
                _source(lang, _t(lang, "Tabell 3 (lines 1979-2024)", "tabell 3 (linje 1979-2024)"))]
    chart = (bars + text + ticks).properties(title=titled(title, subtitle), width=380, height=22 * len(order))
    largest = data.loc[data["participants"].idxmax()]
    share = 100 * largest["participants"] / total
    takeaway = _t(
        lang,
        f"In {year} the largest category for {GROUPS[group]['en'].lower()} was {largest['category'].lower()}: "
        f"{number(largest['participants'])} of {number(total)} participants a month ({number(share)} %).",
        f"I {year} var {largest['category'].lower()} den største kategorien for {GROUPS[group]['nb'].lower()}: "
        f"{number(largest['participants'], 'nb')} av {number(total, 'nb')} deltakere per måned ({number(share)} %).")
    table = pd.DataFrame({_t(lang, "Category", "Kategori"): data["category"],
                          str(year): data["participants"], "2011": data["participants_2011"], _t(lang, "Line", "Linje"): data["line"]})
    if year == 2011:
        table = table.drop(columns="2011").copy()
    return Figure(finish(chart, lang), takeaway, table, title)


# -- recommendations and the ministry's response ---------------------------------------------------------
def recommendations() -> pd.DataFrame:
    """The audit's four recommendations next to the minister's answer, paraphrased, with report lines.

    ``*_quote`` is a short verbatim phrase printed on the first line cited, so the pairing can be checked.
    """
    rows = [
        {"topic": "Waiting and suitable programmes",
         "recommendation": "Strengthen NAV's work so that people who need help get necessary and suitable programmes without "
                           "unnecessary waiting.",
         "recommendation_lines": "363-364", "recommendation_quote": "uten unødvendig ventetid",
         "response": "Waiting time can include medical treatment and municipal activities. More money for follow-up of young people, "
                     f"the long-term unemployed and AAP recipients: NOK {number(value('minister_followup_funding_2018_nok_m'))} "
                     f"million in 2018, and NAV may move up to NOK {number(value('minister_reallocation_cap_nok_m'))} million from "
                     "the programme budget to its own follow-up.",
         "response_lines": "662-675", "response_quote": "ventetiden som et problem"},
        {"topic": "Activity plans",
         "recommendation": "Have the directorate find out whether the 2016 standard that makes activity plans compulsory is "
                           "followed by the NAV offices.",
         "recommendation_lines": "366-368", "recommendation_quote": "standarden fra 2016",
         "response": "A digital activity plan for everyone in work-oriented follow-up since December 2017. The share of participants "
                     f"with reduced work capacity without a plan fell to {number(value('minister_nae_without_plan_nov_2017'))} % by "
                     "November 2017, with no change for jobseekers. Compulsory plans to come gradually with digital case handling.",
         "response_lines": "614-640", "response_quote": "digital"},
        {"topic": "Follow-up of participants",
         "recommendation": "Make NAV follow participants up more closely, and improve NAV's reporting of that follow-up.",
         "recommendation_lines": "370-372", "recommendation_quote": "styrker oppfølgingen av deltakere",
         "response": "The 2016 regulation makes follow-up compulsory for many programmes, in work training at least every third "
                     "month; more money and new follow-up models; clear reporting requirements.",
         "response_lines": "655-685", "response_quote": "Det skal f.eks. alltid foreligge en avtale"},
        {"topic": "Steering and reporting",
         "recommendation": "Develop the ministry's and the directorate's steering and reporting so that they give relevant "
                           "information on the quality and results of the programmes.",
         "recommendation_lines": "374-376", "recommendation_quote": "videreutvikle både departementets",
         "response": "The number of places was dropped as a steering target in the 2017 allocation letter; results will be judged "
                     "by whether people are in a job at a set time after the programme; the directorate is to develop steering "
                     "information (2018); a trial of indicators relating results to costs is considered.",
         "response_lines": "706-730", "response_quote": "I Prop. 1 S (2016-2017) varslet"},
        {"topic": "(Disagreement) Targeting",
         "recommendation": "Finding: neither the use of resources nor the priorities help reach the Storting's work goals "
                           "(the Document, §2.1).",
         "recommendation_lines": "232-234", "recommendation_quote": "verken ressursbruk eller",
         "response": "The minister disagrees: the priority groups are over-represented among participants, and NAV's transition "
                     "rates rose. Riksrevisjonen's final remark: favouring priority groups alone does not make the use of "
                     "programmes effective (lines 429-434).",
         "response_lines": "527-535", "response_quote": "Jeg kan imidlertid ikke se"},
    ]
    return pd.DataFrame(rows)


def recommendations_markdown() -> str:
    rows = ["| Topic | Riksrevisjonen recommends (lines) | The minister's response (lines) |", "|---|---|---|"]
    for r in recommendations().itertuples(index=False):
        rows.append(f"| {r.topic} | {r.recommendation} ({r.recommendation_lines}) | {r.response} ({r.response_lines}) |")
    return "\n".join(rows)


def inconsistencies_used() -> pd.DataFrame:
    """The report's self-contradictions that touch the numbers this notebook uses."""
    ids = ["as_no_job_at_entry_1y", "as_no_job_at_entry_2y", "nae_no_job_at_entry_2y", "cluster_a_probability",
           "cluster_c_probability", "tabell_06_07_integer_means", "tabell_03_nae_total_2016", "activity_plan_period"]
    table = audit.load_audit_inconsistencies().set_index("id").loc[ids]
    return table[["what", "lines", "evidently_means", "certainty"]].reset_index()


def inconsistencies_markdown() -> str:
    rows = ["| What | Lines | What it evidently means | Certainty |", "|---|---|---|---|"]
    for r in inconsistencies_used().itertuples(index=False):
        rows.append(f"| {r.what} (`{r.id}`) | {r.lines.replace(';', ', ')} | {r.evidently_means} | {r.certainty} |")
    return "\n".join(rows)


# -- key findings ------------------------------------------------------------------------------------------
def key_findings(frame: pd.DataFrame | None = None) -> list[str]:
    """Key findings for 06_audit_findings, as sentences computed from the audit's data."""
    change = audit.activity_plan_change().set_index(["status_group_en", "to_year"])
    js = change.loc[("jobseekers", audit.INFLATED_YEAR - 1)]
    t7 = waiting_data()
    t7 = t7[t7["table"] == 7]
    costs = audit.cost_per_place().set_index("scheme_en")["cost_per_place_year_nok"]
    return [
        f"Riksrevisjonen audited how NAV used labour-market programmes in 2010-2016, with register data on "
        f"{number(value('register_persons'))} people, {number(value('cases_reviewed'))} case files, a survey of "
        f"{number(value('survey_offices'))} NAV offices and interviews.",
        f"Of people who left a programme in 2014 with no job when they started, about {number(value('nae_no_job_1y_document'))} % "
        f"with reduced work capacity and about {number(value('as_no_job_1y_document'))} % of jobseekers had no registered job a year "
        f"later (lines {line('nae_no_job_1y_document')}-{line('as_no_job_1y_document')}; chapter 7.2 implies "
        f"{number(100 - value('as_nojob_in_job_1y'))} % for jobseekers).",
        f"About {number(value('nae_without_plan_document'))} % of participants with reduced work capacity started their last programme "
        f"without an activity plan; for jobseekers the share fell from {number(js['share_from_pct'], decimals=1)} % (2011) to "
        f"{number(js['share_to_pct'], decimals=1)} % (2015). Riksrevisjonen called this strongly censurable (sterkt kritikkverdig).",
        f"People with reduced work capacity waited on average {number(t7['mean'].min(), decimals=1)} to "
        f"{number(t7['mean'].max(), decimals=1)} months before a programme, depending on the programme (Tabell 7; the Document says "
        f"{number(value('waiting_mean_min_months_document'))}-{number(value('waiting_mean_max_months_document'))} months for the most "
        f"used ones, line {line('waiting_mean_min_months_document')}). The mean is above the median for every programme: a few "
        f"waited for years.",
        f"About {number(value('apo_share_without_followup'))} % of participations in work practice had no registered individual "
        f"follow-up; the ministry steered mainly by budget and places, where a place in a sheltered business cost "
        f"NOK {number(costs['work practice in a sheltered business'])} a year and a work-training place "
        f"NOK {number(costs['work training/work practice in an ordinary business'])}.",
    ]


# -- explorers ---------------------------------------------------------------------------------------------
register(Explorer("audit_waiting", waiting, {
    "table": (("Tabell 7 (incl. waiting for a plan)", 7), ("Tabell 6 (waiting for a programme)", 6)),
    "view": (("Mean and median", "spread"), ("Longest wait", "longest")),
    "lang": LANGUAGES,
}))
register(Explorer("audit_categories", categories, {
    "group": (("Reduced work capacity", "reduced work capacity"), ("Jobseekers", "jobseekers")),
    "year": tuple((str(y), y) for y in range(2016, 2010, -1)),
    "lang": LANGUAGES,
}))


# -- exercises -------------------------------------------------------------------------------------------
def _names(*labels: str) -> set[str]:
    return {" ".join(label.lower().replace("(", " ").replace(")", " ").split()) for label in labels}


@exercise("06.1", hint="use audit.cost_per_place() and look at the row for work practice in a sheltered business.")
def _(answer):
    row = audit.cost_per_place().set_index("scheme_en").loc["work practice in a sheltered business"]
    expected = row["cost_per_place_year_nok"]
    got = as_number(answer)
    if got is not None and close(got, expected, 1000):
        return True, (f"one place in work practice in a sheltered business cost NOK {number(expected)} for a year in 2016: "
                      f"NOK {number(row['accounts_nok'])} / {number(row['mean_monthly_participants'])} places (Tabell 4, line {row['line']}).")
    if got is not None and close(got, row["cost_per_place_month_nok"], 100):
        return False, "that is the cost of one place for a month; the question asks for a year."
    if got is not None and close(got, expected / 1000, 2):
        return False, "Tabell 4's accounts are in NOK 1 000; give the answer in kroner (multiply by 1 000)."
    return False, "divide the 2016 accounts (in kroner, i.e. NOK 1 000 × 1 000) by the mean number of participants per month."


@exercise("06.2", hint="think about who is counted, and what would have happened without the programme.")
def _(answer):
    choice = str(answer).strip().lower().strip("() .")
    explain = {
        "a": "not quite: the statistic cannot show what the programme caused. Some had a job before they started, and some "
             "would have found one anyway; there is no comparison group.",
        "b": f"NAV's statistic counts who is registered in work six months after exit ({number(value('minister_as_transition_2014'))} % "
             f"of jobseekers in 2014, line {line('minister_as_transition_2014')}). It includes people who already had a job and "
             "people who would have found one anyway, so it describes outcomes, not effects.",
        "c": "not quite: being without a job six months later does not mean the programme failed. Some programmes aim at "
             "assessment or training, and some people move on to another programme.",
    }
    if choice in explain:
        return choice == "b", explain[choice]
    return False, "answer 'a', 'b' or 'c'."


@exercise("06.3", hint="compute mean minus median for every row of Tabell 7 (helpers.audit.load_audit_table(7)).")
def _(answer):
    data = waiting_data()
    t7 = data[data["table"] == 7]
    best = t7.loc[t7["gap"].idxmax()]
    if isinstance(answer, str) and " ".join(answer.lower().split()) in _names(best["scheme"], best["scheme_en"]):
        return True, (f"{best['scheme']} ({best['scheme_en']}): mean {number(best['mean'], decimals=1)} against median "
                      f"{number(best['median'], decimals=1)} months, a gap of {number(best['gap'], decimals=1)} (line {best['line']}).")
    if isinstance(answer, str) and any(" ".join(answer.lower().split()) in _names(r.scheme, r.scheme_en) for r in t7.itertuples()):
        return False, "that programme has a gap, but not the largest; compare mean minus median for all nine rows."
    return False, "name a programme as printed in Tabell 7 (in Norwegian or English)."


@exercise("06.4", hint="use Tabell 2 (or audit.activity_plan_change()) and compare 2011 with 2015, not 2016.")
def _(answer):
    change = audit.activity_plan_change().set_index(["status_group_en", "to_year"])
    like = change.loc[("jobseekers", audit.INFLATED_YEAR - 1)]
    inflated = change.loc[("jobseekers", audit.INFLATED_YEAR)]
    got = as_number(answer)
    if got is not None and close(abs(got), abs(like["change_pp"]), 0.05):
        return True, (f"the share fell by {number(abs(like['change_pp']), decimals=1)} percentage points, from "
                      f"{number(like['share_from_pct'], decimals=1)} % in 2011 to {number(like['share_to_pct'], decimals=1)} % in 2015 "
                      f"(lines {like['line_from']} and {like['line_to']}).")
    if got is not None and close(abs(got), abs(inflated["change_pp"]), 0.05):
        return False, "that uses 2016, which is artificially large (note under Tabell 2); compare 2011 with 2015."
    return False, "subtract the 2015 share from the 2011 share in Tabell 2 (jobseekers), in percentage points."
