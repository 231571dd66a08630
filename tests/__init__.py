"""The test-suite. The project's scripts (scripts/: brief, teacher, execute_notebooks, …) are not a package; the
tests import them by name, so their folder is put on the import path here, once, before any test module or the
nbval plugin (tests.notebook_checks) is imported."""

import sys
from pathlib import Path

SCRIPTS = str(Path(__file__).resolve().parent.parent / "scripts")
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)
