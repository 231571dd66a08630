"""A pytest plugin for nbval's run of the notebooks (``-p tests.notebook_checks``, see the Makefile).

- Solution cells store no output (the answer must not be on the page before the learner tries),
  so nbval cannot compare them; they are still executed, and this plugin requires each to print
  "✔ Correct".
- ``NAV_CHECK_EVERY_OPTION`` is set for the kernels, so every ``explore(...)`` cell draws and checks
  every option of its controls (see :func:`helpers.notebook.check_every_option`) before showing them.
"""

from __future__ import annotations

import os

import pytest

from helpers.notebook import CHECK_EVERY_OPTION

CORRECT = "✔ Correct"


def pytest_configure(config: pytest.Config) -> None:
    os.environ[CHECK_EVERY_OPTION] = "1"  # read by the kernels nbval starts (they inherit this environment)


def is_solution(item: pytest.Item) -> bool:
    cell = getattr(item, "cell", None)
    return cell is not None and "solution" in cell.get("metadata", {}).get("tags", [])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_solution(item):
            item.options["check"] = False  # nothing stored to compare with; the hook below checks instead


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):
    yield
    if is_solution(item):
        printed = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in item.test_outputs or [])
        if CORRECT not in printed:
            raise AssertionError(f"the solution in cell {item.cell_num} does not pass its own check: {printed[:300]!r}")
