"""The one canonical form of an organization of work: meetings, each with the items taken up in it.

Solved drafts and hand-made schedules share this form; the JSON output is its dump, the annex a
view of it. Item summaries and penalties are derived and may be left out of a hand-made file.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from solver.clock import ClockTime
from solver.languages import CHOICES, NAMES, language_code, text_schema, title_mapping

PER_LANGUAGE = ("body", "name", "venue")  # the session's texts a file may give per language


def _session_text(description: str, example: object):
    return Annotated[str, WithJsonSchema(text_schema(f"{description} A text, or a text per language ({CHOICES}).", example))]


FORMAT = "orgwork-schedule/1"


class SessionInfo(BaseModel):
    """Who meets, where, and under which symbol the annotated agenda is issued."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # the instance's `session:`, kept in every schedule

    body: _session_text("The body that meets, e.g. 'Working Group on Trafficking in Persons'.", "Working Group on Trafficking in Persons") = Field(min_length=1)
    name: _session_text("The session as the agenda names it, e.g. 'Seventh session'.", {"en": "Seventh meeting", "fr": "Septième réunion"}) = Field("")
    venue: _session_text("City or building, e.g. 'Vienna'.", "Vienna") = Field("")
    symbol: str = Field("", description="Document symbol of the annotated provisional agenda.")
    timezone: str = Field("UTC", description="IANA time zone of the venue, e.g. 'Europe/Vienna'.")
    language: str = Field(
        "en",
        exclude_if=lambda v: v == "en",
        description=f"The language the file's titles are written in ({CHOICES}); the documents print in it unless told otherwise.",
    )
    texts: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        exclude_if=lambda v: not v,
        description="The body, name and venue per language (language -> text), as the file gives them per language; "
        "the fields themselves hold the file's language. Written by orgwork; give body, name or venue per language instead.",
    )

    @model_validator(mode="before")
    @classmethod
    def _per_language(cls, data: object) -> object:
        """`body: {en: …, fr: …}`: the field holds the file's language, `texts` every language."""
        if not isinstance(data, dict) or not any(isinstance(data.get(key), Mapping) for key in PER_LANGUAGE):
            return data
        language = data.get("language", "en")
        out, texts = dict(data), dict(data.get("texts") or {})
        for key in PER_LANGUAGE:
            if isinstance(data.get(key), Mapping):
                try:
                    mapping = title_mapping(data[key], key)
                except ValueError as error:
                    raise ValueError(f"{key}: {error}") from None
                if isinstance(language, str) and language in NAMES and language not in mapping:
                    raise ValueError(
                        f"{key}: has no text in {NAMES[language]} ({language}), the file's language (session.language); "
                        f"add {language}: … or set session.language to one of {', '.join(mapping)}"
                    )
                out[key], texts[key] = mapping.get(language, ""), mapping
        out["texts"] = texts
        return out

    @field_validator("language", mode="before")
    @classmethod
    def _known_language(cls, value: object) -> str:
        return language_code(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; write an IANA name such as 'Europe/Vienna'") from None
        return value


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Piece(Closed):
    """One item taken up in one meeting, from `start` to `end`."""

    item: str = Field(description="Agenda item id as printed.")
    start: ClockTime = Field(description="When the item is taken up in this meeting.")
    end: ClockTime = Field(description="When it ends or breaks off in this meeting.")
    minutes: int = Field(0, description="end - start, in minutes (informational).")
    continued: bool = Field(False, description="It runs on from an earlier meeting (printed '(continued)').")


class Meeting(Closed):
    """A meeting of the body: one sitting of one day."""

    number: int = Field(ge=1, description="1 for the body's first meeting of the session, and so on.")
    body: str | None = Field(None, description="Several bodies: the id of the body meeting.")
    room: str | None = Field(None, description="Several bodies with rooms: the room.")
    date: dt.date
    sitting: str = Field(description="Sitting name from the calendar: 'morning', 'afternoon' …")
    start: ClockTime = Field(description="Start of the sitting.")
    end: ClockTime = Field(description="End of the meeting: the sitting's end, or later when it runs into the sitting's extension.")
    extended_minutes: int = Field(
        0, exclude_if=lambda v: not v,
        description="Minutes it runs beyond its sitting's end, into the extension the calendar allows (included in `end`); left out when none.",
    )
    pieces: list[Piece] = Field(default_factory=list, description="Items taken up, in order.")


class SittingRecord(Closed):
    """A sitting of the calendar and what became of it: a meeting, free, or closed."""

    date: dt.date
    sitting: str
    start: ClockTime
    end: ClockTime
    extend_to: ClockTime | None = Field(None, exclude_if=lambda v: v is None, description="How far it may be extended if necessary; left out when it may not.")
    status: Literal["meeting", "free", "closed"]
    meeting: int | None = Field(None, description="The meeting's number when a meeting is held.")
    reason: str = Field("", description="Why a closed sitting is closed.")


class ItemRecord(Closed):
    """How much time an item was estimated to need and how much it receives."""

    body: str | None = None
    id: str
    item: str | None = Field(None, exclude_if=lambda v: v is None, description="An item's later part: the item's id, as the annex prints it.")
    part: int | None = Field(None, exclude_if=lambda v: v is None, description="An item in parts: which part this is (1, 2 …).")
    together: list[str] = Field(
        default_factory=list, exclude_if=lambda v: not v, description="Items taken up together with this one: their rows follow its rows."
    )
    with_item: str | None = Field(
        None, exclude_if=lambda v: v is None, description="Taken up together with this item, in its time (no pieces of its own)."
    )
    title: str
    titles: dict[str, str] = Field(
        default_factory=dict, exclude_if=lambda v: not v, description="The title per language, when the file gives it so ('title' is the file's language)."
    )
    kind: Literal["substantive", "procedural"]
    role: str
    estimate_minutes: int
    allotted_minutes: int
    meetings: list[int]


class Penalty(Closed):
    """A soft rule the draft breaks, how often, and what it costs."""

    body: str | None = None
    rule: str
    name: str
    weight: int
    count: int
    cost: int
    where: list[str] = Field(default_factory=list, description="The items or sittings concerned, in words.")


class MoveRecord(Closed):
    """An item taken up in other meetings than in the baseline."""

    body: str | None = Field(None, description="Several bodies: the body whose item it is.")
    item: str
    before: list[str] = Field(description="Its meetings in the baseline, e.g. 'Thursday, 7 September, morning'.")
    after: list[str] = Field(description="Its meetings now.")
    minutes_before: int
    minutes_after: int


class LeftOut(Closed):
    """An item a partial plan leaves out: taken up if time permits."""

    body: str | None = Field(None, description="Several bodies: the body whose item it is.")
    id: str
    title: str
    titles: dict[str, str] = Field(default_factory=dict, exclude_if=lambda v: not v, description="The title per language, as the item's.")
    estimate_minutes: int


class StageRecord(Closed):
    """One objective of the lexicographic solve, what it means, and how far it got."""

    name: str
    meaning: str
    status: str = Field(
        description="OPTIMAL (proved best), FEASIBLE (its share of the time limit ran out: the best found) or "
        "NOT FINISHED (nothing found in its share: the draft of the stage before stands)."
    )
    value: int


class SolverRecord(Closed):
    status: str = Field(
        description="Status of the penalty stage: OPTIMAL (proved best) or FEASIBLE (the best found in the time "
        "limit); INTERRUPTED when the planner stopped the search (Ctrl-C) and this is the best draft found so far."
    )
    objective: int = Field(description="Sum of the penalties' costs.")
    bound: int = Field(description="Best proven lower bound on that sum.")
    seed: int
    workers: int
    time_limit: float
    stages: list[StageRecord] = Field(description="The stages in order: each keeps the optimum of those before.")


class Tried(Closed):
    """One buffer tried for a reliable draft, and how likely its draft holds (none: no draft)."""

    buffer: float
    probability: float | None


class ReliabilityRecord(Closed):
    """`solve --reliability`: how likely the draft holds when items overrun, and what that cost."""

    target: float = Field(description="The chance asked for that the draft holds (every item within its meetings).")
    probability: float = Field(description="The chance it holds, by simulation (orgwork risk; several bodies: the least of theirs).")
    reached: bool = Field(description="Whether the probability reaches the target; if not, this is the most reliable draft found.")
    buffer: float = Field(
        description="How far the substantive and closing items' estimates were raised for this draft, in spreads: each estimate "
        "times exp(buffer x spread), 0 for the estimates as written (1 raises a debate's to the time it needs or less five times "
        "in six). The closing items then keep their own time, leaving the rest free; the estimates and penalties recorded are "
        "the file's, the solver record the buffered solve's."
    )
    samples: int
    seed: int
    meetings_used: int
    spare_minutes: int = Field(description="Free time left in the meetings held.")
    plain_probability: float = Field(description="The chance that the draft for the estimates as written holds.")
    plain_meetings_used: int
    plain_spare_minutes: int
    tried: list[Tried] = Field(default_factory=list, description="Every buffer tried, in order.")


class BodyRecord(Closed):
    """Several bodies: who they are, for the annexes and the grid."""

    id: str
    name: str
    symbol: str = ""
    meetings_granted: int
    room: str | None = None


class Schedule(Closed):
    format: str = FORMAT
    session: SessionInfo
    bodies: list[BodyRecord] = Field(default_factory=list, description="Several bodies; empty for one.")
    rooms: list[str] = Field(default_factory=list, description="Several bodies with rooms: the rooms, for the grid.")
    meetings: list[Meeting]
    meetings_granted: int | None = Field(None, description="Meetings granted, for the key figures.")
    numbered: bool = Field(
        False, exclude_if=lambda v: not v, description="The calendar's meetings are numbered, not dated: the dates are placeholders, never printed."
    )
    sittings: list[SittingRecord] = Field(default_factory=list, description="Every sitting of the session and its use.")
    items: list[ItemRecord] = Field(default_factory=list)
    penalties: list[Penalty] = Field(default_factory=list)
    moves: list[MoveRecord] = Field(default_factory=list, description="With a baseline: what moved from it.")
    left_out: list[LeftOut] = Field(default_factory=list, description="In a partial plan: items taken up if time permits.")
    solver: SolverRecord | None = None
    reliability: ReliabilityRecord | None = Field(
        None, exclude_if=lambda v: v is None, description="solve --reliability: the chance the draft holds and its cost; left out otherwise."
    )

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_defaults=False) + "\n"

    def for_body(self, body_id: str) -> Schedule:
        """One body's part, shaped as a single-body schedule (its annex, its validation)."""
        record = next(b for b in self.bodies if b.id == body_id)
        session = self.session.model_copy(update={"body": record.name, "symbol": record.symbol})
        return Schedule(
            session=session,
            meetings=[m.model_copy(update={"body": None, "room": None}) for m in self.meetings if m.body == body_id],
            meetings_granted=record.meetings_granted,
            sittings=[],
            items=[i.model_copy(update={"body": None}) for i in self.items if i.body == body_id],
            penalties=[p.model_copy(update={"body": None}) for p in self.penalties if p.body == body_id],
        )
