"""What a reader sees in a stored notebook up to a point: for tests that an exercise's answer is
not on the page before the exercise asks for it."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


BOKMAL_BOX = re.compile(r'<details lang="nb"><summary>Oppgaven på norsk</summary>.*?</details>', re.S)


def english_question(source: str) -> str:
    """An exercise's Markdown without its bokmål box (the same options, in bokmål, are checked by test_exercise_texts)."""
    return BOKMAL_BOX.sub("", source)


def cell_text(cell: nbformat.NotebookNode) -> str:
    """A cell's source and every text its stored outputs carry (plain, Markdown, HTML; no pictures)."""
    parts = [cell.source]
    for output in cell.get("outputs", []):
        parts.append(str(output.get("text", "")))
        for mime in ("text/plain", "text/markdown", "text/html"):
            parts.append(str(output.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def text_before_exercise(notebook: str, exercise_id: str) -> str:
    """Everything a reader sees above the exercise cell that checks ``exercise_id`` (hint included)."""
    cells = nbformat.read(NOTEBOOKS / notebook, as_version=4).cells
    for i, cell in enumerate(cells):
        if "exercise" in cell.metadata.get("tags", []) and f'check("{exercise_id}"' in cell.source:
            from helpers.exercises import EXERCISES, _load_all

            _load_all()
            return "\n".join(cell_text(c) for c in cells[:i]) + "\n" + EXERCISES[exercise_id].hint
    raise LookupError(f"no exercise cell checks {exercise_id} in {notebook}")


def shows_number(text: str, value: float, decimals: int) -> bool:
    """True if ``value`` appears in the text as a number with that many decimals, in English
    ('48.2', '1,234') or Norwegian ('48,2', '1 234') form."""
    en = f"{value:,.{decimals}f}"
    forms = {en, en.replace(",", ""), en.replace(",", " ").replace(".", ","), en.replace(",", "\u00a0").replace(".", ",")}
    return any(re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", text) for form in forms)


def code_output_text(cells: list[nbformat.NotebookNode]) -> str:
    """Everything the code cells of a notebook show (sources and stored outputs)."""
    return "\n".join(cell_text(c) for c in cells if c.cell_type == "code")


def chart_data(cells: list[nbformat.NotebookNode], title: str) -> list[dict]:
    """The rows a stored chart draws: the largest dataset of the first chart whose title contains ``title``."""
    import json

    for cell in cells:
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get("application/vnd.vegalite.v5+json")
            if spec and title in json.dumps(spec.get("title", "")):
                return max(spec["datasets"].values(), key=len)
    raise LookupError(title)
