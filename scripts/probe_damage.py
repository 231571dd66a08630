"""Exhaustive check, line by line, that damage to the tables is caught or harmless.

For every line of every participant table: drop it, duplicate it, and swap it with the next
line; parse and check the result; report every case where the facts changed without a
ParseError. Slow (several minutes); run by hand: .venv/bin/python scripts/probe_damage.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import helpers  # noqa: E402
from helpers.errors import ParseError  # noqa: E402
from helpers.tidy import participant_files, read_table  # noqa: E402
from tests.damage import copies, drop_is_detectable, pins  # noqa: E402

COLUMNS = ["period", "status_group", "gender", "age_group", "programme_group", "programme", "measure", "value", "suppressed"]


def facts(frame):
    return set(map(tuple, frame[COLUMNS].astype(str).values.tolist()))


def main() -> int:
    ledger = helpers.load_ledger()
    frame = helpers.load_participants()
    p = pins(frame)
    problems = 0
    for source in participant_files():
        lines = (helpers.tidy.RAW_DIR / source).read_text(encoding="utf-8").split("\n")
        base = facts(read_table("\n".join(lines), source))
        where = copies(ledger, source)
        keys_by_line = {}
        for key, at in where.items():
            for n in at:
                keys_by_line.setdefault(n, []).append(key)
        counts = {"drop": [0, 0, 0, 0], "duplicate": [0, 0, 0, 0], "swap": [0, 0, 0, 0]}
        for i in range(len(lines)):
            variants = {
                "drop": lines[:i] + lines[i + 1 :],
                "duplicate": lines[: i + 1] + [lines[i]] + lines[i + 1 :],
                "swap": lines[:i] + lines[i + 1 : i + 2] + [lines[i]] + lines[i + 2 :] if i + 1 < len(lines) else None,
            }
            for op, damaged in variants.items():
                if damaged is None:
                    continue
                try:
                    outcome = "same" if facts(read_table("\n".join(damaged), source)) == base else "changed"
                except ParseError:
                    outcome = "error"
                slot = {"same": 0, "error": 1, "changed": 2}[outcome]
                counts[op][slot] += 1
                if outcome == "changed":
                    expected = op == "drop" and not drop_is_detectable(i + 1, keys_by_line.get(i + 1, []), where, p)
                    counts[op][3] += expected
                    if not expected:
                        problems += 1
                        print(f"UNCAUGHT {op} {source}:{i + 1}: {lines[i][:70]!r}")
        for op, (same, error, changed, expected) in counts.items():
            print(
                f"{source} {op:9s}: {same} harmless, {error} caught, {changed} changed silently "
                f"({expected} of them invisible in the arithmetic)"
            )
    print(f"{problems} damaged files changed the data without being caught")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
