"""What the arithmetic of a table can vouch for: the cells and lines whose damage must be caught.

A total with no starred parts pins its parts exactly: change one of them, or lose one that is
not zero, and the total no longer adds up. A total with starred parts leaves slack of up to 3
per star, and a row of stars can vanish without any total noticing; such damage is invisible in
the text and is caught only by the manifest checksum. The property tests use these sets to say
precisely which damage the parser must catch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from helpers.reconcile import DIMENSION_INDEX, GROUP, PROGRAMME, facts_by_key

T = "I alt"


@dataclass(frozen=True)
class Pins:
    parts: frozenset  # keys that are a non-zero part of an exact check, with the total's key
    exact_keys: frozenset  # keys pinned by an exact check (as a part or as its total)
    part_of: dict  # part key -> list of total keys of exact checks it belongs to


def pins(frame: pd.DataFrame) -> Pins:
    facts = facts_by_key(frame)
    groups: dict[tuple, list] = defaultdict(list)
    for dim, i in DIMENSION_INDEX.items():
        for key in facts:
            if key[i] == T or (i == GROUP and key[PROGRAMME] != T):
                continue
            groups[(dim, key[:i] + (T,) + key[i + 1 :])].append(key)
    part_of: dict[tuple, list] = defaultdict(list)
    exact: set = set()
    for (_, total_key), parts in groups.items():
        total = facts.get(total_key)
        if total is None or total[2] or any(facts[p][2] for p in parts):
            continue
        exact.add(total_key)
        exact.update(parts)
        for p in parts:
            if facts[p][1] != 0:
                part_of[p].append(total_key)
    return Pins(frozenset(part_of), frozenset(exact), dict(part_of))


def copies(ledger: pd.DataFrame, source: str) -> dict[tuple, set[int]]:
    """Fact key -> the lines it is printed on (first print and repeats)."""
    mine = ledger[ledger["source"] == source]
    out: dict[tuple, set[int]] = defaultdict(set)
    for row in mine.itertuples(index=False):
        out[
            tuple(
                getattr(row, k)
                for k in ("period", "status_group", "gender", "age_group", "programme_group", "programme", "measure")
            )
        ].add(row.line)
    return out


def drop_is_detectable(line: int, keys_on_line: list[tuple], where: dict[tuple, set[int]], p: Pins) -> bool:
    """True when losing the line either loses nothing (every fact is printed elsewhere too) or
    loses a non-zero part of an exact check whose total is printed on another line."""
    unique = [k for k in keys_on_line if where[k] == {line}]
    if not unique:
        return True
    return any(any(where.get(t, set()) - {line} for t in p.part_of.get(k, [])) for k in unique)
