"""The nbval plugin's output comparison (tests/notebook_checks.py): it must see what nbval's own comparison leaves
out, since it stands in for running `make notebooks` a second time in `make test`."""

from __future__ import annotations

from types import SimpleNamespace

import nbformat

from .notebook_checks import as_stored, differences


def cell_item(stored: list[dict], fresh: list[dict], execution_count: int = 7) -> SimpleNamespace:
    """What the plugin reads of an nbval item: the stored cell and the outputs the kernel sent."""
    cell = nbformat.v4.new_code_cell("x", id="cell-03", execution_count=execution_count, outputs=stored)
    return SimpleNamespace(cell=cell, test_outputs=[nbformat.NotebookNode(o) for o in fresh])


def display(data: dict, metadata: dict | None = None) -> dict:
    return {"output_type": "display_data", "data": data, "metadata": metadata or {}}


def test_a_fresh_run_as_make_notebooks_stores_it_matches():
    """Split stream writes, a repr's address, a widget's random id and output metadata are what every run changes:
    normalised as scripts/execute_notebooks.py does, they equal the stored form."""
    stored = [
        {"output_type": "stream", "name": "stdout", "text": "a\nb\n"},
        display(
            {
                "text/plain": "<object at 0xADDR>",
                "application/vnd.jupyter.widget-view+json": {"model_id": "cell-03-widget-1", "version_major": 2},
            }
        ),
        {"output_type": "execute_result", "execution_count": 7, "data": {"text/plain": "3"}, "metadata": {}},
    ]
    fresh = [
        {"output_type": "stream", "name": "stdout", "text": "a\n"},
        {"output_type": "stream", "name": "stdout", "text": "b\n"},
        display(
            {
                "text/plain": "<object at 0x7f3a2b1c9d40>",
                "application/vnd.jupyter.widget-view+json": {"model_id": "5d1f0e", "version_major": 2},
            },
            {"isolated": True},
        ),
        {"output_type": "execute_result", "execution_count": 12, "data": {"text/plain": "3"}, "metadata": {}},
    ]
    assert differences(as_stored(cell_item(stored, fresh)), stored) == []


def test_what_nbval_does_not_compare_is_compared():
    """nbval skips PNG pictures, output metadata, execution counts and widget ids (and whole cells tagged
    nbval-ignore-output); a stored file that differs there from a fresh run would not be what `make notebooks` writes."""
    stored = [display({"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}, {"width": 300})]
    fresh = [display({"image/png": "iVBORw0KGgp=", "text/plain": "<Figure>"})]
    assert differences(as_stored(cell_item(stored, fresh)), stored) == ["output 0: image/png", "output 0: metadata"]


def test_an_output_more_or_fewer_is_a_difference():
    stored = [display({"text/plain": "1"})]
    assert differences(as_stored(cell_item(stored, stored + stored)), stored) == ["2 outputs, 1 stored"]
    assert differences(as_stored(cell_item(stored, [])), stored) == ["0 outputs, 1 stored"]
