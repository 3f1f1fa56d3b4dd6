"""What `orgwork risk` prints: the chance the draft holds, the last meeting's overrun, where it
breaks, per meeting and per item; as text, JSON, or the HTML report with a picture of each
meeting's chance of running late."""

from __future__ import annotations

from dataclasses import dataclass

from solver.input.durations import format_minutes
from solver.plans.risk.answers import GRACE, BodyRisk, RiskReport
from solver.schedule import ReliabilityRecord, Schedule


def percent(chance: float) -> str:
    """'94 %'; never '100 %' or '0 %' for what is merely likely or unlikely."""
    if 0 < chance < 0.005:
        return "<1 %"
    if 0.995 <= chance < 1:
        return ">99 %"
    return f"{round(chance * 100):d} %"


def minutes(value: float) -> str:
    return format_minutes(round(value)) if round(value) else "0 min"


def headline(body: BodyRisk) -> list[str]:
    """The figures a planner reads first, in sentences."""
    held = f"the {body.meetings_held} meetings of the draft"
    within = f"Holds within {held}: {percent(body.holds)} of the samples."
    if body.fits != body.holds:
        within += f" Within the {body.meetings_granted} meetings granted: {percent(body.fits)}."
    elif body.meetings_held == body.meetings_granted:
        within = f"Every item taken up within the {body.meetings_granted} meetings granted: {percent(body.fits)} of the samples."
    lines = [
        within,
        f"Last meeting ({body.last_meeting}): expected overrun {minutes(body.overrun_mean)}; "
        + ("nine times in ten it does not run over." if body.overrun_p90 <= GRACE else f"nine times in ten {minutes(body.overrun_p90)} or less."),
    ]
    by_number = {m.number: m for m in body.meetings}
    if body.breaks:
        lines.append("Most likely to break (the first meeting to run late): "
                     + "; ".join(f"{by_number[n].label} ({percent(by_number[n].breaks_here)})" for n in body.breaks) + ".")
    else:
        lines.append("No meeting ran late in any sample.")
    return lines


def render_risk_text(report: RiskReport) -> str:
    out = []
    for body in report.bodies:
        out.append(f"Will it hold? {body.name}: {report.samples:,} samples, seed {report.seed}")
        out += [f"  {line}" for line in headline(body)]
        out.append("")
        out.append(f"  {'meeting':<44} {'runs late':>9}  {'breaks here':>11}")
        for m in body.meetings:
            out.append(f"  {str(m.number) + '  ' + m.label:<44} {percent(m.late):>9}  {percent(m.breaks_here):>11}")
        out.append("")
        out.append(f"  {'item':<10} {'estimate':>14} {'given':>14} {'spread':>6}  reached on its planned day")
        for item in body.items:
            day = item.planned_day.strftime("%a %d %b")
            out.append(f"  {item.id:<10} {format_minutes(item.estimate_minutes):>14} {format_minutes(item.given_minutes):>14} "
                       f"{item.spread:>6.2f}  {percent(item.on_planned_day):>5} ({day})")
        out.append("")
    out.append(f"A meeting runs late when an item planned to end in it has not ended {GRACE:g} minutes after its end.")
    out.append(f"Model: {report.model}.")
    return "\n".join(out) + "\n"


def render_risk_json(report: RiskReport) -> str:
    return report.to_json()


@dataclass(frozen=True)
class Bar:
    """One meeting in the picture: its chance of running late, and of being where it breaks."""

    x: float
    late_height: float
    breaks_height: float
    late: str
    label: str
    day: str
    number: int


WIDTH, HEIGHT, TOP, BOTTOM = 660.0, 150.0, 18.0, 34.0


def bars(body: BodyRisk) -> list[Bar]:
    """The picture's bars: one per meeting, its height the chance the meeting runs late."""
    step = WIDTH / max(1, len(body.meetings))
    out = []
    for n, m in enumerate(body.meetings):
        sitting = m.sitting[:3] + "." if len(m.sitting) > 4 else m.sitting
        out.append(Bar(
            x=n * step, late_height=(HEIGHT - TOP - BOTTOM) * m.late, breaks_height=(HEIGHT - TOP - BOTTOM) * m.breaks_here,
            late=percent(m.late), label=sitting, day=m.date.strftime("%a %d"), number=m.number,
        ))
    return out


def reliability_lines(record: ReliabilityRecord) -> list[str]:
    """What `solve --reliability` says of its draft."""
    reached = "reached" if record.reached else "NOT reached: this is the most reliable draft found"
    cost = f"{record.meetings_used} meetings, {minutes(record.spare_minutes)} free"
    plain = f"{record.plain_meetings_used} meetings, {minutes(record.plain_spare_minutes)} free"
    lines = [f"Reliability: holds with probability {record.probability:.2f} (target {record.target:.2f}, {reached}); {cost}."]
    if record.buffer:
        lines.append(f"  Solved against the substantive and closing items' estimates raised by {record.buffer:g} spreads; the draft for the "
                     f"estimates as written holds with probability {record.plain_probability:.2f} ({plain}).")
    else:
        lines.append("  Solved against the estimates as written.")
    return lines


def risk_section(schedule: Schedule, report: RiskReport) -> dict:
    """The template's data for the risk part of each body's section, by body id ('' for one)."""
    return {(b.body or ""): {"body": b, "bars": bars(b), "headline": headline(b)} for b in report.bodies}
