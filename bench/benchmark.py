"""Speed and size figures for the collection. Prints numbers; asserts nothing (see README).

    make bench

Figures: cold parse of the three tables (parse, check, build the frame), a load from the disk
cache in a fresh process, an in-memory cached load, and the number of facts. Later sections
(added as the kit lands) time the first chart in a fresh kernel and the dashboard.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 7


def median_ms(function, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fresh_process_ms(code: str, runs: int = 5) -> float:
    """Median wall time of a statement in fresh interpreters (imports excluded by the statement itself)."""
    script = f"import time, helpers.tidy as t\nstart = time.perf_counter()\n{code}\nprint(time.perf_counter() - start)"
    times = [float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT).stdout) for _ in range(runs)]
    return statistics.median(times) * 1000


def main() -> None:
    import helpers
    import helpers.tidy as tidy

    frame = tidy.build_participants()
    print("Participant tables")
    print(f"  facts: {len(frame):,} ({', '.join(f'{n:,} from {s}' for s, n in frame['source'].value_counts().sort_index().items())})")
    print(f"  cold parse + check + frame (median of {RUNS}): {median_ms(tidy.build_participants):.1f} ms  (aim: < 150 ms)")
    helpers.load_participants()  # make sure the disk cache exists
    print(f"  disk-cached load in a fresh process (median of 5): {fresh_process_ms('t.load_participants()'):.1f} ms  (aim: < 20 ms)")
    print(f"  in-memory cached load (median of {RUNS}): {median_ms(helpers.load_participants):.2f} ms")
    print(f"  reconcile report (median of {RUNS}): {median_ms(lambda: helpers.reconcile(frame)):.1f} ms")


if __name__ == "__main__":
    main()
