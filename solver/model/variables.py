"""Every decision variable of the model, created in one place, with accessors for the rules.

The formulation works on the *meeting axis*: the body's meetings laid end to end, meeting k
covering minutes [W(k), W(k+1)) of the axis. Each item is one interval [start, end) on that axis,
so an item that runs over simply crosses the boundary W(k) into the next meeting and can never
skip one. Which open sitting holds meeting k is a second layer (`sitting_of`); it is fixed when
every open sitting is used. Order literals `starts_by(i, k)` (start >= W(k)) and
`reaches(i, k)` (end > W(k)) tell which meetings an item touches; they are only created inside the
window that the agenda order leaves each item, everything else is a Python constant.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model.logic import Lit, both, equals
from solver.model.meetings import Meetings
from solver.problem.problem import Problem

Expr = cp_model.LinearExprT
# (item, meeting k) pairs the boundary network rules out: runs through W(k), starts exactly at W(k)
Impossible = tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]


@dataclass(frozen=True)
class Windows:
    """Earliest start and latest end of each item on the axis, from estimates and orderings."""

    earliest_start: tuple[int, ...]
    latest_end: tuple[int, ...]


class Variables:
    """Decision variables and the literals derived from them; rules read, never create, state."""

    def __init__(
        self, model: cp_model.CpModel, problem: Problem, windows: Windows, meetings: Meetings, explain: bool = False,
        chain: tuple[int, ...] = (), never: Impossible = (frozenset(), frozenset()),
    ) -> None:
        self.model = model
        self.problem = problem
        self.meetings = meetings
        self.explain = explain
        self.guards: dict[tuple[str, str], cp_model.IntVar] = {}
        self.n_meetings = meetings.n_meetings
        self.hold_all = meetings.hold_all
        self.max_cap = meetings.max_cap
        self.active = meetings.active
        self.horizon = meetings.horizon
        self.prefix = meetings.prefix
        self._never_crosses, self._never_starts_at = never
        self.session_end = model.new_int_var(1, max(1, self.horizon), f"{self.prefix}session_end")
        self.start: list[cp_model.IntVar] = []
        self.end: list[cp_model.IntVar] = []
        self.duration: list[cp_model.LinearExprT] = []
        self.span: list[cp_model.IntervalVar] = []  # empty when the items form one chain
        shared = self._chain_boundaries(chain, windows)
        for task in problem.tasks:
            lo = windows.earliest_start[task.index]
            hi = windows.latest_end[task.index]
            name = f"{self.prefix}{task.id}"
            if task.carved:
                # an event held in one sitting is a point on the axis: where the items stop for it
                point = model.new_int_var(lo, max(lo, hi), f"at[{name}]")
                self.start.append(point)
                self.end.append(point)
                self.duration.append(0)
                continue
            shortest = 1 if explain else task.estimate
            start = shared.get(("start", task.index))
            if start is None:
                start = model.new_int_var_from_domain(self._domain(task.index, lo, max(lo, hi - shortest)), f"start[{name}]")
            end = shared.get(("end", task.index))
            if end is None:
                end = model.new_int_var(min(hi, lo + shortest), max(hi, lo + shortest), f"end[{name}]")
            self.start.append(start)
            self.end.append(end)
            if chain:
                # items follow each other by construction: no interval is needed, only the length
                self.duration.append(end - start)
                continue
            longest = hi - lo if task.substantive or explain else task.estimate
            duration = model.new_int_var(shortest, max(shortest, longest), f"duration[{name}]")
            self.duration.append(duration)
            self.span.append(model.new_interval_var(start, duration, end, f"span[{name}]"))
        self._starts_by: dict[tuple[int, int], Lit] = {}
        self._reaches: dict[tuple[int, int], Lit] = {}
        self._derived: dict[tuple, Lit] = {}
        for task in problem.tasks:
            self._order_literals(task.index)

    def _chain_boundaries(self, chain: tuple[int, ...], windows: Windows) -> dict[tuple[str, int], cp_model.IntVar]:
        """With one order and no idle time, an item ends where the next one starts: one variable
        for both, so the model states it once instead of equating two. Where the windows leave
        no common value, the two stay apart and their equality makes the model infeasible."""
        shared: dict[tuple[str, int], cp_model.IntVar] = {}
        tasks = self.problem.tasks
        for before, after in zip(chain, chain[1:]):
            lo = max(windows.earliest_start[after], windows.earliest_start[before] + tasks[before].estimate)
            hi = min(windows.latest_end[after] - tasks[after].estimate, windows.latest_end[before])
            if lo > hi:
                continue
            var = self.model.new_int_var_from_domain(self._domain(after, lo, hi), f"{self.prefix}boundary[{tasks[before].id}|{tasks[after].id}]")
            shared["end", before] = shared["start", after] = var
        return shared

    def _domain(self, i: int, lo: int, hi: int) -> cp_model.Domain:
        """[lo, hi] without the beginnings of meetings where, on every path through the boundary
        network, item i does not start exactly."""
        holes = sorted(
            axis for k in range(1, self.n_meetings)
            if (i, k) in self._never_starts_at and isinstance(axis := self.axis(k), int) and lo < axis <= hi
        )
        if not holes:
            return cp_model.Domain(lo, hi)
        return cp_model.Domain(lo, hi).intersection_with(cp_model.Domain.from_values(holes).complement())

    # -- the calendar layer, as the body's Meetings define it ----------------------------------

    def sitting_of(self, k: int) -> Expr:
        return self.meetings.sitting_of(k)

    def sitting_fixed(self) -> bool:
        return self.meetings.sitting_fixed()

    def possible_sittings(self, k: int) -> range:
        return self.meetings.possible_sittings(k)

    def axis(self, k: int) -> Expr:
        """Where meeting k begins on the axis (k = n_meetings: where the last one ends)."""
        return self.meetings.axis(k)

    def cap(self, k: int) -> Expr:
        return self.meetings.cap(k)

    def axis_min(self, k: int) -> int:
        return self.meetings.axis_min(k)

    def axis_max(self, k: int) -> int:
        return self.meetings.axis_max(k)

    # -- the item layer -------------------------------------------------------------------------

    def _order_literals(self, i: int) -> None:
        """Create start >= W(k) and end > W(k) literals where the item's window leaves them open."""
        start, end = self.start[i], self.end[i]
        s_lo, s_hi = _bounds(start)
        e_lo, e_hi = _bounds(end)
        model = self.model
        previous_sb: Lit = True
        previous_rb: Lit = True
        for k in range(1, self.n_meetings):
            w_lo, w_hi = self.axis_min(k), self.axis_max(k)
            if s_lo >= w_hi:
                sb: Lit = True
            elif s_hi < w_lo:
                sb = False
            else:
                sb = model.new_bool_var(f"starts_by[{self.prefix}{self.problem.tasks[i].id},{k}]")
                model.add(start >= self.axis(k)).only_enforce_if(sb)
                model.add(start <= self.axis(k) - 1).only_enforce_if(~sb)
                if not isinstance(previous_sb, bool):
                    model.add_implication(sb, previous_sb)
            if (i, k) in self._never_crosses and not isinstance(sb, bool):
                # on no path does the item run through W(k): it reaches past W(k) iff it starts by it
                rb: Lit = sb
                self.add_if(end <= self.axis(k), ~sb)
            elif (i, k) in self._never_crosses and sb is False:
                rb = False
                self.add_if(end <= self.axis(k))
            elif e_lo > w_hi:
                rb = True
            elif e_hi <= w_lo:
                rb = False
            else:
                rb = model.new_bool_var(f"reaches[{self.prefix}{self.problem.tasks[i].id},{k}]")
                model.add(end >= self.axis(k) + 1).only_enforce_if(rb)
                model.add(end <= self.axis(k)).only_enforce_if(~rb)
                if not isinstance(sb, bool) and not self.problem.tasks[i].carved:
                    model.add_implication(sb, rb)  # an item has a length; an event's point does not
            if not isinstance(rb, bool) and not isinstance(previous_rb, bool):
                model.add_implication(rb, previous_rb)
            self._starts_by[i, k] = sb
            self._reaches[i, k] = rb
            previous_sb, previous_rb = sb, rb


    def starts_by(self, i: int, k: int) -> Lit:
        """Item i starts at or after the beginning of meeting k."""
        if k <= 0:
            return True
        if k >= self.n_meetings:
            return False
        return self._starts_by[i, k]

    def reaches(self, i: int, k: int) -> Lit:
        """Item i is still running after the beginning of meeting k."""
        if k <= 0:
            return True
        if k >= self.n_meetings:
            return False
        return self._reaches[i, k]

    def _difference(self, tag: str, i: int, k: int, big: Lit, small: Lit) -> Lit:
        """The literal big AND NOT small, where small implies big."""
        if small is True or big is False or big is small:
            return False
        if small is False:
            return big
        if big is True:
            return ~small
        key = (tag, i, k)
        if key not in self._derived:
            literal = self.model.new_bool_var(f"{tag}[{self.problem.tasks[i].id},{k}]")
            self.model.add(literal == big - small)
            self._derived[key] = literal
        return self._derived[key]

    def crosses(self, i: int, k: int) -> Lit:
        """Item i runs over from meeting k-1 into meeting k: one '(continued)'. An event's point
        runs over nothing."""
        if self.problem.tasks[i].carved:
            return False
        return self._difference("crosses", i, k, self.reaches(i, k), self.starts_by(i, k))

    def runs_on(self, i: int, k: int) -> Lit:
        """Item i runs on into meeting k and has time there: one '(continued)'. Running on
        across a meeting its events fill is not one (the item resumes in the meeting after)."""
        return both(self.model, self.crosses(i, k), self.meetings.has_room(k), f"runs_on[{self.problem.tasks[i].id},{k}]")

    def in_meeting(self, i: int, k: int) -> Lit:
        """Item i is taken up (at least partly) in meeting k (an event: see `held_in`)."""
        if self.problem.tasks[i].carved:
            return False
        return self._difference("in", i, k, self.reaches(i, k), self.starts_by(i, k + 1))

    def starts_in(self, i: int, k: int) -> Lit:
        """Item i is taken up for the first time in meeting k."""
        return self._difference("starts_in", i, k, self.starts_by(i, k), self.starts_by(i, k + 1))

    def starts_at(self, i: int, k: int) -> Lit:
        """Item i is taken up exactly at the beginning of meeting k: a value of its start."""
        if self.starts_by(i, k) is False or self.starts_by(i, k + 1) is True:
            return False
        key = ("at", i, k)
        if key not in self._derived:
            axis = self.axis(k)
            if isinstance(axis, int) and not cp_model.Domain.from_flat_intervals(list(self.start[i].proto.domain)).contains(axis):
                self._derived[key] = False
                return False
            literal = self.model.new_bool_var(f"starts_at[{self.problem.tasks[i].id},{k}]")
            self.model.add(self.start[i] == axis).only_enforce_if(literal)
            self.model.add(self.start[i] != axis).only_enforce_if(~literal)
            self._derived[key] = literal
        return self._derived[key]

    def held_in(self, k: int, s: int) -> Lit:
        """Meeting k is held in open sitting s."""
        if s not in self.possible_sittings(k):
            return False
        key = ("held", k, s)
        if key not in self._derived:
            self._derived[key] = equals(self.model, self.sitting_of(k), s, f"{self.prefix}held[{k},{s}]")
        return self._derived[key]

    def in_sitting(self, i: int, s: int) -> Lit:
        """Item i is taken up in the meeting held in open sitting s."""
        key = ("in_sitting", i, s)
        if key in self._derived:
            return self._derived[key]
        options = [both(self.model, self.in_meeting(i, k), self.held_in(k, s)) for k in range(self.n_meetings)]
        options = [o for o in options if o is not False]
        if not options:
            result: Lit = False
        elif any(o is True for o in options):
            result = True
        elif len(options) == 1:
            result = options[0]
        else:
            result = self.model.new_bool_var(f"in_sitting[{self.problem.tasks[i].id},{s}]")
            self.model.add_max_equality(result, options)
        self._derived[key] = result
        return result

    # -- helpers for rules ----------------------------------------------------------------------

    def guard(self, rule: str, subject: str = "session") -> Lit:
        """True when solving; when explaining, a literal that switches this rule off for `subject`."""
        if not self.explain:
            return True
        key = (rule, subject)
        if key not in self.guards:
            self.guards[key] = self.model.new_bool_var(f"guard[{rule}|{subject}]")
        return self.guards[key]

    def add_if(self, constraint: cp_model.BoundedLinearExpression | bool, *literals: Lit) -> None:
        """Add `constraint` when all `literals` hold; constants are folded away."""
        real = []
        for literal in literals:
            if literal is False:
                return
            if literal is not True:
                real.append(literal)
        if isinstance(constraint, bool):
            if not constraint:
                self.forbid(*real)
            return
        if _holds_everywhere(constraint):
            return
        added = self.model.add(constraint)
        if real:
            added.only_enforce_if(real)

    def require_one(self, guard: Lit, options: list[Lit]) -> None:
        """At least one of `options` holds (when `guard` does)."""
        real = [o for o in options if o is not False]
        if any(o is True for o in real) or guard is False:
            return
        if not real:
            self.forbid(guard)
            return
        added = self.model.add_bool_or(real)
        if guard is not True:
            added.only_enforce_if(guard)

    @staticmethod
    def bounds(var: cp_model.IntVar) -> tuple[int, int]:
        """The lowest and highest value a variable's domain allows."""
        return _bounds(var)

    def forbid(self, *literals: Lit) -> None:
        """Not all of `literals` may hold."""
        real = []
        for literal in literals:
            if literal is False:
                return
            if literal is not True:
                real.append(literal)
        if not real:
            self.model.add_bool_or([self.model.new_constant(0)])  # certain, so no schedule
            return
        self.model.add_bool_or([~literal for literal in real])


def _holds_everywhere(constraint: cp_model.BoundedLinearExpression) -> bool:
    """The variables' domains (the windows) already imply the constraint, say `end[a] <= start[b]`
    when every value of the one lies before every value of the other: adding it would only give
    presolve something to remove."""
    low = high = constraint.offset
    for var, coeff in zip(constraint.vars, constraint.coeffs):
        lo, hi = _bounds(var)
        low += min(coeff * lo, coeff * hi)
        high += max(coeff * lo, coeff * hi)
    allowed = constraint.bounds.flattened_intervals()
    return len(allowed) == 2 and allowed[0] <= low and high <= allowed[1]


def _bounds(var: cp_model.IntVar) -> tuple[int, int]:
    domain = list(var.proto.domain)  # the repeated field does not index from the end
    return domain[0], domain[-1]
