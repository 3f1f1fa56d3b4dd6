"""An opened scenario file: its base and variants solved side by side, in a job, one variant
after another in the job's thread (so that the stop button stops them), shown as `orgwork
compare --to html` shows them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from solver.errors import Interrupted, OrgworkError
from web.jobs import Job

if TYPE_CHECKING:  # the solver's module loads OR-Tools: only when something is solved
    from solver.solving.solve import SolveSettings


@dataclass
class Comparing:
    name: str
    path: Path
    settings: SolveSettings | None = None  # None: the command line's defaults
    comparison: object | None = None  # solver.plans.compare.Comparison, once solved
    job: Job | None = None
    failure: tuple[str, ...] = ()
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def solve(self) -> None:
        with self.lock:
            if self.running:
                return
            self.failure = ()
            self.job = Job("compare", self._compared).start()

    def _compared(self, job: Job) -> None:
        from solver.plans.compare import compare
        from solver.plans.scenarios import load_scenarios

        try:
            base, variants = load_scenarios(self.path)
            job.tell(f"solving the base and {len(variants)} variants")
            comparison = compare(base, variants, self.settings, processes=1,
                                 progress=lambda done, total: job.tell(f"solved {done} of {total}: the base and its variants"))
        except Interrupted as error:
            self.failure = (f"Stopped: {error}.",)
            return
        except OrgworkError as error:
            self.failure = (str(error),)
            return
        with self.lock:
            self.comparison = comparison

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()
