"""The calendar layer of one body: which open sitting holds each of its meetings.

Meeting k of a body is held in open sitting `sitting_of(k)`, strictly later for later k, inside
the body's window (its earliest and latest days). A body whose meetings form one unbroken run
has a single decision, the sitting of its first meeting (`run_start`). When the body holds all
its meetings granted and they take every sitting of its window, the layer is fixed. When the
meetings granted are a ceiling ('Hold the meetings granted' off), the body holds any number of
them up to the ceiling, and each meeting held may lie anywhere in the window after the ones
before it: a body that needs fewer meetings may start later or leave sittings free. The meeting
axis (meeting k covering minutes [W(k), W(k+1))) is built on top: constants when all sittings
last the same, else expressions.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.problem.problem import Problem

Lit = cp_model.IntVar | bool
Expr = cp_model.LinearExprT


class Meetings:
    """Where each meeting of one body is held, and where it lies on the body's meeting axis.

    A meeting's length on the axis is its sitting's capacity: the sitting's minutes less the
    events held in it (`Problem.capacity`). When the layer is fixed, a sitting its events fill
    entirely is left off the axis (`dropped`): it is a meeting of the body, but no item can be
    taken up in it, and the items on either side simply meet at its place."""

    def __init__(self, model: cp_model.CpModel, problem: Problem, prefix: str = "") -> None:
        self.model = model
        self.problem = problem
        self.prefix = prefix
        window = problem.window
        self.first = window.start
        self.last = window.stop - 1
        self.hold_all = problem.rules.hold_meetings_granted
        held = min(problem.granted, len(window))
        self.free = len(window) - held  # sittings left over when every meeting granted is held
        fixed = self.free == 0 and self.hold_all
        axis_sittings = [s for s in window if problem.capacity(s) > 0] if fixed else []
        self.dropped: tuple[int, ...] = ()
        if fixed and axis_sittings and len(axis_sittings) < len(window):
            self.dropped = tuple(s for s in window if s not in axis_sittings)
        self._fixed = axis_sittings if self.dropped else list(window) if fixed else None
        self.n_meetings = len(self._fixed) if self._fixed is not None else held
        caps = [problem.capacity(s.index) for s in problem.sittings]
        window_caps = [caps[s] for s in (self._fixed if self._fixed is not None else window)] or [0]
        self.uniform = len(set(window_caps)) == 1
        self.min_cap, self.max_cap = min(window_caps), max(window_caps)
        self.run_start: cp_model.IntVar | int | None = None
        self._derived: dict[tuple, Lit] = {}
        self.active = self._active_meetings()
        self._sitting_of = self._meeting_sittings()
        # a meeting not held may sit past the window (a run's tail): its cap is never used
        self._caps = self._meeting_caps(caps + [self.min_cap] * self.n_meetings)
        # minutes each meeting runs into its sitting's extension: a decision where one may be extended
        self._extension_max = [0] * self.n_meetings
        self._extensions: list[Expr] = self._meeting_extensions() if problem.extended else [0] * self.n_meetings
        self._axis: list[Expr] = [0]
        for cap, extension in zip(self._caps, self._extensions):
            self._axis.append(self._axis[-1] + cap if isinstance(extension, int) else self._axis[-1] + cap + extension)
        self._axis_min, self._axis_max = self._bounds(window_caps)
        if problem.extended:
            self._axis_max = [high + sum(self._extension_max[:k]) for k, high in enumerate(self._axis_max)]
        self.horizon = self._axis_max[self.n_meetings]

    def _bounds(self, caps: list[int]) -> tuple[list[int], list[int]]:
        """Lowest and highest possible axis position of each meeting start, before the search:
        exact when the layer is fixed or all sittings have one length; otherwise the k-th
        meeting begins between k shortest and k longest sittings."""
        n = self.n_meetings
        if self._fixed is not None:
            exact = [sum(caps[:k]) for k in range(n + 1)]
            return exact, list(exact)
        if len(set(caps)) == 1:
            exact = [k * caps[0] for k in range(n + 1)]
            return exact, list(exact)
        return [k * min(caps) for k in range(n + 1)], [k * max(caps) for k in range(n + 1)]

    def dropped_position(self, sitting: int) -> int:
        """Where a sitting left off the axis lies on it: after the meetings before it."""
        assert self._fixed is not None
        return self.axis_min(sum(1 for s in self._fixed if s < sitting))

    def _name(self, text: str) -> str:
        return f"{self.prefix}{text}"

    def _meeting_sittings(self) -> list[Expr]:
        if self._fixed is not None:
            return list(self._fixed)
        if self.problem.body.consecutive:
            latest = self.first + self.free if self.hold_all else self.last
            self.run_start = self.model.new_int_var(self.first, latest, self._name("run_start"))
            if not self.hold_all:
                for k, active in enumerate(self.active):
                    # the run ends inside the window, however many meetings it holds
                    inside = self.model.add(self.run_start + k <= self.last)
                    if active is not True:
                        inside.only_enforce_if(active)
            return [self.run_start + k for k in range(self.n_meetings)]
        sitting_of: list[Expr] = [
            self.model.new_int_var(self.first + k, self.latest(k), self._name(f"sitting_of[{k}]"))
            for k in range(self.n_meetings)
        ]
        for k, (before, after) in enumerate(zip(sitting_of, sitting_of[1:]), start=1):
            active = self.active[k]
            if active is True:
                self.model.add(after >= before + 1)
            else:
                self.model.add(after >= before + 1).only_enforce_if(active)
                self.model.add(after == self.last).only_enforce_if(~active)  # one value for a meeting not held
        return sitting_of

    def latest(self, k: int) -> int:
        """The latest open sitting meeting k may be held in."""
        return self.first + k + self.free if self.hold_all else self.last

    def _meeting_caps(self, caps: list[int]) -> list[Expr]:
        if self.uniform:
            return [self.max_cap] * self.n_meetings
        out: list[Expr] = []
        for k, sitting in enumerate(self._sitting_of):
            if isinstance(sitting, int):
                out.append(caps[sitting])
                continue
            cap = self.model.new_int_var(self.min_cap, self.max_cap, self._name(f"cap[{k}]"))
            self.model.add_element(sitting, caps, cap)
            out.append(cap)
        return out

    def _meeting_extensions(self) -> list[Expr]:
        """How far each meeting runs into its sitting's extension: 0 where none of the sittings
        it may be held in can be extended, else a variable bounded by its sitting's extension
        (and 0 for a meeting not held)."""
        problem = self.problem
        extensions = [problem.extension(s.index) for s in problem.sittings] + [0] * self.n_meetings
        window = set(problem.window)
        out: list[Expr] = []
        for k in range(self.n_meetings):
            possible = [s for s in self.possible_sittings(k) if s in window]
            most = max((extensions[s] for s in possible), default=0)
            self._extension_max[k] = most
            if not most:
                out.append(0)
                continue
            extension = self.model.new_int_var(0, most, self._name(f"extension[{k}]"))
            sitting = self._sitting_of[k]
            if not isinstance(sitting, int) and len({extensions[s] for s in possible}) > 1:
                allowed = self.model.new_int_var(0, most, self._name(f"extension_allowed[{k}]"))
                self.model.add_element(sitting, extensions, allowed)
                self.model.add(extension <= allowed)
            if self.active[k] is not True:
                self.model.add(extension == 0).only_enforce_if(~self.active[k])
            out.append(extension)
        return out

    def _active_meetings(self) -> list[Lit]:
        if self.hold_all:
            return [True] * self.n_meetings
        active: list[Lit] = [True]
        for k in range(1, self.n_meetings):
            literal = self.model.new_bool_var(self._name(f"active[{k}]"))
            if isinstance(active[-1], cp_model.IntVar):
                self.model.add_implication(literal, active[-1])
            active.append(literal)
        return active

    def sitting_of(self, k: int) -> Expr:
        return self._sitting_of[k]

    def sitting_fixed(self) -> bool:
        return all(isinstance(s, int) for s in self._sitting_of)

    def possible_sittings(self, k: int) -> range:
        if self._fixed is not None:
            return range(self._fixed[k], self._fixed[k] + 1)
        return range(self.first + k, self.latest(k) + 1)

    def axis(self, k: int) -> Expr:
        """Where meeting k begins on the axis (k = n_meetings: where the last one ends)."""
        return self._axis[k]

    def cap(self, k: int) -> Expr:
        """Meeting k's length on the axis: its sitting's capacity and the minutes it runs into
        its extension."""
        extension = self._extensions[k]
        return self._caps[k] if isinstance(extension, int) else self._caps[k] + extension

    def cap_bounds(self, k: int) -> tuple[int, int]:
        """The shortest and longest meeting k can be on the axis, before the search; with a
        fixed sitting and no extension both are its capacity."""
        cap = self._caps[k]
        if not self.problem.extended:
            cap = cap if isinstance(cap, int) else self.max_cap
            return cap, cap
        low, high = (cap, cap) if isinstance(cap, int) else (self.min_cap, self.max_cap)
        return low, high + self._extension_max[k]

    def extension(self, k: int) -> Expr:
        """The minutes meeting k runs beyond its sitting's end (0 where it may not)."""
        return self._extensions[k]

    def has_room(self, k: int) -> Lit:
        """Meeting k leaves the items some time (its events do not fill it)."""
        cap = self._caps[k]
        if isinstance(cap, int):
            return cap > 0
        if self.min_cap > 0:
            return True
        key = ("room", k)
        if key not in self._derived:
            literal = self.model.new_bool_var(self._name(f"has_room[{k}]"))
            self.model.add(cap >= 1).only_enforce_if(literal)
            self.model.add(cap <= 0).only_enforce_if(~literal)
            self._derived[key] = literal
        return self._derived[key]

    def axis_min(self, k: int) -> int:
        return self._axis_min[k]

    def axis_max(self, k: int) -> int:
        return self._axis_max[k]

    def structure(self) -> list[cp_model.IntVar]:
        """The integer decisions of this layer; fixing them (and the Booleans) fixes the sittings
        and how far each meeting runs into its extension."""
        extensions = [e for e in self._extensions if isinstance(e, cp_model.IntVar)]
        if isinstance(self.run_start, cp_model.IntVar):
            return [self.run_start, *extensions]
        return [s for s in self._sitting_of if isinstance(s, cp_model.IntVar)] + extensions
