"""Why an agenda does not fit, and what would make it fit, in the planner's terms.

1. The capacity arithmetic: hours needed, hours the meetings give, hours held by fixed items.
2. A minimal set of conflicting rules and facts: the model is built with one assumption literal
   per rule and subject (`guard`), solved without objective; CP-SAT returns a core of assumptions,
   which deletion then shrinks to a minimal one. Each element is said in words, with its items and days.
3. Ways out, each checked by solving the changed instance: grant meetings, shorten an item, drop a
   pin, allow a split, take an item out of order, switch a house rule off.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.errors import DoesNotFit
from solver.input import edits
from solver.input.durations import format_hours, format_minutes
from solver.input.instance import Instance
from solver.labels import day_label, item_list, sitting_label, time_label
from solver.model.build import build
from solver.problem.capacity import arithmetic, granted_minutes
from solver.problem.problem import Problem
from solver.problem.sequence import find_cycle, topological_order
from solver.rules import RULES
from solver.solving import stopping
from solver.solving.feasibility import feasible


@dataclass(frozen=True)
class Conflict:
    rule: str
    subject: str
    text: str

    @property
    def name(self) -> str:
        return RULES[self.rule].name


@dataclass(frozen=True)
class WayOut:
    text: str
    instance: Instance  # the changed instance, solved and found feasible


@dataclass(frozen=True)
class Explanation:
    summary: str
    arithmetic: str
    focus: str  # the arithmetic of the items whose estimates are in conflict, if any
    conflicts: tuple[Conflict, ...]
    ways_out: tuple[WayOut, ...]
    complete: bool = True  # every change worth trying was tried and decided within the time given
    searched: bool = True  # the conflicting rules were searched for (not when the time was too short)

    def lines(self) -> list[str]:
        out = [f"Does not fit: {self.summary}", f"  Arithmetic: {self.arithmetic}"]
        if self.focus:
            out.append(f"  In conflict: {self.focus}")
        if self.conflicts:
            out.append("  Conflicting rules and facts (remove any one and the rest can hold):")
            out += [f"    - {c.name}: {c.text}" for c in self.conflicts]
        elif not self.searched:
            out.append("  The conflicting rules were not searched for in the time given; a longer --time-limit finds them.")
        if self.ways_out:
            out.append("  Ways out (each checked by solving the changed instance):")
            out += [f"    - {w.text}" for w in self.ways_out]
        elif self.complete:
            out.append("  No single change tried (more meetings, shorter items, dropped pins or rules) makes it fit.")
        else:
            out.append("  No way out was found in the time given; a longer --time-limit lets orgwork try more changes.")
        return out


class Budget:
    """One time budget shared by every solve an explanation makes, so that a hard instance
    gets a shorter explanation rather than a long wait."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self, at_most: float) -> float:
        return max(0.01, min(at_most, self.end - time.monotonic()))

    def over(self) -> bool:
        return time.monotonic() >= self.end or stopping.requested()


def minimal_conflict(problem: Problem, seconds: float = 10.0) -> tuple[tuple[str, str], ...] | None:
    """A set of (rule, subject) that cannot hold together, shrunk until removing any element makes
    the rest feasible (or the time runs out: then a conflict, not always a minimal one); None if the
    guarded model is feasible (the conflict lies in facts no rule switches off)."""
    budget = Budget(seconds)
    built = build(problem, explain=True)
    guards = built.variables.guards
    keys = sorted(guards)
    index_of = {guards[k].index: k for k in keys}

    def infeasible(subset: list[tuple[str, str]]) -> tuple[bool, list[tuple[str, str]]]:
        built.model.clear_assumptions()
        built.model.add_assumptions([guards[k] for k in subset])
        solver = stopping.new_solver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = budget.left(2.0)
        status = stopping.run(solver, built.model)
        if status != cp_model.INFEASIBLE:
            return False, []
        core = [index_of[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in index_of]
        return True, sorted(core) or subset

    found, core = infeasible(keys)
    if not found:
        return None
    mus = list(core)
    for key in list(mus):
        if budget.over():
            break
        trial = [k for k in mus if k != key]
        still, smaller = infeasible(trial)
        if still:
            mus = [k for k in smaller if k in trial] or trial
    return tuple(mus)


def explain(problem: Problem, error: DoesNotFit, seconds: float = 20.0) -> Explanation:
    """The arithmetic, the conflict and the checked ways out for an agenda that does not fit,
    within `seconds` in all (the conflict takes at most a third of them)."""
    started = time.monotonic()
    conflicts: tuple[Conflict, ...] = ()
    searched = True
    if not problem.sittings:
        pass  # nothing to solve: the closures take every sitting
    elif topological_order(problem) is None:
        conflicts = tuple(
            Conflict(p.rule, problem.tasks[p.owner].id, f"item {problem.tasks[p.before].id} before item {problem.tasks[p.after].id}")
            for p in find_cycle(problem)
        )
    elif error.facts:
        conflicts = tuple(_conflict(problem, rule, subject) for rule, subject in error.facts)
    elif _building_takes(problem) > seconds / 3:
        searched = False  # building the guarded model alone would take the time: say so instead
    else:
        mus = minimal_conflict(problem, seconds=seconds / 3)
        if mus:
            conflicts = tuple(_conflict(problem, rule, subject) for rule, subject in mus)
    ways_out, complete = _ways_out(problem, conflicts, error, max(0.0, seconds - (time.monotonic() - started)))
    return Explanation(
        summary=str(error.summary),
        arithmetic=arithmetic(problem),
        focus=_focus(problem, conflicts),
        conflicts=conflicts,
        ways_out=tuple(ways_out),
        complete=complete and searched,
        searched=searched,
    )


def _building_takes(problem: Problem) -> float:
    """Seconds the guarded model takes to build, roughly: every item may lie in every meeting
    (measured: 2.3 s for 200 items over 80 meetings)."""
    return 1.5e-4 * len(problem.tasks) * min(problem.granted, len(problem.window))


def _focus(problem: Problem, conflicts: tuple[Conflict, ...]) -> str:
    """When the conflict is one of capacity: what its items need against what is left for them."""
    stretched = [c.subject for c in conflicts if c.rule == "estimates"]
    if not stretched or any(c.rule not in ("estimates", "no-idle-time", "hold-meetings-granted") for c in conflicts):
        return ""
    need = sum(problem.task(i).estimate for i in stretched)
    fixed = sum(t.estimate for t in problem.tasks if t.id not in stretched and not t.substantive)
    meetings = min(problem.granted, len(problem.sittings))
    verb = "needs" if len(stretched) == 1 else "need"
    give = granted_minutes(problem)
    text = f"{item_list(stretched)} {verb} {format_hours(need)}; {meetings} meetings give {format_hours(give)}"
    if fixed:
        text += f", of which {format_hours(fixed)} are taken by fixed items, leaving {format_hours(max(0, give - fixed))}"
    return text


def _conflict(problem: Problem, rule: str, subject: str) -> Conflict:
    if subject == "session":
        texts = {
            "hold-meetings-granted": f"the session holds all {problem.granted} meetings granted",
            "no-idle-time": "no idle time: the session starts with its first meeting and every meeting but the last is full",
        }
        return Conflict(rule, subject, texts.get(rule, RULES[rule].description))
    task = problem.task(subject)
    item = problem.items[task.index]
    if rule == "estimates":
        text = f"item {subject} needs {'at least ' if task.substantive else ''}{format_minutes(task.estimate)}"
    elif rule == "pins":
        assert item.pin is not None
        where = sitting_label(item.pin.date, item.pin.sitting) if item.pin.sitting else day_label(item.pin.date)
        text = f"item {subject} is pinned to {where}" if task.whole else f"item {subject} is to be under way on {where}"
        if item.at is not None:
            text += f", starting at {time_label(item.at)}"
    elif rule == "avoid":
        text = f"item {subject} must avoid {_slots(item.avoid)}"
    elif rule == "not-before":
        text = f"item {subject} may not be taken up before {day_label(item.not_before)}"
    elif rule == "unsplit":
        text = f"item {subject} may not be split"
    elif rule == "min-piece":
        text = f"each part of item {subject} lasts at least {format_minutes(task.min_piece)}"
    elif rule == "agenda-order":
        before = [problem.tasks[p.before].id for p in problem.precedences if p.rule == rule and p.owner == task.index]
        text = f"item {subject} follows {item_list(before)} in agenda order"
    elif rule == "order-exceptions":
        relation = item.order
        parts = [f"after item {relation.after}" if relation.after else "", f"before item {relation.before}" if relation.before else ""]
        text = f"item {subject} is taken up {' and '.join(p for p in parts if p)}"
    elif rule == "position":
        text = f"item {subject} is taken up {item.position}"
    elif rule == "opening-first":
        text = f"opening item {subject} comes first, within the first meeting"
    elif rule == "report-last":
        text = f"the adoption of the report (item {subject}) comes last, in the last meeting"
    elif rule == "in-meeting":
        text = f"item {subject} is taken up in the {task.meeting} meeting"
    elif rule == "closure-last":
        text = f"the closure of the session (item {subject}) comes last, in the last meeting"
    elif rule == "other-matters-before-report":
        text = f"'Other matters' (item {subject}) comes just before the report, in the last meeting"
    else:
        text = f"{RULES[rule].description} (item {subject})"
    return Conflict(rule, subject, text)


_SWITCH_OFF = {
    "hold-meetings-granted": ("hold_meetings_granted", "let the session hold fewer meetings than granted"),
    "no-idle-time": ("no_idle_time", "allow meetings to end early (no_idle_time: false)"),
    "opening-first": ("opening_in_first_meeting", "let the opening items leave the first meeting"),
    "report-last": ("report_in_last_meeting", "let the report leave the last meeting"),
    "other-matters-before-report": ("other_matters_before_report", "let 'Other matters' leave the last meeting"),
    "closure-last": ("closure_last", "let the closure leave the last meeting"),
    "agenda-order": ("agenda_order", "drop agenda order"),
}


def _slots(slots) -> str:
    """'Tuesday, 5 March, afternoon and Wednesday, 6 March'."""
    labels = [sitting_label(s.date, s.sitting) if s.sitting else day_label(s.date) for s in slots]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" and {labels[-1]}"


def _candidates(problem: Problem, conflicts: tuple[Conflict, ...], error: DoesNotFit) -> list[tuple[str, list[edits.Edit]]]:
    """Changes worth trying, simplest first: one fact of the conflict relaxed, then more meetings."""
    out: list[tuple[str, list[edits.Edit]]] = []
    body = problem.body.id
    for conflict in conflicts:
        subject, rule = conflict.subject, conflict.rule
        item = problem.items[problem.task(subject).index] if subject != "session" else None
        if rule == "pins" and item is not None and item.pin is not None:
            where = sitting_label(item.pin.date, item.pin.sitting) if item.pin.sitting else day_label(item.pin.date)
            out.append((f"drop the pin of item {subject} to {where}", [edits.drop_key(subject, "pin", body)]))
        elif rule == "not-before":
            out.append((f"let item {subject} be taken up before {day_label(item.not_before)}", [edits.drop_key(subject, "not_before", body)]))
        elif rule == "avoid" and item is not None:
            out.append((f"let item {subject} be taken up on {_slots(item.avoid)}", [edits.drop_key(subject, "avoid", body)]))
        elif rule == "unsplit":
            out.append((f"allow item {subject} to be split", [edits.set_item(subject, "split", True, body)]))
        elif rule == "min-piece":
            out.append((f"allow parts of item {subject} as short as 10 min", [edits.set_item(subject, "min_piece", 10, body)]))
        elif rule in ("agenda-order", "order-exceptions", "position"):
            label = {"agenda-order": "take item {s} out of agenda order", "order-exceptions": "drop the order rule of item {s}",
                     "position": "drop the {p} position of item {s}"}[rule]
            text = label.format(s=subject, p=item.position if item is not None else "")
            change = edits.set_item(subject, "order", "free", body) if rule != "position" else edits.drop_key(subject, "position", body)
            out.append((text, [change]))
        if rule in _SWITCH_OFF:
            switch, text = _SWITCH_OFF[rule]
            out.append((f"{text} ({switch}: false)" if "(" not in text else text, [edits.set_rule(switch, False, body)]))
    open_sittings = len(problem.sittings)
    if problem.closed and not problem.sittings:
        out.append(("reopen the closed sittings", [edits.reopen()]))
    for extra in range(1, 4):
        if problem.granted + extra <= open_sittings:
            text = "grant one more meeting" if extra == 1 else f"grant {extra} more meetings"
            out.append((text, [edits.grant_meetings(problem.granted + extra, body)]))
    if problem.granted > open_sittings:
        out.append((f"grant {open_sittings} meetings, as many as the open sittings", [edits.grant_meetings(open_sittings, body)]))
        following = max(problem.instance.calendar.session_days()) + dt.timedelta(days=1)
        while following.weekday() >= 5:
            following += dt.timedelta(days=1)
        out.append((f"add {day_label(following)} to the session", [edits.add_day(following)]))
    return out


def _shortening(problem: Problem, conflicts: tuple[Conflict, ...], budget: Budget) -> list[tuple[str, Instance]]:
    """For each item whose estimate is in conflict, the least cut (in 5-minute steps) that fits."""
    out = []
    for conflict in conflicts:
        if conflict.rule != "estimates" or budget.over():
            continue
        task = problem.task(conflict.subject)
        low, high = 0, task.estimate // 5  # number of 5-minute steps to cut
        best = None
        while low <= high and not budget.over():
            middle = (low + high) // 2
            minutes = task.estimate - 5 * middle
            if minutes < 5:
                high = middle - 1
                continue
            candidate = edits.apply(problem.instance, edits.set_estimate(task.id, minutes, problem.body.id))
            if feasible(candidate, budget.left(5.0)):
                best, high = (middle, candidate), middle - 1
            else:
                low = middle + 1
        if best is not None and best[0] > 0:
            out.append((edits.shorten_text(task.id, 5 * best[0]), best[1]))
    return out


def _ways_out(problem: Problem, conflicts: tuple[Conflict, ...], error: DoesNotFit, seconds: float) -> tuple[list[WayOut], bool]:
    """The changes that fit, each checked by solving; and whether every change worth trying was
    tried and decided (False when the time ran out first, so 'nothing helps' cannot be said)."""
    budget = Budget(seconds)
    undecided = False
    found: list[WayOut] = []
    seen: set[str] = set()
    for text, changes in _candidates(problem, conflicts, error):
        if text in seen or len(found) >= 6:
            continue
        if budget.over():
            undecided = True
            break
        seen.add(text)
        try:
            candidate = edits.apply(problem.instance, *changes)
        except ValueError:
            continue
        fits = feasible(candidate, budget.left(5.0))
        undecided = undecided or fits is None
        if fits:
            found.append(WayOut(text, candidate))
            if text.startswith("grant"):
                seen.update(t for t, _ in _candidates(problem, conflicts, error) if t.startswith("grant"))
    for text, candidate in _shortening(problem, conflicts, budget):
        found.append(WayOut(text, candidate))
    if not found:
        found, tried_all = _pairs(problem, conflicts, error, budget)
        undecided = undecided or not tried_all
    return found, not undecided and not budget.over()


def _pairs(problem: Problem, conflicts: tuple[Conflict, ...], error: DoesNotFit, budget: Budget) -> tuple[list[WayOut], bool]:
    """When no single change fits: two changes at once, among those of the conflict and the
    instance's own pins and dates (a conflict between two pins needs both dropped)."""
    singles = _candidates(problem, conflicts, error)
    for task, item in zip(problem.tasks, problem.items):
        if any(text.startswith(f"drop the pin of item {task.id} ") for text, _ in singles):
            continue
        if item.pin is not None:
            singles.append((f"drop the pin of item {task.id}", [edits.drop_key(task.id, "pin", problem.body.id)]))
        if item.not_before is not None:
            singles.append((f"let item {task.id} be taken up before {day_label(item.not_before)}", [edits.drop_key(task.id, "not_before", problem.body.id)]))
    singles = list({text: changes for text, changes in singles}.items())[:10]
    found: list[WayOut] = []
    decided = True
    for n, (first, first_changes) in enumerate(singles):
        for second, second_changes in singles[n + 1 :]:
            if len(found) >= 3:
                return found, decided
            if budget.over():
                return found, False
            try:
                candidate = edits.apply(problem.instance, *first_changes, *second_changes)
            except ValueError:
                continue
            fits = feasible(candidate, budget.left(5.0))
            decided = decided and fits is not None
            if fits:
                found.append(WayOut(f"{first}, and {second}", candidate))
    return found, decided
