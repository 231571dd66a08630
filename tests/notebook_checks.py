"""A pytest plugin for nbval's run of the notebooks (``-p tests.notebook_checks``, see the Makefile).

nbval runs each notebook untouched, top to bottom, in a fresh kernel: what *Run All* does. On top of
comparing outputs, this plugin checks what a learner sees and what a learner who opens a solution gets:

- An exercise cell (tagged ``exercise``, ``answer = None``) shows no verdict and no hint: running the
  notebook must not give anything away before the learner has tried.
- A solution is a Markdown cell tagged ``solution`` holding the code in a closed ``<details>`` box, so
  no way of running the notebook executes it. After each exercise cell, the plugin runs the solution's
  code in the same kernel, as a learner who pastes it into the exercise cell would, and requires it to
  print "✔ Correct (<id>)". The cells after it must then still give their stored outputs.
- Each cell's fresh outputs, normalised as ``make notebooks`` stores them (scripts/execute_notebooks.py), must
  equal the stored outputs exactly: every key, including what nbval leaves out of its comparison (pictures in
  PNG, output metadata, widget ids) and cells tagged ``nbval-ignore-output``. With tests/test_notebooks.py's
  check that each file is in the form ``make notebooks`` writes, nbval's one run of each notebook is also the
  suite's check that the stored notebooks are what a fresh kernel gives (``make notebooks`` itself, byte for
  byte, is run by ``make test-binder``: tests/test_commands.py).
- ``NAV_CHECK_EVERY_OPTION`` is set for the kernels, so every ``explore(...)`` cell draws and checks
  every option of its controls (see :func:`helpers.notebook.check_every_option`) before showing them.
"""

from __future__ import annotations

import copy
import os
import re
from queue import Empty

import pytest

from helpers.notebook import CHECK_EVERY_OPTION

from execute_notebooks import normalise_outputs  # scripts/ (tests/__init__.py puts it on the path)

CORRECT = "✔ Correct"
GIVEAWAYS = ("✔", "✘", "correct", "not yet", "hint")  # never in an exercise cell's output before a try (case-folded)
SOLUTION_CODE = re.compile(r"```python\n(.*?)\n```", re.S)
EXERCISE_ID = re.compile(r'check\(\s*"([0-9]{2}\.[0-9]+)"')


def pytest_configure(config: pytest.Config) -> None:
    os.environ[CHECK_EVERY_OPTION] = "1"  # read by the kernels nbval starts (they inherit this environment)


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def solution_code(cell: dict) -> str:
    """The Python code of a solution cell (the fenced block inside its <details> box)."""
    blocks = SOLUTION_CODE.findall(cell["source"])
    if len(blocks) != 1:
        raise AssertionError(f"a solution cell holds one ```python block inside <details>; found {len(blocks)}")
    return blocks[0]


def solution_after(item: pytest.Item) -> dict | None:
    """The solution cell that belongs to an exercise item: the next solution cell before the next code cell."""
    cells = item.parent.nb.cells
    start = next(i for i, cell in enumerate(cells) if cell is item.cell)
    for cell in cells[start + 1 :]:
        if "solution" in tags(cell):
            return cell
        if cell.cell_type == "code":
            return None
    return None


def printed(outputs: list[dict]) -> str:
    return "".join(
        str(o.get("data", {}).get("text/plain", ""))
        + str(o.get("data", {}).get("text/markdown", ""))
        + str(o.get("text", ""))
        + str(o.get("evalue", ""))
        for o in outputs
    )


def run_in_kernel(kernel, code: str, timeout: float) -> list[dict]:
    """Execute ``code`` in nbval's kernel for this notebook and return its outputs (as nbformat dicts)."""
    msg_id = kernel.execute_cell_input(code, allow_stdin=False)
    kernel.await_reply(msg_id, timeout=timeout)
    outputs: list[dict] = []
    while True:
        try:
            msg = kernel.get_message(stream="iopub", timeout=timeout)
        except Empty:
            raise AssertionError(f"the kernel did not finish the solution within {timeout} s") from None
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content.get("execution_state") == "idle":
            return outputs
        if kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append({"output_type": kind, **content})


def is_exercise(item: pytest.Item) -> bool:
    cell = getattr(item, "cell", None)
    return cell is not None and "exercise" in tags(cell)


def as_stored(item: pytest.Item) -> list[dict]:
    """nbval's fresh outputs of a cell as ``make notebooks`` would store them. An execute_result carries the
    kernel's execution count, which the solutions run in between (below) move on: it is given the stored cell's
    count (tests/test_notebooks.py checks those counts run 1, 2, 3, …)."""
    outputs = normalise_outputs(copy.deepcopy(list(item.test_outputs or [])), item.cell.get("id", ""))
    for output in outputs:
        if output.get("output_type") == "execute_result":
            output["execution_count"] = item.cell.execution_count
    return [dict(output) for output in outputs]


def differences(fresh: list[dict], stored: list[dict]) -> list[str]:
    """Where a cell's fresh outputs differ from its stored ones: which output and which key (for the message)."""
    if len(fresh) != len(stored):
        return [f"{len(fresh)} outputs, {len(stored)} stored"]
    found = []
    for k, (new, old) in enumerate(zip(fresh, stored)):
        for key in sorted(set(new) | set(old)):
            if key == "data":
                found += [
                    f"output {k}: {mime}"
                    for mime in sorted(set(new[key]) | set(old.get(key, {})))
                    if new[key].get(mime) != old.get(key, {}).get(mime)
                ]
            elif new.get(key) != old.get(key):
                found.append(f"output {k}: {key}")
    return found


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):
    outcome = yield
    if outcome.excinfo is not None or getattr(item, "cell", None) is None or item.cell.execution_count is None:
        return
    stored = [dict(output) for output in item.cell.get("outputs", [])]
    differ = differences(as_stored(item), stored)
    assert not differ, (
        f"cell {item.cell.get('id')}: a fresh kernel gives other outputs than are stored "
        f"({'; '.join(differ[:5])}): run `make notebooks` and commit what it writes"
    )
    if not is_exercise(item):
        return
    shown = printed(item.test_outputs or [])
    given = [word for word in GIVEAWAYS if word in shown.casefold()]
    assert not given, f"exercise cell {item.cell_num} shows {given} before the learner has tried: {shown[:300]!r}"
    solution = solution_after(item)
    assert solution is not None, f"exercise cell {item.cell_num} has no solution cell after it"
    exercise_id = EXERCISE_ID.search(item.cell.source)
    assert exercise_id, f'exercise cell {item.cell_num} calls no check("NN.k", answer)'
    outputs = run_in_kernel(item.parent.kernel, solution_code(solution), timeout=item.config.option.nbval_cell_timeout or 300)
    result = printed(outputs)
    if f"{CORRECT} ({exercise_id[1]})" not in result:
        raise AssertionError(
            f"the solution of {exercise_id[1]} (after cell {item.cell_num}) does not pass its check: {result[:400]!r}"
        )
