"""Controls for the dimensions readers change, and the registry of explorers.

An explorer is a draw function plus the options of each of its controls. Notebooks show one with
``explorer("name")``; tests call the draw function with every option of every control (every
combination where there are few), so each choice a reader can make is known to give a valid chart.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from . import vocabulary as vocab
from .charts import Figure

LANGUAGES = (("English", "en"), ("Norsk", "nb"))
DESCRIPTIONS = {
    "lang": "Language / språk",
    "status_group": "Status group (hovedgruppe)",
    "gender": "Gender (kjønn)",
    "age_group": "Age group (alder)",
    "programme_group": "Programme group (tiltaksgruppe)",
    "programme": "Programme (tiltak)",
    "measure": "Show",
    "view": "Show",
    "table": "Audit table",
    "period": "Month (måned)",
    "age_groups": "Age groups (alder)",
    "group": "Programme group (tiltaksgruppe)",
    "year": "Year (år)",
    "pair": "Compare",
    "programme_ends": "Work training ends in",
    "after": "Then the person",
    "status_at_exit": "Status at exit",
    "capacity_earlier": "Reduced work capacity last",
    "six_months_later": "Six months after the last exit",
}


@dataclass(frozen=True)
class Explorer:
    """A draw function and, for each keyword it takes, the (label, value) options offered."""

    name: str
    draw: Callable[..., Figure]
    options: dict[str, tuple[tuple[str, object], ...]]
    defaults: dict[str, object] = field(default_factory=dict)
    max_combinations: int = 120

    def combinations(self) -> Iterator[dict[str, object]]:
        """Every combination of options if there are few; otherwise every option of each control
        with the others at their defaults."""
        names = list(self.options)
        values = [[v for _, v in self.options[n]] for n in names]
        total = 1
        for v in values:
            total *= len(v)
        if total <= self.max_combinations:
            for combo in itertools.product(*values):
                yield dict(zip(names, combo))
            return
        base = {n: self.defaults.get(n, vals[0]) for n, vals in zip(names, values)}
        for n, vals in zip(names, values):
            for v in vals:
                yield {**base, n: v}


EXPLORERS: dict[str, Explorer] = {}


def register(explorer: Explorer) -> Explorer:
    EXPLORERS[explorer.name] = explorer
    return explorer


def label_options(values: list[str], lang_hint: str = "both") -> tuple[tuple[str, str], ...]:
    """Dropdown options that show NAV's label with its English gloss: 'Opplæring (Training)'."""
    out = []
    for value in values:
        english = vocab.english(value)
        out.append((value if english == value else f"{value} ({english})", value))
    return tuple(out)


def control(name: str, options: tuple[tuple[str, object], ...], value: object = None):
    """A labelled ipywidgets control: toggle buttons for a few short options, else a dropdown."""
    import ipywidgets as widgets

    value = options[0][1] if value is None else value
    style = {"description_width": "initial"}
    if len(options) <= 3 and all(len(label) <= 12 for label, _ in options):
        return widgets.ToggleButtons(options=list(options), value=value, description=DESCRIPTIONS.get(name, name), style=style)
    return widgets.Dropdown(options=list(options), value=value, description=DESCRIPTIONS.get(name, name), style=style,
                            layout=widgets.Layout(width="max-content"))


def explorer(name: str, frame: pd.DataFrame | None = None, static: bool = False, **values: object):
    """Show a registered explorer: its controls and the figure they redraw (``static``: see explore)."""
    from .notebook import explore
    from .tidy import load_participants

    spec = load_all()[name]
    frame = load_participants() if frame is None else frame
    controls = {key: control(key, options, values.get(key, spec.defaults.get(key))) for key, options in spec.options.items()}
    return explore(functools.partial(spec.draw, frame), static=static, **controls)


def load_all() -> dict[str, Explorer]:
    """Every explorer of the collection (the topic modules register them when imported)."""
    from . import topics

    topics.load_all()
    return EXPLORERS
