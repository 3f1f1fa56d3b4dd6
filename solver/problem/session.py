"""A session of several bodies: each body's problem, and what they share (calendar, rooms,
interpreters, blocks of consecutive meetings)."""

from __future__ import annotations

from dataclasses import dataclass

from solver.input.instance import Block, Instance
from solver.problem.problem import Problem, Sitting, interpret_bodies


@dataclass(frozen=True)
class Session:
    instance: Instance
    bodies: tuple[Problem, ...]
    rooms: tuple[str, ...]  # () : one room for all, unnamed
    per_sitting: int | None
    per_day: int | None
    blocks: tuple[Block, ...]

    @property
    def sittings(self) -> tuple[Sitting, ...]:
        return self.bodies[0].sittings

    def body(self, body_id: str) -> Problem:
        return next(p for p in self.bodies if p.body.id == body_id)

    @property
    def several(self) -> bool:
        return self.instance.several


def interpret_session(instance: Instance, agreed: frozenset = frozenset()) -> Session:
    """The session's bodies and what they share; `agreed` rows (body, item, date, sitting) stay put."""
    return Session(
        instance=instance,
        bodies=interpret_bodies(instance, agreed),
        rooms=tuple(r.name for r in instance.rooms),
        per_sitting=instance.interpretation.per_sitting,
        per_day=instance.interpretation.per_day,
        blocks=instance.blocks,
    )
