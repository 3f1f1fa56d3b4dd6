"""Will the draft hold? The probability that the agenda fits when items overrun, and where it
breaks: `durations` (how long items really take), `simulate` (the session replayed, meeting by
meeting, for many samples at once) and `answers` (the figures a planner reads).

Plain Python and numpy: judging a draft needs no OR-Tools.
"""

from __future__ import annotations

from solver.check.validate import validate
from solver.errors import InputError
from solver.input.instance import Instance
from solver.plans import engines
from solver.plans.risk.answers import BodyRisk, RiskReport, Tally, answers, chunks, generator, tally
from solver.plans.risk.durations import SOURCE
from solver.plans.risk.simulate import Plan, plan_of
from solver.problem.problem import Problem, interpret_bodies
from solver.schedule import Schedule


def plans(instance: Instance, schedule: Schedule, checked: bool = True) -> list[tuple[Problem, Plan]]:
    """Each body's problem and its draft ready to replay; a draft that breaks a rule of the
    instance is refused (`orgwork check` says how), since its replay would mean nothing."""
    out = []
    for problem in interpret_bodies(instance):
        part = schedule.for_body(problem.body.id) if instance.several else schedule
        if checked:
            report = validate(problem, part)
            if not report.ok:
                where = f" ({problem.body.id})" if instance.several else ""
                raise InputError(f"the schedule breaks {len(report.violations)} rule(s) of the instance{where}, first: "
                                 f"{report.violations[0]}; run orgwork check on it")
        if not part.meetings:
            raise InputError(f"the schedule holds no meeting{' for ' + problem.body.id if instance.several else ''}")
        out.append((problem, plan_of(problem, part)))
    return out


def _chunk(job: tuple[str, str, int, int, int]) -> list[Tally]:
    """In a worker: instance and schedule JSON in, each body's tally of one chunk out."""
    instance_json, schedule_json, seed, chunk, size = job
    instance = Instance.model_validate_json(instance_json)
    schedule = Schedule.model_validate_json(schedule_json)
    rng = generator(seed, chunk)
    return [tally(plan, rng, size) for _, plan in plans(instance, schedule, checked=False)]


def assess(instance: Instance, schedule: Schedule, samples: int = 10_000, seed: int = 0, engine: str = "local",
           processes: int | None = None) -> RiskReport:
    """Replay `schedule` `samples` times with items' times drawn from the duration model; the
    same seed and samples give the same figures, on every engine."""
    if samples < 1:
        raise InputError("--samples must be at least 1")
    laid = plans(instance, schedule)
    sizes = chunks(samples)
    if len(sizes) == 1 and engine == "local":
        rng = generator(seed, 0)
        tallies = [tally(plan, rng, samples) for _, plan in laid]
    else:
        jobs = [(instance.model_dump_json(), schedule.model_dump_json(), seed, c, size) for c, size in enumerate(sizes)]
        results = engines.run(_chunk, jobs, engine, processes)
        tallies = results[0]
        for more in results[1:]:
            tallies = [a.add(b) for a, b in zip(tallies, more)]
    bodies: list[BodyRisk] = []
    for (problem, plan), result in zip(laid, tallies):
        titles = {t.id: t.title for t in problem.tasks}
        body = problem.body.id if instance.several else None
        bodies.append(answers(plan, result, problem.body.name, problem.granted, titles, body))
    return RiskReport(session=schedule.session, samples=samples, seed=seed, model=SOURCE, bodies=bodies)
