"""The edited placement judged as `orgwork check` judges an edited annex: each meeting's time
shared among its items by `retime` (several bodies: `timed_session`, rooms given), then every
rule checked by the validator. The page's one source of violations and conventions."""

from __future__ import annotations

from dataclasses import dataclass

from solver.check.validate import Report, validate
from solver.check.validate_session import validate_session
from solver.errors import InputError
from solver.input.instance import Instance
from solver.problem.session import Session, interpret_session
from solver.schedule import Schedule
from web.placement import Placement


@dataclass(frozen=True)
class Checked:
    schedule: Schedule  # timed, with the conventions it does not meet as its penalties
    report: Report


def session_of(instance: Instance) -> Session:
    try:
        return interpret_session(instance)
    except ValueError as error:
        raise InputError(str(error)) from None


def judged(session: Session, schedule: Schedule) -> Checked:
    """A schedule as it stands (a solved draft), with the validator's report."""
    report = validate_session(session, schedule) if session.several else validate(session.bodies[0], schedule)
    return Checked(schedule, report)


def checked(session: Session, placement: Placement) -> Checked:
    """The placement timed and judged."""
    from reports.reading_session import timed_session  # both solve a small model: OR-Tools, loaded by the draft's solve
    from solver.plans.retime import retime

    if session.several:
        schedule = timed_session(session, {body: list(meetings) for body, meetings in placement.items()})
    else:
        schedule = retime(session.bodies[0], list(placement.get("", ())))
    result = judged(session, schedule)
    schedule.penalties = list(result.report.penalties)
    return result
