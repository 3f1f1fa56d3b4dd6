"""One opened instance: its draft, the planner's moves and edits since, and their checking.

The state the planner changes is small and immutable (the instance as edited, the placement,
the moves), so that undo is a stack of states. Each change is checked at once (`checking`);
solving and re-planning run as jobs. A re-plan is `solve --baseline` on the edited annex with
the planner's moves as agreed rows; a move the validator blames for a rule it breaks, which
no draft can keep, is let go and said so, rather than the re-plan failing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from solver.errors import DoesNotFit, Interrupted, NotFoundInTime, OrgworkError
from solver.input.instance import Instance
from solver.schedule import Schedule
from web.checking import Checked, checked, judged, session_of
from web.jobs import Job
from web.placement import Move, Placement, Slot, agreed_rows, moved, placement_of

if TYPE_CHECKING:  # the solver's module loads OR-Tools: only when something is solved
    from solver.solving.solve import SolveSettings

EXPLAIN_SECONDS = 20.0


@dataclass(frozen=True)
class State:
    instance: Instance
    placement: Placement
    moves: tuple[Move, ...] = ()
    changes: tuple[str, ...] = ()  # the moves and edits since the draft, in words


@dataclass(frozen=True)
class Replanned:
    moves: tuple[str, ...]  # what the re-plan moved from the edited annex
    released: tuple[str, ...]  # the planner's moves it could not keep, and why
    since: tuple[str, ...]  # what moved from the draft before the edits


@dataclass
class Workspace:
    name: str
    path: Path
    source: Instance  # as read from the file
    settings: SolveSettings | None = None  # None: the command line's defaults
    draft: Schedule | None = None
    state: State | None = None
    checked: Checked | None = None
    history: list[State] = field(default_factory=list)
    job: Job | None = None
    failure: tuple[str, ...] = ()  # why the last job gave no draft, in lines
    replanned: Replanned | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def instance(self) -> Instance:
        return self.state.instance if self.state else self.source

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    # -- jobs ----------------------------------------------------------------------------------

    def solve(self) -> None:
        """Solve the instance as it stands, in a job."""
        with self.lock:
            if self.running:
                return
            self.failure, self.replanned = (), None
            instance = self.instance
            self.job = Job("solve", lambda job: self._solved(job, instance)).start()

    def _solved(self, job: Job, instance: Instance) -> None:
        from solver.plans.drafting import draft

        schedule = self._drafted(job, instance, lambda: draft(instance, self.settings, job.hook("drafting")))
        if schedule is not None:
            with self.lock:
                self._adopt(instance, schedule)

    def replan(self) -> None:
        """Re-plan against the edited annex, keeping the planner's moves, in a job."""
        with self.lock:
            if self.running or self.state is None or self.checked is None:
                return
            self.failure, self.replanned = (), None
            state, current, previous = self.state, self.checked, self.draft
            self.job = Job("re-plan", lambda job: self._replanned(job, state, current, previous)).start()

    def _replanned(self, job: Job, state: State, current: Checked, previous: Schedule | None) -> None:
        from solver.check.diff import describe, diff
        from solver.plans.drafting import draft

        several = session_of(state.instance).several
        agreed = agreed_rows(state.moves, state.placement, several)
        blamed = tuple(m for m in state.moves if _rules_broken(current, m))
        kept = agreed_rows(tuple(m for m in state.moves if m not in blamed), state.placement, several)
        released: tuple[Move, ...] = ()

        def attempt():
            nonlocal released
            hook = job.hook("re-planning")
            try:
                return draft(state.instance, self.settings, hook, baseline=current.schedule, agreed=agreed)
            except DoesNotFit:
                if not blamed:
                    raise
            released = blamed
            return draft(state.instance, self.settings, hook, baseline=current.schedule, agreed=kept)

        schedule = self._drafted(job, state.instance, attempt, kept if blamed else agreed)
        if schedule is None:
            return
        with self.lock:
            self._adopt(state.instance, schedule)
            self.replanned = Replanned(
                moves=tuple(describe(m) for m in schedule.moves),
                released=tuple(f"Your move of {m.words().replace(' moved to ', ' to ')} was not kept: there it breaks {', '.join(_rules_broken(current, m))}"
                               for m in released),
                since=tuple(describe(m) for m in diff(previous, schedule)) if previous is not None else (),
            )

    def _drafted(self, job: Job, instance: Instance, solving, agreed=frozenset()) -> Schedule | None:
        """The draft `solving` gives, or None with the reason kept as the failure."""
        try:
            return solving()
        except DoesNotFit as error:
            from solver.plans.drafting import explanation

            job.tell("explaining why it does not fit")
            try:
                lines = explanation(instance, error, agreed, EXPLAIN_SECONDS).lines()
            except Interrupted:
                lines = [f"Does not fit: {error.summary}", *(f"  - {reason}" for reason in error.reasons), "(the explanation was stopped)"]
            self.failure = tuple(lines)
        except Interrupted as error:
            self.failure = (f"Stopped: {error}.",)
        except NotFoundInTime as error:
            self.failure = (f"No draft found in time: {error}.",)
        except OrgworkError as error:
            self.failure = (str(error),)
        return None

    def _adopt(self, instance: Instance, schedule: Schedule) -> None:
        session = session_of(instance)
        self.draft = schedule
        self.state = State(instance, placement_of(schedule))
        self.checked = judged(session, schedule)
        self.history.clear()

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()

    # -- the planner's changes -----------------------------------------------------------------

    def move(self, body: str, task: str, source: Slot, target: Slot, index: int) -> None:
        """Move one piece to another sitting (or another place in its meeting), and check."""
        with self.lock:
            state = self._settled()
            session = session_of(state.instance)
            problem = session.bodies[0] if not session.several else session.body(body)
            window = range(problem.body.first_sitting, problem.body.last_sitting + 1) if session.several else range(len(problem.sittings))
            order = {(s.date, s.name): s.index for s in problem.sittings if s.index in window}
            meetings = moved(state.placement.get(body, ()), task, source, target, index, order)
            step = Move(body, task, target)
            changes = state.changes if source == target else (*state.changes, step.words())
            moves = state.moves if source == target else (*tuple(m for m in state.moves if m.task != task or m.body != body), step)
            self._change(replace(state, placement={**state.placement, body: meetings}, moves=moves, changes=changes))

    def edit(self, instance: Instance, words: str) -> None:
        """The instance changed (an estimate, a pin, the meetings granted): check the annex against it."""
        with self.lock:
            state = self._settled()
            self._change(replace(state, instance=instance, changes=(*state.changes, words)))

    def _settled(self) -> State:
        if self.running:
            raise OrgworkError("wait for the draft (or stop it) before changing it")
        if self.state is None:
            raise OrgworkError("there is no draft to change yet; solve it first")
        return self.state

    def _change(self, state: State) -> None:
        result = checked(session_of(state.instance), state.placement)  # before anything changes: an error leaves all as it was
        self.history.append(self.state)
        self.state, self.checked, self.replanned, self.failure = state, result, None, ()

    def undo(self) -> None:
        with self.lock:
            if self.running or not self.history:
                return
            state = self.history.pop()
            session = session_of(state.instance)
            self.state = state  # the first state is the draft's own: shown as solved, not retimed
            self.checked = checked(session, state.placement) if self.history else judged(session, self.draft)
            self.replanned, self.failure = None, ()

    def reset(self) -> None:
        """Back to the draft, as solved: the moves and edits since are dropped."""
        with self.lock:
            if self.running or not self.history:
                return
            first = self.history[0]
            self.history.clear()
            self.state = replace(first, moves=(), changes=())
            self.checked = judged(session_of(first.instance), self.draft)
            self.replanned, self.failure = None, ()


def _rules_broken(current: Checked, move: Move) -> list[str]:
    """The rules the checked annex breaks that name the moved item (its body's)."""
    names = []
    for violation in current.report.violations:
        if move.task in violation.items and (not violation.body or violation.body == move.body) and violation.name not in names:
            names.append(violation.name)
    return names
