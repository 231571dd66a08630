"""Tidy, traceable data and teaching tools for NAV's labour-market programme statistics.

The main entry points:

- :func:`load_participants` — NAV's three published participant tables as one tidy frame.
- :func:`reconcile` — every total checked against its parts, with suppression bounds.
- :func:`english` / :func:`label` — English glosses next to NAV's Norwegian labels.
"""

from .errors import DuplicateMismatchError, IntegrityError, ParseError, ReconciliationError
from .parsing import KEY, parse_table
from .reconcile import reconcile, violations
from .tidy import load_ledger, load_lines, load_participants, load_repairs, manifest, raw_line, with_english
from .vocabulary import english, label

__all__ = [
    "KEY", "DuplicateMismatchError", "IntegrityError", "ParseError", "ReconciliationError",
    "english", "label", "load_ledger", "load_lines", "load_participants", "load_repairs", "raw_line", "manifest", "parse_table", "reconcile",
    "violations", "with_english",
]
