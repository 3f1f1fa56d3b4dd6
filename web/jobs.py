"""Work that runs off the request thread: a solve, a re-plan, a comparison.

A job runs in a thread of its own, with its own `Stopper` current there, so that the page's
stop button stops that job's searches only. It tells its progress in the planner's words; the
page asks for it and waits, at most a moment, for the job to end.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from reports.status import progress_text
from solver.errors import OrgworkError
from solver.solving import stopping

LOG = logging.getLogger("orgwork.web")


class Job:
    """One piece of work: `work(job)` in a thread; its result, or the error it raised."""

    def __init__(self, kind: str, work: Callable[["Job"], object]) -> None:
        self.kind = kind
        self.progress = {"solve": "drafting", "re-plan": "re-planning", "compare": "comparing"}.get(kind, kind)
        self._told = False
        self.stopper = stopping.Stopper()
        self.finished = threading.Event()
        self.error: BaseException | None = None
        self._work = work
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name=f"orgwork-{kind}", daemon=True)

    def start(self) -> Job:
        self._thread.start()
        return self

    def _run(self) -> None:
        with stopping.current(self.stopper):
            try:
                self._work(self)
            except BaseException as error:  # noqa: BLE001 - the page says what went wrong
                self.error = error
                if not isinstance(error, OrgworkError):  # a bug: its traceback goes to the server's log
                    LOG.exception("orgwork %s failed", self.kind)
            finally:
                self.finished.set()

    @property
    def running(self) -> bool:
        return not self.finished.is_set()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self._started

    def told(self) -> str:
        """The progress as the page shows it: the search's last word, or how long the work has run
        before the search had a draft to tell of (reading the file, building the model)."""
        if self._told:
            return self.progress
        return f"{self.progress}: reading the file and building the model ({self.seconds:.0f} s)"

    def hook(self, label: str) -> Callable:
        """A progress hook for the library's solves: the best draft so far, in words."""

        def told(progress) -> None:
            self.progress, self._told = f"{label}: {progress_text(progress)}", True

        return told

    def tell(self, text: str) -> None:
        self.progress, self._told = text, True

    def stop(self) -> None:
        self.progress, self._told = "stopping: the best draft found so far is kept", True
        self.stopper.request()

    def wait(self, seconds: float) -> bool:
        """Wait at most `seconds` for the job to end; whether it has."""
        return self.finished.wait(seconds)
