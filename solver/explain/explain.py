"""Why an agenda does not fit, and what would make it fit, in the planner's terms.

1. The capacity arithmetic: hours needed, hours the meetings give, hours held by fixed items.
2. A minimal set of conflicting rules and facts: the model is built with one assumption literal
   per rule and subject (`guard`), solved without objective; CP-SAT returns a core of assumptions,
   which deletion then shrinks to a minimal one. Each element is said in words, with its items and days.
3. Ways out, each checked by solving the changed instance. Every single change of these kinds is
   tried before the explanation says that none helps: each fact of the conflict relaxed (a pin,
   avoided sittings, a split, a shorter part), each estimate of the conflict and each event's
   duration cut by the least that fits, each date of an item and each segment's days widened by
   the least that fits (`solver.explain.dates`), each pin dropped, the minimum part lowered,
   each house rule switched off, more meetings, and an item taken out of its order. They are
   offered simplest first, those that keep the conventions before those that change one; a
   change that releases an ordering is checked on the draft it gives, and says what then moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from solver.errors import DoesNotFit, Interrupted, NotFoundInTime
from solver.explain.budget import Budget
from solver.explain.core import smallest_core
from solver.explain.trials import BIG_CUT, CUT, FACT, MEETINGS, ORDER, OWN_PIECE, PIN, PROCEDURAL_ORDER, RULE, Found, Trial, applied
from solver.explain import dates, words
from solver.input import edits
from solver.input.durations import format_minutes
from solver.input.instance import Instance
from solver.labels import day_label, duration_text, item_list, time_label
from solver.model.build import build
from solver.problem.capacity import agenda_index, arithmetic, extended_text, granted_minutes, named
from solver.problem.problem import Problem, Task, interpret
from solver.problem.sequence import find_cycle, topological_order
from solver.rules import RULES

MOST_WAYS_OUT = 6
PROCEDURAL_ROLES = ("opening", "other-matters", "report", "closing", "statement")


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
    tried: str = ""  # the kinds of change tried, for the message that none of them helps
    paired: bool = False  # pairs of those changes were tried too

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
        elif self.complete and self.tried:
            pairs = ", nor any pair of them tried" if self.paired else ""
            out.append(f"  No single change tried makes it fit ({self.tried}){pairs}.")
        elif self.complete:
            out.append("  No change orgwork knows how to try applies here.")
        else:
            out.append("  No way out was found in the time given; a longer --time-limit lets orgwork try more changes.")
        return out


def minimal_conflict(problem: Problem, seconds: float = 10.0, budget: Budget | None = None) -> tuple[tuple[str, str], ...] | None:
    """A set of (rule, subject) that cannot hold together, shrunk until removing any element makes
    the rest feasible (or the time runs out: then a conflict, not always a minimal one); None if the
    guarded model is feasible (the conflict lies in facts no rule switches off)."""
    built = build(problem, explain=True)
    return smallest_core(built.model, built.variables.guards, Budget(seconds, within=budget))


def explain(problem: Problem, error: DoesNotFit, seconds: float = 20.0) -> Explanation:
    """The arithmetic, the conflict and the checked ways out for an agenda that does not fit,
    within `seconds` in all, one budget shared by every solve (the conflict takes at most a
    third of it, the ways out what is left)."""
    budget = Budget(seconds)
    budget.reserve = 0.75 * building_takes(problem)  # until solves are timed (0.75: measured, plain model)
    conflicts: tuple[Conflict, ...] = ()
    searched = True
    if not problem.sittings:
        pass  # nothing to solve: the closures take every sitting
    elif topological_order(problem) is None:
        conflicts = tuple(
            Conflict(p.rule, problem.tasks[p.owner].id, dates.order_text(problem, problem.tasks[p.owner]) if p.rule == "segments" else
                     f"{words.name(problem, problem.tasks[p.before])} before {words.name(problem, problem.tasks[p.after])}")
            for p in find_cycle(problem)
        )
    elif error.facts:
        conflicts = _sorted(problem, [describe(problem, rule, subject) for rule, subject in error.facts])
    elif building_takes(problem) > seconds / 3:
        searched = False  # building the guarded model alone would take the time: say so instead
    else:
        mus = minimal_conflict(problem, seconds=seconds / 3, budget=budget)
        if mus:
            conflicts = _sorted(problem, [describe(problem, rule, subject) for rule, subject in mus])
    ways_out, complete, tried = _ways_out(problem, conflicts, budget)
    return Explanation(
        summary=str(error.summary),
        arithmetic=arithmetic(problem),
        focus=_focus(problem, conflicts),
        conflicts=conflicts,
        ways_out=tuple(ways_out),
        complete=complete and searched,
        searched=searched,
        tried=tried.text,
        paired=tried.paired,
    )


def building_takes(problem: Problem) -> float:
    """Seconds the guarded model takes to build, roughly: every item may lie in every meeting
    (measured: 2.3 s for 200 items over 80 meetings)."""
    return 1.5e-4 * len(problem.tasks) * min(problem.granted, len(problem.window))


def _sorted(problem: Problem, conflicts: list[Conflict]) -> tuple[Conflict, ...]:
    """In the rule catalogue's order, and within a rule in agenda order (item 3 before item 10)."""
    rules = list(RULES)
    index = agenda_index(problem)
    return tuple(sorted(conflicts, key=lambda c: (rules.index(c.rule) if c.rule in rules else len(rules), index.get(c.subject, -1))))


def _focus(problem: Problem, conflicts: tuple[Conflict, ...]) -> str:
    """When the conflict is one of capacity: what its items need against what the meetings leave
    them once the other items (those whose time is fixed) and the events are held. Said only
    when it is the conflict: the items need more than is left."""
    stretched = [c.subject for c in conflicts if c.rule == "estimates"]
    if not stretched or any(c.rule not in ("estimates", "no-idle-time", "hold-meetings-granted") for c in conflicts):
        return ""
    need = sum(problem.task(i).estimate for i in stretched)
    others = [t for t in problem.tasks if t.id not in stretched]
    fixed_items = [t for t in others if not t.substantive and t.role != "event"]
    events = [t for t in others if t.role == "event"]
    fixed = sum(t.estimate for t in fixed_items + events)
    normal = granted_minutes(problem)
    give = granted_minutes(problem, extended=True)  # the extensions count where the normal hours fall short
    left = give - fixed
    if need <= left:
        return ""
    meetings = min(problem.granted, len(problem.sittings))
    verb = "needs" if len(stretched) == 1 else "need"
    meetings_text = "the one meeting gives" if meetings == 1 else f"the {meetings} meetings give"
    text = f"{named(problem, [problem.task(i) for i in stretched])} {verb} {duration_text(need)}; {meetings_text} {duration_text(normal)}{extended_text(problem, normal)}"
    if fixed:
        takers = []
        if fixed_items:
            loose = any(t.substantive for t in others)  # other substantive items also take time: name the fixed ones
            takers.append(("the other procedural items" if any(not problem.task(i).substantive for i in stretched) else "the procedural items") if loose else "the other items")
        if events:
            takers.append("the event" if len(events) == 1 else "the events")
        verb = "takes" if len(takers) == 1 and takers[0] == "the event" else "take"
        text += f", of which {' and '.join(takers)} {verb} {duration_text(fixed)}, leaving {duration_text(max(0, left))}"
        text += " with the sittings extended" if give > normal else ""
    return text


def describe(problem: Problem, rule: str, subject: str) -> Conflict:
    """One element of a conflict, in the planner's words, with its items and days."""
    if subject == "session":
        texts = {
            "hold-meetings-granted": f"the session holds all {problem.granted} meetings granted",
            "no-idle-time": "the session starts with its first meeting and every meeting but the last is full",
        }
        return Conflict(rule, subject, texts.get(rule, RULES[rule].description))
    task = problem.task(subject)
    item = problem.items[task.index]
    index = agenda_index(problem)
    name = words.name(problem, task)
    if rule == "estimates":
        if task.role == "event":
            text = f"{name} lasts {format_minutes(task.estimate)}"
        else:
            text = f"{name} needs {'at least ' if task.substantive else ''}{format_minutes(task.estimate)}"
    elif rule == "pins":
        assert item.pin is not None
        where = words.where(item.pin)
        if task.role == "event":
            text = f"{name} is held on {where}"
        else:
            text = f"{name} is pinned to {where}" if task.whole else f"{name} is to be under way on {where}"
        if item.at is not None:
            text += f", {'at' if task.role == 'event' else 'starting at'} {time_label(item.at)}"
    elif rule == "avoid":
        text = f"{name} must avoid {words.slots(item.avoid)}"
    elif rule in dates.DATE_RULES:
        rule, text = dates.conflict_text(problem, rule, task)
    elif rule == "segments":
        text = dates.order_text(problem, task)
    elif rule == "unsplit":
        text = f"{name} may not be split"
    elif rule == "min-piece":
        text = f"each part of {name} lasts at least {format_minutes(task.min_piece)}"
    elif rule == "agenda-order":
        before = [problem.tasks[p.before].id for p in problem.precedences if p.rule == rule and p.owner == task.index]
        text = f"{name} follows {item_list(before, index)} in agenda order"
    elif rule == "order-exceptions":
        relation = item.order
        parts = [f"after item {relation.after}" if relation.after else "", f"before item {relation.before}" if relation.before else ""]
        text = f"{name} is {'held' if task.role == 'event' else 'taken up'} {' and '.join(p for p in parts if p)}"
    elif rule == "position":
        text = f"{name} is taken up {item.position}"
    elif rule == "opening-first":
        text = f"opening item {subject} comes first, within the first meeting"
    elif rule == "report-last":
        text = f"the adoption of the report (item {subject}) comes last, in the last meeting"
    elif rule == "in-meeting":
        text = f"{name} is taken up in the {task.meeting} meeting"
    elif rule == "closure-last":
        text = f"the closure of the session (item {subject}) comes last, in the last meeting"
    elif rule == "other-matters-before-report":
        text = f"'Other matters' (item {subject}) comes just before the report, in the last meeting"
    else:
        text = f"{RULES[rule].description} ({name})"
    return Conflict(rule, subject, text)


# -- ways out ------------------------------------------------------------------------------------

# each house rule a file may switch off: its rule key, what switching it off is called, and what
# that then lets happen (said with the way out, so that no convention is broken silently)
SWITCHES = {
    "hold_meetings_granted": (
        "hold-meetings-granted",
        "let the session hold fewer meetings than granted",
        "the meetings granted are then a ceiling, and the session may end before it has used them all",
    ),
    "no_idle_time": (
        "no-idle-time",
        "allow meetings to end early",
        "a meeting may then end before its sitting does, with time left unused",
    ),
    "opening_in_first_meeting": (
        "opening-first",
        "let the opening items leave the first meeting",
        "they may then be taken up after other items, or in a later meeting",
    ),
    "report_in_last_meeting": (
        "report-last",
        "let the report leave the last meeting",
        "the report may then be taken up before the last meeting",
    ),
    "other_matters_before_report": (
        "other-matters-before-report",
        "let 'Other matters' leave the report's side",
        "'Other matters' may then be taken up apart from the report, in another meeting",
    ),
    "closure_last": (
        "closure-last",
        "let the closure leave the last meeting",
        "the closure of the session may then be taken up before the last meeting",
    ),
    "agenda_order": ("agenda-order", "drop agenda order", "items may then be taken up in any order"),
}

# the roles a switch governs: with no item of that role the switch changes nothing
_SWITCH_ROLES = {
    "opening_in_first_meeting": ("opening",),
    "report_in_last_meeting": ("report",),
    "other_matters_before_report": ("other-matters",),
    "closure_last": ("closing",),
}

def _ways_out(problem: Problem, conflicts: tuple[Conflict, ...], budget: Budget) -> tuple[list[WayOut], bool, Tried]:
    """The changes that fit, each checked by solving, simplest first and at most six; whether
    every change worth trying was tried and decided (False when the time ran out first, so that
    'nothing helps' is never said without trying it all); and what was tried."""
    trials = sorted(_trials(problem, conflicts), key=lambda t: (t.tier, not t.named))
    found: list[Found] = []
    decided = True
    fitted_groups: set[str] = set()
    ran: set[str] = set()
    for trial in trials:
        clean = [f for f in found if not f.moves]
        if len(clean) >= MOST_WAYS_OUT and max(f.tier for f in sorted(clean, key=_rank)[:MOST_WAYS_OUT]) <= trial.tier:
            break  # six ways out at least as simple as anything left: the rest cannot be offered
        if trial.group and trial.group in fitted_groups:
            continue
        if trial.tier == PROCEDURAL_ORDER and any(f.kind in ("fact", "pin", "estimate", "min-piece", "rule") for f in found):
            continue  # a procedural item keeps its place when a switch, a pin or an estimate would do
        if budget.over():
            decided = False
            break
        fits, settled = trial.run(budget)
        ran.add(trial.kind)
        decided = decided and settled
        if fits and trial.group:
            fitted_groups.add(trial.group)
        found += fits
    if any(f.kind in ("fact", "pin", "estimate", "min-piece", "rule") for f in found):
        found = [f for f in found if f.tier != PROCEDURAL_ORDER]
    offered = [WayOut(f.text, f.instance) for f in sorted(found, key=_rank)[:MOST_WAYS_OUT]]
    paired = False
    if not offered and not budget.over():
        offered, settled = _pairs(problem, trials, budget)
        decided, paired = decided and settled, True
    phrases = dict(TRIED, estimate="shorter items or events" if any(t.role == "event" for t in problem.tasks) else "shorter items")
    tried = Tried(", ".join(phrase for kind, phrase in phrases.items() if kind in ran), paired)
    return offered, decided and (bool(offered) or not budget.over()), tried


@dataclass(frozen=True)
class Tried:
    text: str  # the kinds of change tried, as the message that none helps lists them
    paired: bool  # and every pair of the plain ones


# the kinds of change, as the message that none of them helps lists them
TRIED = {
    "meetings": "more meetings",
    "estimate": "shorter items",
    "min-piece": "shorter parts",
    "pin": "dropped pins",
    "fact": "the conflict's dates, segments' days, avoided sittings and splits relaxed",
    "rule": "each house rule switched off",
    "order": "items taken out of order",
}


def _rank(found: Found) -> tuple[int, bool]:
    return found.tier, found.moves


def _trials(problem: Problem, conflicts: tuple[Conflict, ...]) -> list[Trial]:
    """Every single change worth trying, with its simplicity."""
    out: list[Trial] = []
    body = problem.body.id
    named_facts = {(c.rule, c.subject) for c in conflicts}

    def plain(
        text: str, changes: list[edits.Edit], tier: int, kind: str, named: bool = False, group: str = "", ordering: str = "", note: str = ""
    ) -> None:
        """A change tried as it is; `note` says what it lets happen, and with `ordering` (the item
        whose order it releases, '*' for all, '-rule' for a switch) its draft is checked for what moves."""

        def run(budget: Budget) -> tuple[list[Found], bool]:
            candidate = applied(problem.instance, changes)
            if candidate is None:
                return [], True
            fits = budget.fits(candidate)
            if not fits:
                return [], fits is not None
            moved = _what_moves(problem, candidate, budget, ordering) if ordering else ""
            said = f"{text}: {'; '.join(n for n in (note, moved) if n)}" if note or moved else text
            return [Found(said, candidate, tier, kind, bool(moved))], True

        out.append(Trial(tier, kind, run, named, group, text, tuple(changes), note))

    # facts of the conflict, relaxed
    for conflict in conflicts:
        rule, subject = conflict.rule, conflict.subject
        if subject == "session":
            continue
        task = problem.task(subject)
        item = problem.items[task.index]
        if rule == "pins" and item.pin is not None:
            plain(f"drop the pin of {words.name(problem, task)} to {words.where(item.pin)}", _unpin(task, body), FACT, "pin", True)
        elif rule == "avoid" and item.avoid:
            plain(f"let {words.name(problem, task)} be taken up on {words.slots(item.avoid)}", [edits.drop_key(subject, "avoid", body)], FACT, "fact", True)
        elif rule == "unsplit" and task.role != "event":
            plain(f"allow item {subject} to be split", [edits.set_item(subject, "split", True, body)], FACT, "fact", True)
        elif rule == "min-piece":
            out.append(_piece_search(problem, task, FACT, named=True))
        elif rule in ("agenda-order", "order-exceptions", "position", "in-meeting") and task.role != "event":
            tier = PROCEDURAL_ORDER if task.role in PROCEDURAL_ROLES else ORDER
            if rule == "agenda-order":
                plain(f"take item {subject} out of agenda order", [edits.set_item(subject, "order", "free", body)], tier, "order", True, ordering=subject)
            elif rule == "order-exceptions":
                plain(f"drop the order rule of item {subject}", [edits.set_item(subject, "order", "agenda", body)], tier, "order", True, ordering=subject)
            elif rule == "position":
                plain(f"drop the {item.position} position of item {subject}", [edits.drop_key(subject, "position", body)], tier, "order", True, ordering=subject)
            else:
                plain(f"let item {subject} leave the {task.meeting} meeting", [edits.drop_key(subject, "meeting", body)], tier, "order", True, ordering=subject)

    # the dates of the conflict and its segments' days, widened by the least that fits
    out += dates.trials(problem, conflicts)

    # estimates of the conflict and every event's duration, cut by the least that fits
    cut = [problem.task(c.subject) for c in conflicts if c.rule == "estimates" and c.subject != "session"]
    cut += [t for t in problem.tasks if t.role == "event" and t not in cut]
    for task in cut:
        out.append(Trial(CUT, "estimate", _cut_search(problem, task), ("estimates", task.id) in named_facts))

    # every pin dropped
    for task, item in zip(problem.tasks, problem.items):
        if item.pin is not None and ("pins", task.id) not in named_facts:
            plain(f"drop the pin of {words.name(problem, task)} to {words.where(item.pin)}", _unpin(task, body), PIN, "pin")

    # the minimum part lowered for every split item, and each house rule switched off
    splits = [t for t in problem.tasks if t.split and t.role != "event"]
    if any(problem.items[t.index].min_piece is None for t in splits):
        out.append(_piece_search(problem, None, RULE, named=any(c.rule == "min-piece" for c in conflicts)))
    rules = problem.rules
    named_rules = {c.rule for c in conflicts}
    for switch, (rule, label, lets) in SWITCHES.items():
        if not getattr(rules, switch):
            continue
        roles = _SWITCH_ROLES.get(switch)
        if roles and not any(t.role in roles for t in problem.tasks):
            continue  # nothing for it to switch
        plain(f"{label} ({switch}: false)", [edits.set_rule(switch, False, body)], RULE, "rule", rule in named_rules,
              ordering="*" if switch == "agenda_order" else f"-{rule}", note=lets)

    # more meetings, days, sittings
    open_sittings = len(problem.sittings)
    if problem.closed:
        plain("reopen the closed sittings" if len(problem.closed) > 1 else "reopen the closed sitting", [edits.reopen()], MEETINGS, "meetings")
    for extra in range(1, 4):
        if problem.granted + extra <= open_sittings:
            text = "grant one more meeting" if extra == 1 else f"grant {extra} more meetings"
            plain(text, [edits.grant_meetings(problem.granted + extra, body)], MEETINGS, "meetings", group="grant")
    if problem.granted > open_sittings:
        plain(f"grant {open_sittings} meetings, as many as the open sittings", [edits.grant_meetings(open_sittings, body)], MEETINGS, "meetings")
        following = max(problem.instance.calendar.session_days()) + dt.timedelta(days=1)
        while following.weekday() >= 5:
            following += dt.timedelta(days=1)
        plain(f"add {day_label(following)} to the session", [edits.add_day(following)], MEETINGS, "meetings")

    # a shorter part for the items whose own minimum part the house rule does not reach
    for task in splits:
        if problem.items[task.index].min_piece is not None and ("min-piece", task.id) not in named_facts:
            out.append(_piece_search(problem, task, OWN_PIECE))
    return out


def _unpin(task: Task, body: str) -> list[edits.Edit]:
    """Drop a pin, and the start time that needs it."""
    return [edits.drop_key(task.id, "pin", body), edits.drop_key(task.id, "at", body)]


def halvings(minutes: int) -> list[int]:
    """The minimum parts tried below `minutes`: halved, and halved again, in whole 5-minute steps,
    down to 5 min (30 min: 15 min, 5 min)."""
    out = []
    while minutes > 5:
        minutes = max(5, minutes // 2 // 5 * 5)
        out.append(minutes)
    return out


def _piece_search(problem: Problem, task: Task | None, tier: int, named: bool = False) -> Trial:
    """The longest minimum part below the present one that fits: the halvings first, then
    5-minute steps between the first halving that fits and the one before. For one item, or
    (`task` None) for every split item, as the house rule."""
    body = problem.body.id
    current = task.min_piece if task is not None else problem.rules.min_piece.minutes(problem.meeting_minutes)

    def change(minutes: int) -> tuple[str, list[edits.Edit]]:
        if task is not None:
            return f"allow parts of item {task.id} as short as {format_minutes(minutes)}", [edits.set_item(task.id, "min_piece", f"{minutes} min", body)]
        return (
            f"lower the minimum part of split items to {format_minutes(minutes)} (min_piece: {format_minutes(minutes)})",
            [edits.set_rule("min_piece", f"{minutes} min", body)],
        )

    def run(budget: Budget) -> tuple[list[Found], bool]:
        cache: dict[int, tuple[Instance | None, bool | None]] = {}

        def fits(minutes: int) -> bool | None:
            if minutes not in cache:
                candidate = applied(problem.instance, change(minutes)[1])
                cache[minutes] = (candidate, False if candidate is None else budget.fits(candidate))
            return cache[minutes][1]

        decided, above, best = True, current, None
        for minutes in halvings(current):
            if budget.over():
                return [], False
            verdict = fits(minutes)
            decided = decided and verdict is not None
            if verdict:
                best = minutes
                break
            above = minutes
        if best is None:
            return [], decided
        steps = [m for m in range(best + 5, above, 5)]  # longer parts still, between the two halvings
        low, high = 0, len(steps) - 1
        while low <= high and not budget.over():
            middle = (low + high) // 2
            if fits(steps[middle]):
                best, low = steps[middle], middle + 1
            else:
                high = middle - 1
        text, _ = change(best)
        candidate = cache[best][0]
        assert candidate is not None
        return [Found(text, candidate, tier, "min-piece")], decided

    return Trial(tier, "min-piece", run, named)


def _cut_search(problem: Problem, task: Task) -> Callable[[Budget], tuple[list[Found], bool]]:
    """The least cut of an item's estimate or an event's duration that fits, in 5-minute steps
    (a binary search); a cut of more than half is offered after the simpler ways out."""

    def run(budget: Budget) -> tuple[list[Found], bool]:
        low, high = 1, (task.estimate - 5) // 5  # number of 5-minute steps to cut; at least 5 min stay
        best = None
        decided = True
        least = -(-_least_cut(problem, task) // 5)  # the arithmetic's own bound: tried first, as
        if 1 <= least <= high:  # the search may step over it when filling meetings is what fails
            candidate = applied(problem.instance, [edits.set_estimate(task.id, task.estimate - 5 * least, problem.body.id)])
            verdict = False if candidate is None else budget.fits(candidate)
            decided = verdict is not None
            if verdict:
                best, high = (least, candidate), 0
            else:
                low = least + 1
        while low <= high:
            if budget.over():
                return [], False
            middle = (low + high) // 2
            candidate = applied(problem.instance, [edits.set_estimate(task.id, task.estimate - 5 * middle, problem.body.id)])
            verdict = False if candidate is None else budget.fits(candidate)
            decided = decided and verdict is not None
            if verdict:
                best, high = (middle, candidate), middle - 1
            else:
                low = middle + 1
        if best is None:
            return [], decided
        minutes = 5 * best[0]
        text = edits.shorten_text(task.id, minutes) if task.role not in ("event", "segment") else f"shorten {words.name(problem, task)} by {format_minutes(minutes)}"
        tier = BIG_CUT if 2 * minutes > task.estimate else CUT
        return [Found(text, best[1], tier, "estimate")], decided

    return run


def _least_cut(problem: Problem, task: Task) -> int:
    """No cut of `task` smaller than this can fit, by the arithmetic: what the agenda needs beyond
    what the meetings give, and for an item that may not be split (an event) what it needs
    beyond its longest possible sitting."""
    need = sum(t.estimate for t in problem.tasks)
    least = need - granted_minutes(problem)
    if not task.split:
        sittings = [s for s in problem.window if task.allowed is None or s in task.allowed] or list(problem.window)
        if sittings:
            least = max(least, task.estimate - max(problem.sittings[s].minutes for s in sittings))
    return max(0, least)


_ROLE_NAMES = {"opening": "an opening item", "other-matters": "'Other matters'", "report": "the report", "closing": "the closure", "statement": "a statement"}


def _what_moves(problem: Problem, candidate: Instance, budget: Budget, released: str) -> str:
    """What the change lets move, seen on the draft it gives: the orderings the file asked for
    that the changed file no longer asks for and that its draft breaks ('the draft then takes it
    up before item 11 (the report)'). `released` is the item whose order changes, '*' for every
    item, or '-rule' for a house rule switched off (whose own orderings its text already names)."""
    try:
        changed = interpret(candidate, body=problem.body.id)
    except ValueError:
        return ""
    kept = {(changed.tasks[p.before].id, changed.tasks[p.after].id) for p in changed.precedences}
    skip = released[1:] if released.startswith("-") else ""
    dropped = [p for p in problem.precedences if (problem.tasks[p.before].id, problem.tasks[p.after].id) not in kept and p.rule != skip]
    if not dropped:
        return ""
    draft = _draft(changed, budget)
    if draft is None:
        if released.startswith("-") or released == "*":
            return ""
        p = dropped[0]
        return f"{_called(problem, problem.tasks[p.after])} may then be taken up before {_called(problem, problem.tasks[p.before])}"
    first: dict[str, tuple[int, dt.time]] = {}
    last: dict[str, tuple[int, dt.time]] = {}
    for meeting in draft.meetings:
        for piece in meeting.pieces:
            first.setdefault(piece.item, (meeting.number, piece.start))
            last[piece.item] = (meeting.number, piece.end)
    broken = []
    for p in dropped:
        before, after = problem.tasks[p.before], problem.tasks[p.after]
        if before.id in last and after.id in first and last[before.id] > first[after.id] and (after, before) not in broken:
            broken.append((after, before))
    if not broken:
        return ""
    said = [f"{_called(problem, a)} before {_called(problem, b)}" for a, b in broken[:2]]
    more = f" ({len(broken) - 2} more items then move out of their order)" if len(broken) > 2 else ""
    return f"the draft then takes up {', and '.join(said)}{more}"


def _called(problem: Problem, task: Task) -> str:
    """'item 11 (the report)' for an item with a procedural role, else 'item 11'."""
    role = _ROLE_NAMES.get(task.role)
    return f"{words.name(problem, task)} ({role})" if role else words.name(problem, task)


def _draft(problem: Problem, budget: Budget):
    """The draft orgwork would give for a changed problem, or None if none comes in time."""
    from solver.solving.solve import SolveSettings, solve

    if budget.over():
        return None
    try:
        return solve(problem, SolveSettings(time_limit=budget.left(3.0)))
    except (DoesNotFit, NotFoundInTime, Interrupted):
        return None


def _pairs(problem: Problem, trials: list[Trial], budget: Budget) -> tuple[list[WayOut], bool]:
    """When no single change fits: two changes at once, among the plain changes tried (a
    conflict between two pins needs both dropped) and the dates items wait for."""
    singles = [(t.text, (t.changes, t.note)) for t in trials if t.changes and t.tier != PROCEDURAL_ORDER]
    singles += [(text, (changes, "")) for text, changes in dates.releases(problem)]
    singles = list({text: change for text, change in singles}.items())[:10]
    found: list[WayOut] = []
    decided = True
    for n, (first, (first_changes, first_note)) in enumerate(singles):
        for second, (second_changes, second_note) in singles[n + 1 :]:
            if len(found) >= 3:
                return found, decided
            if budget.over():
                return found, False
            candidate = applied(problem.instance, [*first_changes, *second_changes])
            if candidate is None:
                continue
            fits = budget.fits(candidate)
            decided = decided and fits is not None
            if fits:
                notes = "; ".join(note for note in (first_note, second_note) if note)
                found.append(WayOut(f"{first}, and {second}" + (f": {notes}" if notes else ""), candidate))
    return found, decided
