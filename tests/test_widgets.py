"""Every option of every control in the collection gives a valid figure; controls redraw."""

from __future__ import annotations

import json

import pytest

from helpers.charts import Figure
from helpers.widgets import Explorer, control, load_all

EXPLORERS = load_all()

CASES = [(name, combo) for name, explorer in EXPLORERS.items() for combo in explorer.combinations()]


@pytest.mark.parametrize("name,combo", CASES, ids=[f"{n}-{'-'.join(map(str, c.values()))}" for n, c in CASES])
def test_every_option_draws_a_valid_figure(name, combo, participants):
    figure = EXPLORERS[name].draw(participants, **combo)
    assert isinstance(figure, Figure)
    spec = figure.chart.to_dict(validate=True)  # validates against the Vega-Lite schema
    json.dumps(spec, allow_nan=False)  # valid JSON: a missing number is null, never NaN
    datasets = spec.get("datasets", {})
    assert datasets and all(len(rows) > 0 for rows in datasets.values())
    assert figure.takeaway.strip() and len(figure.takeaway) < 400
    assert len(figure.table) > 0


def test_explorers_cover_the_collection():
    assert "status_groups" in EXPLORERS
    assert all(e.options for e in EXPLORERS.values())


def test_combinations_are_complete_when_few_and_cover_every_option_when_many():
    small = Explorer("small", lambda frame, a, b: None, {"a": (("1", 1), ("2", 2)), "b": (("x", "x"), ("y", "y"))})
    assert len(list(small.combinations())) == 4
    big = Explorer("big", lambda frame, a, b: None, {"a": tuple((str(i), i) for i in range(20)), "b": tuple((str(i), i) for i in range(20))}, max_combinations=100)
    combos = list(big.combinations())
    assert {c["a"] for c in combos} == set(range(20)) and {c["b"] for c in combos} == set(range(20))


def test_changing_a_control_redraws(participants):
    from helpers.notebook import explore
    from helpers.topics import start_here

    calls = []

    def draw(lang):
        calls.append(lang)
        return start_here.status_groups(participants, lang=lang)

    language = control("lang", (("English", "en"), ("Norsk", "nb")))
    box = explore(draw, lang=language)
    assert calls == ["en"]
    language.value = "nb"
    assert calls == ["en", "nb"]
    assert "Interactive controls" in repr(box)
