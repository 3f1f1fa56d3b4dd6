"""The rules of the house, each under one human name.

The CP-SAT model, the validator, the explanations and the reports all refer to rules by these
keys and print these names. Soft rules carry a weight: a draft's penalty is the sum of weight ×
count over the soft rules it breaks, and the weights set their priorities (documented in README).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    key: str
    name: str
    kind: Literal["hard", "soft"]
    description: str
    weight: int = 0
    switch: str | None = None  # the field of `Rules` that turns it off, if any
    counted: tuple[str, str] = ()  # soft rules: one count and several, as a planner says them


_ALL = (
    Rule("every-item", "Every item taken up", "hard", "Every agenda item appears in the schedule, and nothing else does."),
    Rule("open-sittings", "Open sittings only", "hard", "Meetings are held in open sittings of the calendar, one meeting per sitting."),
    Rule("meetings-granted", "Meetings granted", "hard", "The session uses no more meetings than conference services granted."),
    Rule(
        "hold-meetings-granted",
        "Hold the meetings granted",
        "hard",
        "The session holds exactly the meetings granted: they are the session, not an upper bound.",
        switch="hold_meetings_granted",
    ),
    Rule(
        "within-sittings",
        "Within sitting times",
        "hard",
        "Items are taken up inside their sitting's times, one at a time; a sitting that may be extended runs at most "
        "to its extension's end, and only as far as its items.",
    ),
    Rule(
        "estimates",
        "Time for each item",
        "hard",
        "Each item gets at least its estimate; procedural items get exactly their estimate.",
    ),
    Rule(
        "no-skipped-meeting",
        "Continued without skipping",
        "hard",
        "An item that runs over continues in the next meetings, filling every meeting in between.",
    ),
    Rule("unsplit", "Unsplit items", "hard", "An item that may not be split is taken up within one meeting."),
    Rule("min-piece", "Minimum part", "hard", "Each part of a split item lasts at least the minimum part."),
    Rule("agenda-order", "Agenda order", "hard", "Items are taken up in agenda order, except those marked otherwise.", switch="agenda_order"),
    Rule("order-exceptions", "Taken out of order", "hard", "Items marked 'after' or 'before' another item are taken up so."),
    Rule(
        "opening-first",
        "Opening items in the first meeting",
        "hard",
        "Opening items come before all others, within the first meeting.",
        switch="opening_in_first_meeting",
    ),
    Rule(
        "report-last",
        "Report in the last meeting",
        "hard",
        "Adoption of the report comes after all other items, in the last meeting.",
        switch="report_in_last_meeting",
    ),
    Rule(
        "other-matters-before-report",
        "Other matters just before the report",
        "hard",
        "'Other matters' is taken up in the last meeting, right before the adoption of the report "
        "(right after it when the agenda lists it after the report).",
        switch="other_matters_before_report",
    ),
    Rule(
        "closure-last",
        "Closure last",
        "hard",
        "'Closure of the session' comes after every other item, the report included, in the last meeting.",
        switch="closure_last",
    ),
    Rule("position", "First or last position", "hard", "An item marked first (last) comes before (after) all others."),
    Rule(
        "segments",
        "Segments in the order of their days",
        "hard",
        "The segments follow each other in the order of the days the body fixes for them; each one's items are taken up on its days.",
    ),
    Rule(
        "in-meeting",
        "In the first or last meeting",
        "hard",
        "An item or part placed in the first meeting is taken up there, after the opening items; one placed in the last "
        "meeting is taken up there, before other matters, the report and the closure.",
    ),
    Rule(
        "pins",
        "Pinned items",
        "hard",
        "A pinned item is taken up only on its day, or in its sitting; one pinned as under way there is at least partly taken up there.",
    ),
    Rule("not-before", "Not before a date", "hard", "An item waiting for documents is not taken up before its date."),
    Rule("not-after", "Not after a date", "hard", "An item due by a date (or held between two) is not taken up after it."),
    Rule("avoid", "Avoided sittings", "hard", "An item is not taken up on the days or in the sittings it must avoid."),
    Rule("agreed", "Agreed rows", "hard", "A row the planner marked as agreed keeps its item in its meeting."),
    Rule("body-dates", "Body dates", "hard", "A body meets between its earliest and latest days."),
    Rule("unbroken-run", "Unbroken run", "hard", "A body meeting consecutively holds its meetings in consecutive open sittings."),
    Rule(
        "rooms",
        "Rooms",
        "hard",
        "A body meets in one of its rooms and keeps that room for its session; one meeting per room and sitting.",
    ),
    Rule(
        "interpretation-cap",
        "Interpretation cap",
        "hard",
        "No more meetings with interpretation at one sitting, or in one day, than conference services can serve.",
    ),
    Rule(
        "blocks",
        "Consecutive bodies",
        "hard",
        "Bodies of a block meet back to back, without a free sitting between them, in one room, in their order when it is fixed.",
    ),
    Rule(
        "ties",
        "Ties between bodies",
        "hard",
        "A body meets after another has taken up an item (or met), or before it does; an item is taken up after another body's item.",
    ),
    Rule(
        "no-idle-time",
        "No idle time",
        "hard",
        "No idle time between items: the session starts with its first meeting and every meeting but the last is full.",
        switch="no_idle_time",
    ),
    Rule(
        "sitting-hours",
        "Sittings kept to their hours",
        "soft",
        "Only where the calendar lets a sitting be extended (extend_to): a meeting runs beyond its sitting's end only "
        "when the agenda cannot be organized within the normal hours; counted per minute beyond the end. Minimised "
        "before every other convention.",
        counted=("minute beyond a sitting's end", "minutes beyond the sittings' ends"),
        weight=10000,
    ),
    Rule(
        "meetings-used",
        "Meetings used",
        "soft",
        "Only when the meetings granted need not all be held: every meeting held counts, so the draft is short.",
        counted=("meeting held", "meetings held"),
        weight=2000,
    ),
    Rule(
        "free-sittings-at-end",
        "Free sittings at the end",
        "soft",
        "Sittings the session does not use come after its last meeting; counted per free sitting before it.",
        counted=("free sitting before the last meeting", "free sittings before the last meeting"),
        weight=1000,
        switch="free_sittings_at_end",
    ),
    Rule(
        "few-continuations",
        "Few continuations",
        "soft",
        "An item runs over as few meetings as possible; counted per '(continued)'.",
        counted=("continuation", "continuations"),
        weight=100,
        switch="few_continuations",
    ),
    Rule(
        "substantive-starts-meeting",
        "Substantive item starts a meeting",
        "soft",
        "A substantive item starts at the beginning of a meeting when there is slack for it; counted per item.",
        counted=("substantive item not starting a meeting", "substantive items not starting a meeting"),
        weight=30,
        switch="substantive_starts_meeting",
    ),
    Rule(
        "time-in-proportion",
        "Time in proportion",
        "soft",
        "A short substantive item (under half a meeting) gets no more than twice its share of the meetings' time "
        "(its estimate times the session's spare ratio) and half an hour; counted per half hour beyond.",
        counted=("half hour beyond a short item's share", "half hours beyond a short item's share"),
        weight=25,
        switch="time_in_proportion",
    ),
    Rule(
        "preferred-sitting",
        "Preferred sitting",
        "soft",
        "An item with a preferred sitting is taken up in it; counted per meeting outside it.",
        counted=("meeting outside a preferred sitting", "meetings outside a preferred sitting"),
        weight=10,
        switch="preferred_sittings",
    ),
)

RULES: dict[str, Rule] = {rule.key: rule for rule in _ALL}
SESSION_KEYS = ("body-dates", "unbroken-run", "rooms", "interpretation-cap", "blocks", "ties")  # what bodies share
HARD = tuple(rule for rule in _ALL if rule.kind == "hard")
SOFT = tuple(rule for rule in _ALL if rule.kind == "soft")


def counted(key: str, count: int) -> str:
    """'3 continuations', '1 continuation': a soft rule's count as a planner says it."""
    one, many = RULES[key].counted or (RULES[key].name, RULES[key].name)
    return f"{count} {one if count == 1 else many}"


def heading(rule: Rule) -> str:
    """A soft rule as a row of figures names it, by what it counts: 'Continuations' for 'Few
    continuations'; a rule without a count, by its name."""
    return rule.counted[1][:1].upper() + rule.counted[1][1:] if rule.counted else rule.name


def rule_name(key: str) -> str:
    return RULES[key].name


def soft_rule_applies(switches: object, key: str, extended: bool = False) -> bool:
    """Whether soft rule `key` counts under the instance's `rules` switches; 'Sittings kept to
    their hours' only for a body with a sitting that may be extended (`extended`)."""
    if key == "meetings-used":
        return not getattr(switches, "hold_meetings_granted")
    if key == "sitting-hours":
        return extended
    switch = RULES[key].switch
    return switch is None or bool(getattr(switches, switch))
