"""Tidy, traceable data and teaching tools for NAV's labour-market programme statistics.

The main entry points:

- :func:`load_participants` — NAV's three published participant tables as one tidy frame.
- :func:`load_monthly_series` / :func:`reconcile_monthly` — NAV's monthly series since 2023 (JSON) and its checks.
- :func:`reconcile` — every total checked against its parts, with suppression bounds.
- :func:`english` / :func:`label` — English glosses next to NAV's Norwegian labels.
- :func:`load_audit_table`, :func:`load_audit_findings` — Riksrevisjonen's tables and figures.
"""

from .audit import (
    activity_plan_change,
    audit_tables,
    cost_per_place,
    load_audit_findings,
    load_audit_inconsistencies,
    load_audit_table,
    waiting_for_plan_extra,
)
from .errors import DuplicateMismatchError, IntegrityError, ParseError, ReconciliationError
from .monthly import load_monthly_series, reconcile_monthly
from .parsing import KEY, parse_table
from .reconcile import reconcile, violations
from .tidy import load_ledger, load_lines, load_participants, load_repairs, manifest, raw_line, with_english
from .views import select
from .vocabulary import both, english, label

__all__ = [
    "activity_plan_change",
    "audit_tables",
    "cost_per_place",
    "load_audit_findings",
    "load_audit_inconsistencies",
    "load_audit_table",
    "waiting_for_plan_extra",
    "KEY",
    "DuplicateMismatchError",
    "IntegrityError",
    "ParseError",
    "ReconciliationError",
    "english",
    "label",
    "load_ledger",
    "load_lines",
    "load_participants",
    "load_repairs",
    "raw_line",
    "manifest",
    "parse_table",
    "reconcile",
    "violations",
    "with_english",
    "load_monthly_series",
    "reconcile_monthly",
    "select",
    "both",
]
