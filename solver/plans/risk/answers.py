"""The answers a planner asks of a draft, from many replays of it: how likely it is to hold,
how far the last meeting runs over, which items are reached on their planned day and which
meetings are where the session first slips.

Samples are drawn in chunks of `CHUNK`, each with its own generator seeded by (seed, chunk), so
the figures depend only on the seed and the number of samples, never on where the chunks run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from solver.labels import sitting_label, time_label
from solver.plans.risk.durations import needs
from solver.plans.risk.simulate import EPS, Plan, simulate
from solver.schedule import SessionInfo

CHUNK = 10_000  # samples drawn with one generator
GRACE = 5.0  # minutes: a meeting that ends at most five minutes late is on time
FORMAT = "orgwork-risk/1"


@dataclass
class Tally:
    """What a number of samples of one body showed: counts, and each sample's overrun."""

    samples: int
    fits: int
    holds: int
    overruns: np.ndarray  # minutes beyond the draft's last meeting, per sample
    late: np.ndarray  # per drafted meeting: samples in which it runs late
    first: np.ndarray  # per drafted meeting: samples in which it is the first to run late
    on_day: np.ndarray  # per item: samples in which it is reached on its planned day

    def add(self, other: Tally) -> Tally:
        return Tally(
            self.samples + other.samples,
            self.fits + other.fits,
            self.holds + other.holds,
            np.concatenate([self.overruns, other.overruns]),
            self.late + other.late,
            self.first + other.first,
            self.on_day + other.on_day,
        )


def tally(plan: Plan, rng: np.random.Generator, samples: int) -> Tally:
    """Replay `plan` `samples` times with times drawn from `rng`."""
    run = simulate(plan, needs(plan.estimates, plan.spreads, rng, samples))
    edges, held = plan.edges, plan.held
    finish = run.ends.max(axis=0)
    overruns = np.maximum(0.0, finish - edges[held])
    # a meeting runs late when an item planned to end in it (or before) has not ended by its end
    order = np.argsort(plan.planned_end, kind="stable")
    latest = np.maximum.accumulate(run.ends[order], axis=0)
    upto = np.searchsorted(plan.planned_end[order], edges[1 : held + 1] + EPS, side="right") - 1
    late = np.zeros((held, samples), dtype=bool)
    for k, index in enumerate(upto):
        if index >= 0:
            late[k] = latest[index] > edges[k + 1] + GRACE
    first = np.zeros(held, dtype=np.int64)
    slipped = late.any(axis=0)
    np.add.at(first, np.argmax(late, axis=0)[slipped], 1)
    # an item reached only after the last meeting's end is taken up in it: the meeting runs over
    day = plan.days[np.clip(np.searchsorted(edges, run.starts, side="right") - 1, 0, len(plan.meetings) - 1)]
    return Tally(
        samples=samples,
        fits=int(np.count_nonzero(finish <= edges[-1] + GRACE)),
        holds=int(np.count_nonzero(overruns <= GRACE)),
        overruns=overruns,
        late=late.sum(axis=1),
        first=first,
        on_day=(day == plan.planned_day[:, None]).sum(axis=1),
    )


def chunks(samples: int) -> list[int]:
    """The sizes of the chunks `samples` are drawn in."""
    return [min(CHUNK, samples - start) for start in range(0, samples, CHUNK)]


def generator(seed: int, chunk: int) -> np.random.Generator:
    return np.random.default_rng([seed, chunk])


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MeetingRisk(Closed):
    number: int
    date: dt.date
    sitting: str
    label: str = Field(description="'Thursday, 7 September, afternoon'.")
    late: float = Field(description="Chance that it runs late: an item planned to end in it (or before) has not ended by its end.")
    breaks_here: float = Field(description="Chance that it is the first meeting to run late: where the session breaks.")


class ItemRisk(Closed):
    id: str
    title: str
    planned_day: dt.date = Field(description="The day the draft takes it up.")
    on_planned_day: float = Field(description="Chance that it is reached (taken up) on that day.")
    estimate_minutes: int
    given_minutes: int = Field(description="The time the draft gives it.")
    spread: float = Field(description="The spread of its time (standard deviation of log(time / estimate)).")


class BodyRisk(Closed):
    body: str | None = None
    name: str
    meetings_granted: int
    meetings_held: int
    last_meeting: str = Field(description="The draft's last meeting and when it ends.")
    fits: float = Field(description="Chance that every item is taken up within the meetings granted.")
    holds: float = Field(
        description="Chance that every item is taken up within the draft's own meetings: as fits, unless the meetings "
        "granted are a ceiling and the draft leaves some unused, which the body may then hold."
    )
    overrun_mean: float = Field(description="Expected minutes the work runs beyond the end of the draft's last meeting (0 when it holds).")
    overrun_p90: float = Field(description="Minutes it runs beyond that end or less, nine times in ten.")
    breaks: list[int] = Field(description="The meetings most likely to be where the session breaks, most likely first.")
    meetings: list[MeetingRisk]
    items: list[ItemRisk]


class RiskReport(Closed):
    format: str = FORMAT
    session: SessionInfo
    samples: int
    seed: int
    model: str = Field(description="The duration model and its source.")
    bodies: list[BodyRisk]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def _share(count: int | float, samples: int) -> float:
    return round(float(count) / samples, 4)


def answers(plan: Plan, result: Tally, name: str, granted: int, titles: dict[str, str], body: str | None = None) -> BodyRisk:
    """The figures of one body, from what its samples showed."""
    drafted = plan.meetings[: plan.held]
    meetings = [
        MeetingRisk(
            number=m.number, date=m.date, sitting=m.sitting, label=sitting_label(m.date, m.sitting),
            late=_share(result.late[k], result.samples), breaks_here=_share(result.first[k], result.samples),
        )
        for k, m in enumerate(drafted)
    ]
    ranked = sorted((m for m in meetings if m.breaks_here > 0), key=lambda m: (-m.breaks_here, m.number))
    items = [
        ItemRisk(
            id=item, title=titles.get(item, ""), planned_day=dt.date.fromordinal(int(plan.planned_day[u])),
            on_planned_day=_share(result.on_day[u], result.samples), estimate_minutes=int(plan.estimates[u]),
            given_minutes=int(plan.given[u]), spread=float(plan.spreads[u]),
        )
        for u, item in enumerate(plan.ids)
    ]
    last = drafted[-1]
    return BodyRisk(
        body=body,
        name=name,
        meetings_granted=granted,
        meetings_held=plan.held,
        last_meeting=f"{sitting_label(last.date, last.sitting)}, ending {time_label(last.end)}",
        fits=_share(result.fits, result.samples),
        holds=_share(result.holds, result.samples),
        overrun_mean=round(float(result.overruns.mean()), 1),
        overrun_p90=round(float(np.quantile(result.overruns, 0.9)), 1),
        breaks=[m.number for m in ranked[:3]],
        meetings=meetings,
        items=items,
    )
