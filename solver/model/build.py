"""Data → variables → one function per rule → objective, in that order.

`HARD_RULES` and `SOFT_RULES` read like the policy: each entry is a rule key from `solver.rules`
and the function that adds it to the model. Soft rules return the count their weight multiplies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model import baseline, boundaries, calendar, order, timing
from solver.model.meetings import Meetings
from solver.model.variables import Variables, Windows
from solver.model.windows import chain_windows, compute_windows, open_windows
from solver.problem.problem import Problem
from solver.rules import RULES, soft_rule_applies
from solver.problem.sequence import is_total, topological_order

HARD_RULES: tuple[tuple[str, Callable[[Variables], None]], ...] = (
    ("hold-meetings-granted", calendar.add_meetings_held),
    ("estimates", timing.add_estimates),
    ("unsplit", timing.add_unsplit),
    ("min-piece", timing.add_min_piece),
    ("agenda-order", order.add_agenda_order),
    ("order-exceptions", order.add_order_exceptions),
    ("position", order.add_position),
    ("segments", order.add_segments),
    ("opening-first", order.add_opening_first),
    ("report-last", order.add_report_last),
    ("other-matters-before-report", order.add_other_matters_before_report),
    ("closure-last", order.add_closure_last),
    ("in-meeting", order.add_in_meeting),
    ("pins", calendar.add_pins),
    ("not-before", calendar.add_not_before),
    ("not-after", calendar.add_not_after),
    ("avoid", calendar.add_avoid),
    ("agreed", baseline.add_agreed),
)

SOFT_RULES: tuple[tuple[str, Callable[[Variables], cp_model.LinearExprT]], ...] = (
    ("sitting-hours", calendar.beyond_sitting_ends),
    ("meetings-used", calendar.meetings_used),
    ("free-sittings-at-end", calendar.free_sittings_before_end),
    ("few-continuations", timing.continuations),
    ("substantive-starts-meeting", timing.late_starts),
    ("time-in-proportion", timing.beyond_share),
    ("preferred-sitting", calendar.outside_preferred),
)


@dataclass
class BodyModel:
    """One body's variables and the counts of its soft rules."""

    variables: Variables
    terms: dict[str, cp_model.LinearExprT]  # soft rule key -> count
    # no draft's penalty is lower (the boundary network's cheapest path), and that path's
    # states as a first guess: (proto variable index, value)
    floor: int = 0
    hint: tuple[tuple[int, int], ...] = ()

    def penalty(self) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.weighted_sum(list(self.terms.values()), [RULES[key].weight for key in self.terms])

    def weighted_terms(self) -> tuple[cp_model.LinearExprT, ...]:
        """Each soft rule's weighted count; their sum is `penalty`."""
        return tuple(RULES[key].weight * count for key, count in self.terms.items())

    def extended_minutes(self) -> cp_model.LinearExprT | None:
        """The minutes its meetings run into their sittings' extensions; None when no sitting
        of the body may be extended."""
        return self.terms.get("sitting-hours")


@dataclass
class BuiltModel(BodyModel):
    """One body's model, on a CP-SAT model of its own."""

    model: cp_model.CpModel = None  # type: ignore[assignment] - always given by build()


@dataclass(frozen=True)
class Plan:
    """What is known of one body before any variable exists: the items' order, whether it is
    the only one, the windows, and the boundary network when it applies."""

    sequence: tuple[int, ...]
    total: bool
    chain: tuple[int, ...]
    windows: Windows
    network: boundaries.Network | None


def plan(problem: Problem, meetings: Meetings, explain: bool = False) -> Plan:
    sequence = topological_order(problem)
    if sequence is None:
        raise ValueError("the orderings form a cycle; check for one with solver.problem.sequence.find_cycle first")
    if explain:
        windows = open_windows(problem, meetings.horizon)
    else:
        windows = compute_windows(problem, sequence, meetings)
    # events held in one sitting are points on the axis, outside the items' order
    sequence = tuple(i for i in sequence if not problem.tasks[i].carved)
    total = bool(sequence) and is_total(problem, sequence)
    chain = sequence if total and problem.rules.no_idle_time and not explain else ()
    held = problem.rules.hold_meetings_granted and meetings.n_meetings > 1
    ends_after = meetings.axis_min(meetings.n_meetings - 1) + 1 if held else 1
    if chain:
        windows = chain_windows(problem, chain, windows, ends_after)
    network = None
    if boundaries.applies(problem, meetings, total, explain):
        network = boundaries.plan(problem, sequence, meetings, windows)
        windows = chain_windows(problem, chain, network.windows, ends_after)
    return Plan(sequence, total, chain, windows, network)


def _prices(problem: Problem) -> dict[str, int]:
    """The weights of the soft rules the boundary network prices, as the instance's switches apply them."""
    applying = {key for key, _ in SOFT_RULES if soft_rule_applies(problem.rules, key, problem.extended)}
    names = {"crossing": "few-continuations", "late": "substantive-starts-meeting", "used": "meetings-used"}
    return {arg: RULES[key].weight if key in applying else 0 for arg, key in names.items()}


def relaxed_floor(problem: Problem) -> int:
    """No draft's penalty is lower: the planned network's cheapest path (0 when it does not apply)."""
    planned = plan(problem, Meetings(cp_model.CpModel(), problem))
    return boundaries.planned_floor(problem, planned.network, **_prices(problem)) if planned.network else 0


def build_body(model: cp_model.CpModel, problem: Problem, meetings: Meetings | None = None, explain: bool = False) -> BodyModel:
    """Add one body's items and rules to `model`, on its calendar layer `meetings`."""
    meetings = meetings or Meetings(model, problem)
    planned = plan(problem, meetings, explain)
    network = planned.network
    never = network.impossible() if network is not None else (frozenset(), frozenset())
    v = Variables(model, problem, planned.windows, meetings, explain=explain, chain=planned.chain, never=never)
    timing.add_sequence(v, planned.sequence, planned.total)
    soft = [(key, count) for key, count in SOFT_RULES if soft_rule_applies(problem.rules, key, problem.extended)]
    cheapest = boundaries.add_boundary_network(v, network, **_prices(problem)) if network is not None else None
    for _key, add_rule in HARD_RULES:
        add_rule(v)
    if network is not None:
        timing.add_time_links(v)
    terms = {key: count(v) for key, count in soft}
    if cheapest is None:
        return BodyModel(v, terms)
    return BodyModel(v, terms, cheapest.floor, cheapest.hint)


def build(problem: Problem, explain: bool = False) -> BuiltModel:
    """The CP-SAT model of one body's `problem`. With `explain`, rules are guarded by assumption literals."""
    model = cp_model.CpModel()
    body = build_body(model, problem, explain=explain)
    return BuiltModel(body.variables, body.terms, body.floor, body.hint, model=model)
