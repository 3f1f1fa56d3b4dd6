"""Where sweeps run: many solves (`compare`) or chunks of samples (`risk`), each a plain function
of plain data (instance JSON and settings in, JSON or numbers out; never a solver object).

- `local`, the default: a pool of processes on this machine, as many as there are cores (one
  job: in this process);
- `dask`: a Dask cluster (the optional extra, `pip install 'orgwork[cluster]'`): the one at the
  address in `ORGWORK_DASK_SCHEDULER` (`tcp://host:8786`), else a local cluster of worker
  processes started for the sweep and stopped after it.

Every job keeps one CP-SAT worker and its fixed seed, and results come back in the order of the
jobs, so a sweep gives the same bytes on every engine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from solver.errors import InputError

ENGINES = ("local", "ray", "dask")
SCHEDULER = "ORGWORK_DASK_SCHEDULER"
Progress = Callable[[int, int], None]


def run(function: Callable[[Any], Any], jobs: Sequence[Any], engine: str = "local", processes: int | None = None,
        progress: Progress | None = None) -> list[Any]:
    """`function(job)` for every job, on `engine`, with at most `processes` at once (default:
    the cores); the results in the order of the jobs."""
    if engine == "ray":
        raise InputError("--engine ray: orgwork runs sweeps on Dask (--engine dask, pip install 'orgwork[cluster]'); "
                         "the README's 'Sweeps on a cluster' says why Ray was not chosen")
    if engine == "dask":
        return _on_dask(function, jobs, processes, progress)
    if engine != "local":
        raise InputError(f"--engine {engine}: unknown engine; use one of local, dask")
    processes = max(1, min(processes or os.cpu_count() or 1, len(jobs)))
    results = []
    if processes == 1:
        for job in jobs:
            results.append(function(job))
            if progress:
                progress(len(results), len(jobs))
        return results
    with ProcessPoolExecutor(max_workers=processes) as pool:
        for result in pool.map(function, jobs):
            results.append(result)
            if progress:
                progress(len(results), len(jobs))
    return results


def dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _on_dask(function, jobs, processes, progress) -> list[Any]:
    if not dask_available():
        raise InputError("--engine dask needs the cluster extra: pip install 'orgwork[cluster]'")
    from distributed import Client, LocalCluster

    address = os.environ.get(SCHEDULER)
    cluster = None
    if address:
        client = Client(address, set_as_default=False)
    else:
        workers = max(1, min(processes or os.cpu_count() or 1, len(jobs) or 1))
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster, set_as_default=False)
    try:
        futures = client.map(function, list(jobs), pure=False)
        results = []
        for future in futures:  # in the order of the jobs
            results.append(future.result())
            if progress:
                progress(len(results), len(jobs))
        return results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
