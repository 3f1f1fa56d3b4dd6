"""Whether an instance has any draft at all: what explanations and partial plans ask of each
change they try, answered as fast as the penalty stage finds its first draft.

A plain feasibility solve of the model (no objective) took 8 s on 200 items over 80 meetings;
with the penalties as objective, the boundary network's cheapest path as a hint and the light
stage's settings, the same answer comes in a fraction of a second, because the search follows
the path the relaxation prices best.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.errors import DoesNotFit
from solver.input.instance import Instance
from solver.model.build import build
from solver.model.placement import build_session
from solver.problem.capacity import check_fit, check_session
from solver.problem.problem import interpret
from solver.problem.session import interpret_session
from solver.solving import stopping
from solver.solving.solve import SolveSettings, configured_solver


def feasible(instance: Instance, seconds: float = 5.0) -> bool | None:
    """Whether some draft satisfies every hard rule of `instance`; None when the search could
    not tell within `seconds`."""
    try:
        if instance.several:
            session = interpret_session(instance)
            check_session(session)
            built = build_session(session)
            model, penalty = built.model, built.penalty()
            hint = [guess for placed in built.placed.values() for guess in placed.body.hint]
        else:
            problem = interpret(instance)
            check_fit(problem)
            single = build(problem)
            model, penalty, hint = single.model, single.penalty(), list(single.hint)
    except DoesNotFit:
        return False
    for index, value in hint:
        model.add_hint(model.get_bool_var_from_proto_index(index), value)
    model.minimize(penalty)
    solver = configured_solver(SolveSettings(time_limit=seconds), seconds, light=True)
    solver.parameters.stop_after_first_solution = True
    status = stopping.run(solver, model)
    if status == cp_model.INFEASIBLE:
        return False
    return True if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
