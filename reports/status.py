"""What a draft says about its own search: proven best, best found in the time, or interrupted;
and, while it is searched, how far the search is.

One wording for the terminal's stderr, the web page and the notes under the annex in the table
and Markdown outputs, so that a draft not proven best never passes for one.
"""

from __future__ import annotations

from reports.languages import language as language_table
from solver.rules import counted
from solver.schedule import Schedule
from solver.solving.stages import MEANINGS

INTERRUPTED = "INTERRUPTED"
PROVEN = "OPTIMAL"


def proof_notes(schedule: Schedule, language: str = "en") -> list[str]:
    """Nothing for a draft proven best in every stage; otherwise one line per thing to know."""
    record = schedule.solver
    if record is None:
        return []
    table = language_table(language)
    notes = []
    if record.status == INTERRUPTED:
        notes.append(table.word("notes.interrupted"))
    elif record.status != PROVEN:
        gap = _gap(record.objective, record.bound)
        within = table.word("notes.within", gap=gap) if gap else ""
        notes.append(table.word("notes.not_proven", limit=f"{record.time_limit:g}", within=within))
    # a tie-break within its tolerance of its bound chose well enough among drafts of equal penalty
    cut = [stage.name for stage in record.stages if stage.status in ("FEASIBLE", "NOT FINISHED") and stage.name != "penalties"]
    if cut and record.status != INTERRUPTED:
        names = [table.word("notes.stage", name=table.words.get(f"stage.{name}", name)) for name in cut]
        stages = table.word("list.comma").join(names)
        notes.append(table.word("notes.tie_break_many" if len(cut) > 1 else "notes.tie_break_one", stages=stages))
    return notes


def _gap(objective: int, bound: int) -> str:
    if objective <= 0 or bound >= objective:
        return ""
    percent = 100 * (objective - max(bound, 0)) / objective
    return f"{percent:.0f} %" if percent >= 1 else "1 %"


def progress_text(progress) -> str:
    """What the best draft so far is, and how far the search is, as a planner reads it."""
    clock = f"{progress.seconds:.0f} s of {progress.limit:.0f} s" if progress.limit else f"{progress.seconds:.0f} s"
    proving = "proven best" if progress.objective <= progress.bound else "still proving"
    if progress.stage == "penalties":
        broken = ", ".join(counted(key, n) for key, n in progress.counts)
        return f"best so far meets all rules{', ' + broken if broken else ''}; {proving} ({clock})"
    if progress.stage in ("moves", "minutes"):
        unit = "items moved" if progress.stage == "moves" else "minutes changed"
        return f"best so far keeps to the published plan with {progress.objective:g} {unit}; {proving} ({clock})"
    return f"choosing among equally good drafts: {MEANINGS.get(progress.stage, progress.stage)} ({clock})"
