"""How long an item really takes: the duration model of `orgwork risk`.

An item's need is its estimate times a lognormal factor whose median is 1: half the time an
item needs less than its estimate, half the time more, and when it needs more it can need much
more (a right-skewed spread). The spread is the standard deviation of the factor's logarithm:
by default by role and kind (procedural items barely move, debates move most), replaced per
role or kind by the rules' `spreads:` and per item by its own `spread:`.

An item ends at its planned end, or later when its need is not met by then: a debate given more
than its estimate uses the time to its planned end (substantive items absorb spare time, and a
chair does not close a list of speakers early), so its slack absorbs what ran late before it, and
it runs over only when its need does. Nothing ends early: this is the "Parkinson distribution with
a lognormal core" of Trietsch, Mazmanyan, Gevorgyan and Baker (European Journal of Operational
Research 216, 2012), validated there on field data of activity times; lognormal activity times
are also the rule for surgical procedures (May, Strum and Vargas, Decision Sciences 31, 2000).

The default spread of a debate is read off the General Assembly's general debate, where each
speaker is asked to keep to 15 minutes: in 2016, 194 speeches averaged just over 17 minutes,
from 5 to 48 (the Department for General Assembly and Conference Management's synopsis of the
71st general debate); in 2022, 195 speeches averaged 19 minutes, the longest 47 (Associated
Press, 28 September 2022). A factor of median 1 and spread 0.4 on the limit gives a mean speech
of 1.08 times the limit (1.21 with the Parkinson floor), against 1.13 and 1.27 observed, and over
195 speeches an expected range of a third to three times the limit, against 5 to 48 minutes
observed. A debate item is many speeches, whose overruns partly cancel, so its default is 0.3;
a report or a statement 0.2; opening, other matters and closure 0.1.
"""

from __future__ import annotations

import numpy as np

DEFAULT_SPREADS: dict[str, float] = {
    "substantive": 0.3,
    "segment": 0.3,
    "statement": 0.2,
    "report": 0.2,
    "procedural": 0.1,
    "opening": 0.1,
    "other-matters": 0.1,
    "closing": 0.1,
}

SOURCE = (
    "Lognormal need around the estimate (median = estimate); an item ends at its planned end or when its need is met, "
    "whichever is later (Trietsch et al., EJOR 2012); spreads from General Assembly general-debate speech lengths (2016: mean 17 min, "
    "5-48, against a 15-minute limit; 2022: mean 19, longest 47)"
)


def spread_for(role: str, substantive: bool, own: float | None, rules: dict[str, float]) -> float:
    """An item's spread: its own, else its role's, else its kind's, from the rules' table over
    the defaults. Events are held for their time (spread 0): fixed events hold."""
    if own is not None:
        return own
    if role == "event":
        return 0.0
    kind = "substantive" if substantive else "procedural"
    table = {**DEFAULT_SPREADS, **rules}
    if role in rules:
        return rules[role]
    if kind in rules:
        return rules[kind]
    return table.get(role, table[kind])


def needs(estimates: np.ndarray, spreads: np.ndarray, rng: np.random.Generator, samples: int) -> np.ndarray:
    """Minutes each item needs in each sample, shape (items, samples): its estimate times a
    lognormal factor of median 1."""
    z = rng.standard_normal((len(estimates), samples))
    return estimates[:, None] * np.exp(spreads[:, None] * z)


def learned_spreads(pairs: dict[str, list[tuple[float, float]]]) -> dict[str, float]:
    """Spreads learned from past sessions: per role or kind, (estimate, minutes actually taken)
    pairs, as the standard deviation of log(taken / estimate) over the items seen (two at least).

    The hook for `orgwork learn`: its estimates file can carry these as `spreads:` for the
    instance's rules; past schedules record per item its estimate and the time it received."""
    out = {}
    for key, seen in pairs.items():
        ratios = [np.log(minutes / estimate) for estimate, minutes in seen if estimate > 0 and minutes > 0]
        if len(ratios) >= 2:
            out[key] = round(float(np.std(ratios, ddof=1)), 2)
    return out
