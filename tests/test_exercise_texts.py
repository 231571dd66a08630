"""Every exercise can be read in bokmål, and no multiple-choice question gives its answer away by its length.

An exercise's bokmål text is a closed box, «Oppgaven på norsk», under the English text in the same Markdown cell
(the learner opens it; Run All never does); the exercises' introduction has its own box, which says how to get the
checker's feedback in bokmål. The right option of a multiple-choice question is found by asking the checker, as a
learner would (``check(id, letter)``), in both languages.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.collection import NOTEBOOKS
from helpers.exercises import check, language

from .conftest import ROOT

HEADING = re.compile(r"^### Exercise (\d\d\.\d+)\b", re.M)
BOX = re.compile(r'<details lang="nb"><summary>Oppgaven på norsk</summary>\n\n(.*?)\n\n</details>', re.S)
INTRO = re.compile(r'<details lang="nb"><summary>Om oppgavene, på norsk</summary>\n\n(.*?)\n\n</details>', re.S)
CODE = re.compile(r"`[^`\n]+`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
OPTION = re.compile(r"^- (?:\*\*)?\(?([a-d])\)?(?:\*\*)?\)? (.+)$", re.M)


def exercise_cells() -> list[tuple[str, str, str]]:
    """(notebook, exercise id, the Markdown from its heading to the end of its cell) for every exercise."""
    found = []
    for entry in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / entry.file, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for match in HEADING.finditer(cell.source):
                    found.append((entry.file, match[1], cell.source[match.start() :]))
    return found


EXERCISES = exercise_cells()


def split(text: str) -> tuple[str, str]:
    """The English task and its bokmål box's text."""
    boxes = BOX.findall(text)
    assert len(boxes) == 1, "an exercise has one closed box «Oppgaven på norsk» under its English text (see _template.ipynb)"
    return BOX.split(text)[0], boxes[0]


def test_every_exercise_is_found():
    assert len(EXERCISES) >= 3 * len(NOTEBOOKS) and len({ident for _, ident, _ in EXERCISES}) == len(EXERCISES)


@pytest.mark.parametrize(("file", "ident", "text"), EXERCISES, ids=[e[1] for e in EXERCISES])
def test_every_exercise_has_its_task_in_bokmal_with_the_same_code_and_links(file, ident, text):
    english, bokmal = split(text)
    missing = [s for s in CODE.findall(english) + LINK.findall(english) if s not in bokmal]
    assert not missing, f"{file} {ident}: the bokmål text lacks {missing} (code, names and links stay as in English)"
    words = re.sub(r"(?<!\*)\*[^*\n]+\*(?!\*)", "", CODE.sub("", bokmal))  # code, names and section titles (italics) stay
    assert not re.search(r"\b(the|and|which|what|your)\b", words), f"{file} {ident}: English left in the bokmål box"


@pytest.mark.parametrize("entry", NOTEBOOKS, ids=lambda e: e.stem)
def test_the_exercises_introduction_has_a_bokmal_box_saying_how_to_get_feedback_in_bokmal(entry):
    nb = nbformat.read(ROOT / "notebooks" / entry.file, as_version=4)
    text = "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    boxes = INTRO.findall(text)
    assert "## Exercises" in text and len(boxes) == 1, f"{entry.file}: one box «Om oppgavene, på norsk» under '## Exercises'"
    assert 'language("nb")' in boxes[0] and "Oppgaven på norsk" in boxes[0]


def options(text: str) -> dict[str, str]:
    return {letter: words.strip() for letter, words in OPTION.findall(text)}


CHOICES = [(file, ident, text) for file, ident, text in EXERCISES if len(options(split(text)[0])) >= 3]


@pytest.fixture
def bokmal():
    language("nb")
    yield
    language("en")


def right_letter(ident: str, letters: list[str]) -> str:
    right = [letter for letter in letters if check(ident, letter).correct]
    assert len(right) == 1, f"{ident}: the checker accepts {right}, expected one letter"
    return right[0]


def assert_not_guessable(ident: str, found: dict[str, str], right: str, where: str) -> None:
    """The right option is neither the longest nor the shortest by more than a character or two."""
    mine = len(found[right])
    others = [len(words) for letter, words in found.items() if letter != right]
    assert mine <= max(others) + 2 and mine >= min(others) - 2, (
        f"{ident} ({where}): the right option ({mine} characters) stands out by its length from the others {others}; "
        "rewrite the options so that they are about as long"
    )


def test_there_are_multiple_choice_questions():
    assert len(CHOICES) >= 4


@pytest.mark.parametrize(("file", "ident", "text"), CHOICES, ids=[c[1] for c in CHOICES])
def test_a_multiple_choice_answer_cannot_be_guessed_from_its_length_in_either_language(file, ident, text, bokmal):
    english, norwegian = split(text)
    found_en, found_nb = options(english), options(norwegian)
    assert list(found_nb) == list(found_en), f"{ident}: the bokmål box has options {list(found_nb)}, the English {list(found_en)}"
    right = right_letter(ident, list(found_en))
    assert_not_guessable(ident, found_en, right, "English")
    assert_not_guessable(ident, found_nb, right, "bokmål")
