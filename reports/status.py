"""What a draft says about its own search: proven best, best found in the time, or interrupted.

One wording for the terminal's stderr and for the notes under the annex in the table and
Markdown outputs, so that a draft not proven best never passes for one.
"""

from __future__ import annotations

from solver.schedule import Schedule

INTERRUPTED = "INTERRUPTED"
PROVEN = "OPTIMAL"


def proof_notes(schedule: Schedule) -> list[str]:
    """Nothing for a draft proven best in every stage; otherwise one line per thing to know."""
    record = schedule.solver
    if record is None:
        return []
    notes = []
    if record.status == INTERRUPTED:
        notes.append("Interrupted (Ctrl-C): this is the best draft found so far; it meets every rule but is not proven best.")
    elif record.status != PROVEN:
        gap = _gap(record.objective, record.bound)
        within = f"; its penalty is within {gap} of the best possible" if gap else ""
        notes.append(
            f"Not proven best: the best draft found within the time limit of {record.time_limit:g} s{within}. "
            "A longer --time-limit may find a better one."
        )
    # a tie-break within its tolerance of its bound chose well enough among drafts of equal penalty
    cut = [stage.name for stage in record.stages if stage.status in ("FEASIBLE", "NOT FINISHED") and stage.name != "penalties"]
    if cut and record.status != INTERRUPTED:
        stages = ", ".join(f"'{name}'" for name in cut)
        notes.append(f"The tie-break{'s' if len(cut) > 1 else ''} {stages} stopped at {'their' if len(cut) > 1 else 'its'} share of the time limit; the draft keeps the best found.")
    return notes


def _gap(objective: int, bound: int) -> str:
    if objective <= 0 or bound >= objective:
        return ""
    percent = 100 * (objective - max(bound, 0)) / objective
    return f"{percent:.0f} %" if percent >= 1 else "1 %"
