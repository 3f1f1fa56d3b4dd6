"""What each stage of the solve looks for, in planner terms: recorded in every schedule and shown
in the progress line. No OR-Tools here, so that commands which do not solve can read it."""

SITTING_HOURS = "sitting hours"  # the stage of 'Sittings kept to their hours', first where a sitting may be extended

MEANINGS = {
    SITTING_HOURS: "as few minutes as possible beyond the sittings' ends, into their extensions",
    "moves": "as few items moved from the baseline as possible",
    "minutes": "as few minutes changed from the baseline as possible",
    "bodies moved": "as few bodies as possible meet in other sittings or another room than in the baseline",
    "penalties": "the soft conventions' weighted penalties",
    "room changes": "a body that may change rooms between days does so as seldom as it may",
    "meeting shares": "spare meetings shared in proportion to estimates",
    "spread": "as few bodies meeting at once as the session allows, so that the work spreads over its sittings",
    "just before": "a body that meets before another body's item or meetings starts as late as it may: just before what it prepares",
    "bodies early": "each body meets as early as its dates allow",
    "spare at the end": "substantive items taken up in as early a meeting as they may be, procedural ones as late, "
    "so that spare meetings go to the end (then the structure is fixed)",
    "latest": "items taken up as late as the meetings allow",
    "earliest": "items taken up as early and as short as they may be",
}
