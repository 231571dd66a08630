"""The controls readers change: one labelled ipywidgets control per menu, and the combinations of
menu options that :func:`helpers.notebook.check_every_option` draws (every combination where there
are few, otherwise every option of each menu), so each choice a reader can make is known to work.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

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


def combinations(menus: dict[str, tuple[tuple[str, object], ...]], most: int = 120) -> Iterator[dict[str, object]]:
    """The choices to check for menus of (label, value) options: every combination if there are at
    most ``most``, otherwise every option of each menu with the other menus at their first option."""
    names = list(menus)
    values = [[value for _, value in menus[name]] for name in names]
    if math.prod(len(v) for v in values) <= most:
        for combo in itertools.product(*values):
            yield dict(zip(names, combo))
        return
    first = {name: vals[0] for name, vals in zip(names, values)}
    for name, vals in zip(names, values):
        for value in vals:
            yield {**first, name: value}


def control(name: str, options: tuple[tuple[str, object], ...], value: object = None, description: str | None = None):
    """A labelled ipywidgets control: toggle buttons for a few short options, else a dropdown.

    ``description`` replaces the label from :data:`DESCRIPTIONS` (a page in one language names its menus in it)."""
    import ipywidgets as widgets

    value = options[0][1] if value is None else value
    style = {"description_width": "initial"}
    description = description or DESCRIPTIONS.get(name, name.replace("_", " ").capitalize())
    if len(options) <= 3 and all(len(label) <= 12 for label, _ in options):
        return widgets.ToggleButtons(options=list(options), value=value, description=description, style=style)
    return widgets.Dropdown(
        options=list(options),
        value=value,
        description=description,
        style=style,
        layout=widgets.Layout(width="max-content", max_width="100%"),
    )
