"""Give times to an annex read back from CSV or Excel, which says which items go in which meeting
and in what order, but not for how long.

A small CP-SAT model shares each meeting's minutes among its items so as to break the timing rules
(estimates, no idle time, minimum part) by as few minutes as possible; then to blame as few items
as possible, procedural ones last (an opening item keeps its 15 minutes; the shortfall of an
overfull meeting falls on the debate moved into it, not on every item of the meeting); then, among
equally good timings, it keeps each item's share of a meeting close to its estimate's share. Where
a sitting may be extended, a minute of extension spares a minute of a timing rule, and between
the first two the extensions are kept as short as that allows, then where the annex prints them
('3–7.30 p.m.'). Each is solved in turn, keeping the optimum of the one before. The validator then judges
the timed schedule like any other, so a timing rule it reports is broken under every timing.
"""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model

from solver.model.extract import member_records, sitting_records
from solver.problem.problem import Problem, Sitting
from solver.errors import NotFoundInTime
from solver.schedule import ItemRecord, Meeting, Piece, Schedule
from solver.solving import stopping

PROCEDURAL_BLAME = 10  # blaming a procedural item counts as blaming ten substantive ones
STAGE_SECONDS = (5.0, 3.0, 2.0)  # the three objectives' shares of the retiming's 10 s
EXTENDED_SECONDS = (5.0, 1.0, 1.0, 2.0, 1.0)  # the same with the two objectives of the extensions


def _sitting(problem: Problem, date: dt.date, name: str) -> tuple[dt.time, dt.time, int]:
    """The sitting's times as this body sits (its own times, where it has them), and the minutes
    it may be extended by."""
    for sitting in problem.sittings:
        if sitting.date == date and sitting.name == name:
            return sitting.start, sitting.end, sitting.extension
    for spec in problem.instance.calendar.sittings_on(date):  # a closed sitting the annex used anyway
        if spec.name == name:
            return spec.start, spec.end, spec.extension
    return dt.time(10), dt.time(13), 0


def retime(problem: Problem, meetings: list[tuple[dt.date, str, list[str]]], printed: list[int] | None = None) -> Schedule:
    """A timed schedule for `meetings`: (date, sitting name, item ids in order) as the annex lists
    them; `printed`, the minutes each meeting's label shows it running into its sitting's
    extension ('3–7.30 p.m.'), decides between timings that extend the sittings equally little."""
    tasks = {t.id: t for t in problem.tasks}
    model = cp_model.CpModel()
    lengths = []
    pieces: list[list[cp_model.IntVar]] = []
    slacks: list = []
    closeness: list = []
    blamed: list = []  # (weight, whether the item breaks a timing rule)
    extensions: list = []  # minutes each meeting runs into its sitting's extension
    away: list = []  # how far each extension lies from the one the annex prints
    for number, (date, name, items) in enumerate(meetings):
        start, end, most = _sitting(problem, date, name)
        length = Sitting(0, date, name, start, end).minutes
        lengths.append(length)
        row = [model.new_int_var(1, max(1, length + most), f"m[{number},{k}]") for k in range(len(items))]
        pieces.append(row)
        held = length
        if most:
            extension = model.new_int_var(0, most, f"extension[{number}]")
            extensions.append(extension)
            held = length + extension
            gap = model.new_int_var(0, most, f"extension_away[{number}]")
            model.add_abs_equality(gap, extension - (min(most, printed[number]) if printed else 0))
            away.append(gap)
        model.add(sum(row) <= held)
        if problem.rules.no_idle_time and number < len(meetings) - 1 and row:
            idle = model.new_int_var(0, length, f"idle[{number}]")
            model.add(sum(row) + idle == held)
            slacks.append(idle)
        weights = [tasks[i].estimate if i in tasks else 1 for i in items]
        for var, weight in zip(row, weights):
            # |var * sum(weights) - weight * length|, the distance from a share in proportion to estimates
            gap = model.new_int_var(0, (length + most) * max(1, sum(weights)), f"gap[{number}]")
            model.add_abs_equality(gap, var * sum(weights) - weight * length)
            closeness.append(gap)
    by_item: dict[str, list[cp_model.IntVar]] = {}
    for (_, _, items), row in zip(meetings, pieces):
        for item, var in zip(items, row):
            by_item.setdefault(item, []).append(var)
    for item, parts in by_item.items():
        task = tasks.get(item)
        if task is None:
            continue
        short = model.new_int_var(0, task.estimate, f"short[{item}]")
        model.add(sum(parts) + short >= task.estimate)
        slacks.append(short)
        own = [short]
        if not task.substantive:
            over = model.new_int_var(0, sum(lengths), f"over[{item}]")
            model.add(sum(parts) - over <= task.estimate)
            slacks.append(over)
            own.append(over)
        broken = model.new_bool_var(f"blamed[{item}]")
        model.add(sum(own) == 0).only_enforce_if(broken.Not())
        blamed.append((1 if task.substantive else PROCEDURAL_BLAME, broken))
        if task.split and len(parts) > 1:
            for part in (parts[0], parts[-1]):
                lack = model.new_int_var(0, task.min_piece, f"lack[{item}]")
                model.add(part + lack >= task.min_piece)
                slacks.append(lack)
    objectives: tuple = (sum(slacks), sum(weight * b for weight, b in blamed), sum(closeness))
    shares = STAGE_SECONDS
    if extensions:
        objectives = (objectives[0], sum(extensions), sum(away), *objectives[1:])
        shares = EXTENDED_SECONDS
    for number, (objective, seconds) in enumerate(zip(objectives, shares)):
        if isinstance(objective, int):
            objective = cp_model.LinearExpr.constant(objective)
        model.minimize(objective)
        solver = stopping.new_solver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = seconds
        status = stopping.run(solver, model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if number == 0:
                raise NotFoundInTime(
                    "could not share the meetings' time among the annex's items within 10 s; check the annex for far too many rows"
                )
            break  # a later objective found nothing in its share: the timing before it stands
        best = [[int(solver.value(v)) for v in row] for row in pieces]
        model.add(objective <= int(round(solver.objective_value)))
        model.clear_hints()
        for row, values in zip(pieces, best):
            for var, value in zip(row, values):
                model.add_hint(var, value)
    return _schedule(problem, meetings, best)


def _schedule(problem: Problem, meetings: list[tuple[dt.date, str, list[str]]], minutes: list[list[int]]) -> Schedule:
    tasks_by_id = {t.id: t for t in problem.tasks}
    out: list[Meeting] = []
    seen: set[str] = set()
    for number, ((date, name, items), row) in enumerate(zip(meetings, minutes), start=1):
        start, end, _ = _sitting(problem, date, name)
        clock = dt.datetime.combine(date, start)
        pieces = []
        for item, length in zip(items, row):
            finish = clock + dt.timedelta(minutes=length)
            under_way = item in tasks_by_id and tasks_by_id[item].under_way
            pieces.append(Piece(item=item, start=clock.time(), end=finish.time(), minutes=length, continued=item in seen or under_way))
            seen.add(item)
            clock = finish
        beyond = max(0, int((clock - dt.datetime.combine(date, end)).total_seconds()) // 60)  # run into its extension
        out.append(Meeting(number=number, date=date, sitting=name, start=start, end=clock.time() if beyond else end,
                           extended_minutes=beyond, pieces=pieces))
    records = []
    for task in problem.tasks:
        numbers = [m.number for m in out if any(p.item == task.id for p in m.pieces)]
        allotted = sum(p.minutes for m in out for p in m.pieces if p.item == task.id)
        records.append(ItemRecord(id=task.id, item=task.agenda_id or None, part=task.part or None, together=list(task.members),
                                  title=task.title, titles=dict(task.titles), kind="substantive" if task.substantive else "procedural",
                                  role=task.role, estimate_minutes=task.estimate, allotted_minutes=allotted, meetings=numbers))
    return Schedule(session=problem.instance.session, meetings=out, meetings_granted=problem.granted,
                    numbered=problem.instance.calendar.numbered is not None,
                    sittings=sitting_records(problem, out), items=records + member_records(problem, records))
