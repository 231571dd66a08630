"""The collection in one place: the notebooks in order, their titles and times, and the links.

Navigation cells, the instructor guide, README's table and the Binder links are all written
from this list, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

REPOSITORY = "nav-tiltak/nav-tiltak-explained"  # owner/name on GitHub; Binder builds from it
BRANCH = "main"


@dataclass(frozen=True)
class Notebook:
    stem: str
    title: str
    teaching: int  # minutes of teaching (reading and running the examples)
    exercises: int  # minutes of exercises
    summary: str

    @property
    def file(self) -> str:
        return f"{self.stem}.ipynb"


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook("00_start_here", "Start here", 10, 5, "What the collection is, how to run it, and a first chart."),
    Notebook(
        "01_definitions",
        "The definitions, executable",
        25,
        20,
        "Programmes, status groups, exits, the six-month status and suppression, as code you can run.",
    ),
    Notebook(
        "02_reading_nav_tables",
        "Reading NAV's tables",
        25,
        20,
        "From a printed table to tidy rows: symbols, label damage, reconciliation and provenance.",
    ),
    Notebook(
        "03_programme_groups",
        "Programme groups",
        20,
        20,
        "Who uses which programme groups in November 2016, and the change from a year earlier.",
    ),
    Notebook("04_women_and_men", "Women and men", 20, 20, "Gender differences by programme, January to May 2021."),
    Notebook("05_seasons_and_age", "Seasons and age", 20, 20, "The yearly rhythm of participation by age group in 2019."),
    Notebook(
        "06_audit_findings",
        "What the audit found",
        30,
        20,
        "Riksrevisjonen's audit of the programmes (Dokument 3:5 (2017-2018)) and its evidence.",
    ),
    Notebook(
        "07_across_the_years",
        "Across the years",
        20,
        25,
        "Comparing 2016, 2019 and 2021 fairly: renames, regroupings and seasons.",
    ),
    Notebook(
        "08_years_since",
        "The years since 2023",
        25,
        20,
        "NAV's monthly series to today: season and trend separated, a break in 2025, and what compares with the past.",
    ),
)
DASHBOARD = Notebook(
    "dashboard",
    "Dashboard: the key findings",
    5,
    0,
    "The main numbers on one page, for readers who want the findings without code.",
)
GLOSSARY = "glossary.ipynb"


def notebook(stem: str) -> Notebook:
    for nb in (*NOTEBOOKS, DASHBOARD):
        if nb.stem == stem:
            return nb
    raise KeyError(f"no notebook {stem!r}")


def neighbours(stem: str) -> tuple[Notebook | None, Notebook | None]:
    """The notebooks before and after one in the sequence."""
    stems = [nb.stem for nb in NOTEBOOKS]
    i = stems.index(stem)
    return (NOTEBOOKS[i - 1] if i > 0 else None, NOTEBOOKS[i + 1] if i + 1 < len(NOTEBOOKS) else None)


def binder_lab_link(path: str = "notebooks/00_start_here.ipynb") -> str:
    """A mybinder.org link that opens JupyterLab at a file of the repository."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?labpath={quote(path)}"


def binder_voila_link(path: str = "notebooks/dashboard.ipynb") -> str:
    """A mybinder.org link that opens a notebook as a Voilà page (no code shown)."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath={quote('voila/render/' + path, safe='')}"


def binder_links() -> list[tuple[str, str, str]]:
    """(label, link, repository path) for every Binder link the collection publishes."""
    links = [
        (
            "Open the collection in JupyterLab (starts at 00 Start here)",
            binder_lab_link("notebooks/00_start_here.ipynb"),
            "notebooks/00_start_here.ipynb",
        )
    ]
    for nb in NOTEBOOKS:
        links.append((f"{nb.stem[:2]} {nb.title}", binder_lab_link(f"notebooks/{nb.file}"), f"notebooks/{nb.file}"))
    links.append(
        (f"{DASHBOARD.title} (Voilà, no code)", binder_voila_link(f"notebooks/{DASHBOARD.file}"), f"notebooks/{DASHBOARD.file}")
    )
    links.append(
        (
            "For a class: the student copies, without solutions (starts at 00)",
            binder_lab_link("student/00_start_here.ipynb"),
            "student/00_start_here.ipynb",
        )
    )
    return links


def binder_links_markdown() -> str:
    """The Binder links as a Markdown list (README and 00_start_here show this)."""
    return "\n".join(f"- [{label}]({link})" for label, link, _ in binder_links())


def notebooks_table_markdown() -> str:
    """README's table of notebooks (between its notebooks markers), written from the collection."""
    rows = ["| Notebook | For | Teaching | Exercises |", "|---|---|---|---|"]
    rows += [f"| `{nb.stem}` | {nb.summary} | {nb.teaching} min | {nb.exercises} min |" for nb in NOTEBOOKS]
    rows.append(f"| `{DASHBOARD.stem}` | {DASHBOARD.summary} Open it with Voilà (`make dashboard`). | | |")
    rows.append("| `glossary.md` | every term, Norwegian and English | | |")
    return "\n".join(rows)
