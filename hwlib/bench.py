"""`make bench`: how long generating and one-hot encoding the reference-sized data takes."""

from __future__ import annotations

import time
from collections.abc import Callable

from hwlib import simulate
from hwlib.sequences import one_hot

# Limits from the foundation issue; the reference's per-base loop took about 8 s.
LIMITS_MS = {"generate": 50.0, "one_hot": 20.0}


def best_ms(fn: Callable[[], object], repeats: int = 7) -> float:
    """Fastest of `repeats` calls, in milliseconds (the least disturbed by other load)."""
    if repeats < 1:
        raise ValueError(f"repeats must be >= 1, got {repeats}")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def run(n_pos: int = 4000, n_neg: int = 4000) -> dict[str, float]:
    """Best-of-7 times (ms) to generate each task's data and to one-hot encode it."""
    seqs = simulate.single_motif(n_pos, n_neg).seqs
    timings = {
        f"generate {task}": best_ms(lambda task=task: getattr(simulate, task)(n_pos, n_neg))
        for task in simulate.TASKS
    }
    timings["one_hot"] = best_ms(lambda: one_hot(seqs))
    return timings


def main() -> int:
    timings = run()
    failed = False
    for name, ms in timings.items():
        limit = LIMITS_MS[name.split()[0]]
        failed |= ms > limit
        verdict = "TOO SLOW" if ms > limit else "ok"
        print(f"{name:<24} {ms:7.1f} ms  (limit {limit:.0f} ms)  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
