"""The controls readers change: one labelled ipywidgets control per menu, and the combinations of
menu options that :func:`helpers.notebook.check_every_option` draws (every combination where there
are few, otherwise every option of each menu), so each choice a reader can make is known to work.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .charts import Figure

LANGUAGES = (("English", "en"), ("Norsk", "nb"))
DESCRIPTIONS = {
    "lang": "Language / språk",
    "status_group": "Status group (hovedgruppe)",
    "age_group": "Age group (alder)",
    "programme_group": "Programme group (tiltaksgruppe)",
    "programme": "Programme (tiltak)",
    "measure": "Show",
    "view": "Show",
    "table": "Audit table",
    "period": "Month (måned)",
    "group": "Programme group (tiltaksgruppe)",
    "year": "Year (år)",
    "freq": "Show",
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


def control(name: str, options: tuple[tuple[str, object], ...], value: object = None):
    """A labelled ipywidgets control: toggle buttons for a few short options, else a dropdown."""
    import ipywidgets as widgets

    value = options[0][1] if value is None else value
    style = {"description_width": "initial"}
    if len(options) <= 3 and all(len(label) <= 12 for label, _ in options):
        return widgets.ToggleButtons(options=list(options), value=value, description=DESCRIPTIONS.get(name, name.replace("_", " ").capitalize()), style=style)
    return widgets.Dropdown(options=list(options), value=value, description=DESCRIPTIONS.get(name, name.replace("_", " ").capitalize()), style=style,
                            layout=widgets.Layout(width="max-content"))
