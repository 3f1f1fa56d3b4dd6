"""Sweeps on a distributed engine: a local Dask cluster on this machine solves the same variants
and draws the same samples as the local engine, to the same bytes. Without the cluster extra
(pip install 'orgwork[cluster]') the test is skipped, saying so, unless ORGWORK_REQUIRE_CLUSTER=1
(as in CI, whose .ci/run installs it), where a missing extra is a failure."""

from __future__ import annotations

import logging
import os

import pytest

from solver.input import edits
from solver.input.loading import load_instance, load_schedule
from solver.plans.compare import solve_all
from solver.plans.engines import SCHEDULER, dask_available
from solver.plans.risk import assess
from tests.conftest import GOLDEN, REFERENCE

if not dask_available() and os.environ.get("ORGWORK_REQUIRE_CLUSTER") != "1":
    pytest.skip("the cluster extra is not installed (pip install 'orgwork[cluster]'); the Dask test did not run", allow_module_level=True)


def test_a_local_dask_cluster_gives_the_bytes_of_the_local_engine(monkeypatch):
    assert dask_available(), "ORGWORK_REQUIRE_CLUSTER=1 but Dask is not installed: pip install 'orgwork[cluster]'"
    from distributed import LocalCluster

    base = load_instance(REFERENCE)
    variants = [(f"item 3 in {minutes} min", edits.apply(base, edits.set_estimate("3", minutes))) for minutes in (240, 300, 330)]
    variants.append(("too long", edits.apply(base, edits.set_estimate("3", 900))))  # does not fit: its explanation travels too
    schedule = load_schedule(GOLDEN / "ctoc-wg-tip-2017.json")
    local_solves = [(r.name, r.schedule.to_json() if r.schedule else r.explanation) for r in solve_all(variants, processes=1)]
    local_risk = assess(base, schedule, 20_000, 5, processes=1).to_json()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        monkeypatch.setenv(SCHEDULER, cluster.scheduler_address)
        shown: list[int] = []
        solved = solve_all(variants, engine="dask", progress=lambda done, total: shown.append(done))
        on_dask = [(r.name, r.schedule.to_json() if r.schedule else r.explanation) for r in solved]
        risk = assess(base, schedule, 20_000, 5, engine="dask").to_json()
    assert on_dask == local_solves
    assert shown == [1, 2, 3, 4]  # the progress line counts the solves as they come back
    assert local_solves[-1][1], "the variant that does not fit is explained"
    assert risk == local_risk
