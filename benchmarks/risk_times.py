"""How fast orgwork risk simulates, and what a distributed engine gives a sweep. A measurement,
not a test.

    .venv/bin/pip install -e '.[cluster]' && .venv/bin/python benchmarks/risk_times.py

1. Samples per second: 10,000 samples of a generated session of 40 items in 20 meetings
   (`generate.one_body(40, 10)`), the whole assessment (validation, replay, figures), best and
   median of five runs; and 1,000,000 samples in chunks on the local engine.
2. A sweep of the same 200 variants (generated sessions of 40 items in 20 meetings,
   `generate.one_body(40, 10, seed)` for seeds 0 to 199, each a solve of about a third of a
   second) solved in one process, on the local engine (a process per core) and on a local Dask
   cluster (a worker per core, its start included), with the results compared byte for byte.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import one_body  # noqa: E402

from solver.input.instance import Instance  # noqa: E402
from solver.plans.compare import solve_all  # noqa: E402
from solver.plans.drafting import draft  # noqa: E402
from solver.plans.engines import SCHEDULER, dask_available  # noqa: E402
from solver.plans.risk import assess  # noqa: E402


def samples_per_second() -> None:
    instance = Instance.model_validate(one_body(40, 10))
    schedule = draft(instance)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        report = assess(instance, schedule, 10_000, 0)
        times.append(time.perf_counter() - started)
    body = report.bodies[0]
    print(f"40 items, {len(schedule.meetings)} meetings, 10,000 samples: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
          f"({10_000 / min(times):,.0f} samples/s); fits {body.fits:.0%}, p90 overrun {body.overrun_p90:g} min")
    started = time.perf_counter()
    assess(instance, schedule, 1_000_000, 0)
    took = time.perf_counter() - started
    print(f"1,000,000 samples in chunks on the local engine ({os.cpu_count()} processes): {took:.2f} s ({1_000_000 / took:,.0f} samples/s)")


def variants(count: int = 200):
    return [(f"seed {seed}", Instance.model_validate(one_body(40, 10, seed=seed))) for seed in range(count)]


def dump(results) -> list[tuple[str, str]]:
    return [(r.name, r.schedule.to_json() if r.schedule else "\n".join(r.explanation)) for r in results]


def sweep() -> None:
    named = variants()
    started = time.perf_counter()
    alone = dump(solve_all(named, processes=1))
    one = time.perf_counter() - started
    started = time.perf_counter()
    local = dump(solve_all(named))
    pooled = time.perf_counter() - started
    print(f"200 variants: one process {one:.2f} s; local engine ({os.cpu_count()} processes) {pooled:.2f} s, speed-up {one / pooled:.2f}; "
          f"byte-identical: {local == alone}")
    if not dask_available():
        print("Dask: not installed (pip install 'orgwork[cluster]')")
        return
    from distributed import LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=os.cpu_count(), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        up = time.perf_counter() - started
        os.environ[SCHEDULER] = cluster.scheduler_address
        ran = time.perf_counter()
        on_dask = dump(solve_all(named, engine="dask"))
        done = time.perf_counter()
    print(f"             Dask, local cluster of {os.cpu_count()} workers: {done - started:.2f} s with its start ({up:.2f} s), "
          f"{done - ran:.2f} s without; speed-up {one / (done - started):.2f} ({one / (done - ran):.2f} without the start); "
          f"byte-identical: {on_dask == alone}")


if __name__ == "__main__":
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores (other work on the machine slows every engine)")
    samples_per_second()
    sweep()
