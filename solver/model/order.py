"""Rules about the order of items: agenda order and its exceptions, opening, report, other matters."""

from __future__ import annotations

from solver.model.logic import neg
from solver.model.variables import Variables


def add_precedences(v: Variables, rule: str) -> None:
    """Agenda order, taken out of order, first or last position: `before` ends before `after` starts."""
    for p in v.problem.precedences:
        if p.rule == rule:
            v.add_if(v.end[p.before] <= v.start[p.after], v.guard(rule, v.problem.tasks[p.owner].id))


def add_agenda_order(v: Variables) -> None:
    add_precedences(v, "agenda-order")


def add_order_exceptions(v: Variables) -> None:
    add_precedences(v, "order-exceptions")


def add_position(v: Variables) -> None:
    add_precedences(v, "position")


def add_segments(v: Variables) -> None:
    add_precedences(v, "segments")


def add_opening_first(v: Variables) -> None:
    """Opening items precede all others and end within the first meeting."""
    add_precedences(v, "opening-first")
    if not v.problem.rules.opening_in_first_meeting:
        return
    for task in v.problem.with_role("opening"):
        v.forbid(v.guard("opening-first", task.id), v.reaches(task.index, 1))


def _in_last_meeting(v: Variables, index: int, rule: str, subject: str) -> None:
    """The item starts in the last meeting held."""
    guard = v.guard(rule, subject)
    for k in range(1, v.n_meetings):
        # meeting k held means the item may not start before it
        v.forbid(guard, v.active[k], neg(v.starts_by(index, k)))


def add_report_last(v: Variables) -> None:
    """The adoption of the report follows every other item, in the last meeting."""
    add_precedences(v, "report-last")
    if not v.problem.rules.report_in_last_meeting:
        return
    for task in v.problem.with_role("report"):
        _in_last_meeting(v, task.index, "report-last", task.id)


def add_other_matters_before_report(v: Variables) -> None:
    """'Other matters' is in the last meeting, right next to the report: it ends where the report
    begins, or begins where the report ends when the agenda lists it after the report."""
    add_precedences(v, "other-matters-before-report")
    if not v.problem.rules.other_matters_before_report or not v.problem.adjacent:
        return
    for task in v.problem.with_role("other-matters"):
        _in_last_meeting(v, task.index, "other-matters-before-report", task.id)
    for first, second in v.problem.adjacent:
        other = first if v.problem.tasks[first].role == "other-matters" else second
        guard = v.guard("other-matters-before-report", v.problem.tasks[other].id)
        v.add_if(v.end[first] == v.start[second], guard)


def add_closure_last(v: Variables) -> None:
    """'Closure of the session' follows every other item, the report included, in the last meeting."""
    add_precedences(v, "closure-last")
    if not v.problem.rules.closure_last:
        return
    for task in v.problem.with_role("closing"):
        _in_last_meeting(v, task.index, "closure-last", task.id)


def add_in_meeting(v: Variables) -> None:
    """Items and parts placed in the first meeting end within it; those placed in the last start in it."""
    add_precedences(v, "in-meeting")
    for task in v.problem.tasks:
        if task.meeting == "first":
            v.forbid(v.guard("in-meeting", task.id), v.reaches(task.index, 1))
        elif task.meeting == "last":
            _in_last_meeting(v, task.index, "in-meeting", task.id)
