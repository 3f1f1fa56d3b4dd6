"""The ways a request fails, as the command line reports them.

`InputError`: the file is malformed or refers to something that does not exist (exit 1).
`DoesNotFit`: the file is sound but no schedule satisfies it (exit 2), with reasons in planner terms.
`NotFoundInTime`: no draft was found within the time limit, which says nothing of fitting (exit 4).
`Interrupted`: the planner pressed Ctrl-C before any draft was found (exit 130).
"""

from __future__ import annotations


class OrgworkError(Exception):
    """Base of the errors the command line turns into one clear message."""


class InputError(OrgworkError):
    """A file that cannot be read as what it should be; the message names file, field and fix."""


class DoesNotFit(OrgworkError):
    """The agenda cannot be organized under the rules; `reasons` say why, one line each."""

    def __init__(
        self, summary: str, reasons: tuple[str, ...] = (), rules: tuple[str, ...] = (), facts: tuple[tuple[str, str], ...] = ()
    ) -> None:
        super().__init__(summary)
        self.summary = summary
        self.reasons = reasons
        self.rules = rules
        self.facts = facts  # (rule, item) pairs that conflict, when the arithmetic already knows them

    def __str__(self) -> str:
        return "; ".join((self.summary, *self.reasons)) if self.reasons else self.summary


class NotFoundInTime(OrgworkError):
    """The search ended at its time limit before it found any draft: the agenda may well fit, and
    nothing is said about ways out (the command line's own exit code, not 'does not fit')."""


class Interrupted(OrgworkError):
    """The planner stopped the search (Ctrl-C) before any draft was found."""
