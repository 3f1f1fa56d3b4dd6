"""The boundary network: which items a meeting takes up for the first time after its beginning.

Each item is first taken up exactly once along the agenda's path: exactly at a boundary (its
START state) or inside one meeting, whose arc passes over it. Whether the network as a whole
removes no draft is tested in test_windows.py (the extreme drafts of the model without it)."""

from __future__ import annotations

from solver.model.boundaries import CROSS, START, _started_inside


def test_a_meeting_between_two_starts_takes_up_the_items_in_between():
    # item 2 starts the meeting, item 5 the next one: 3 and 4 begin inside this meeting
    assert list(_started_inside((2, START), (5, START), n=10)) == [3, 4]


def test_an_item_that_runs_on_into_the_next_meeting_began_in_this_one():
    assert list(_started_inside((2, START), (5, CROSS), n=10)) == [3, 4, 5]
    # item 2 ran over from the meeting before and runs on again: nothing else is taken up
    assert list(_started_inside((2, CROSS), (2, CROSS), n=10)) == []


def test_the_item_that_starts_the_meeting_is_not_taken_up_inside_it():
    assert list(_started_inside((2, START), (3, START), n=10)) == []
    assert list(_started_inside((2, CROSS), (3, START), n=10)) == []


def test_the_last_meeting_takes_up_everything_left():
    # the end of the session is the state (n, START)
    assert list(_started_inside((7, CROSS), (10, START), n=10)) == [8, 9]
