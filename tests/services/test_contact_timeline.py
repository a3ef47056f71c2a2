"""The order and wording of a person's timeline (`followthru show`), built from plain rows.

Items of one day read in the order things happen: met, noted, promised, followed up, and a
promise closed that day comes last; each touch is one line saying how, which way, how often
and with whom.
"""

from __future__ import annotations

from datetime import date

from followthru.domain.vocab import PromiseStatus
from followthru.services import views
from followthru.services.person_view import _timeline
from followthru.store.models import Note, Touch

DAY = date(2026, 11, 20)


def _summary(events: list[views.EventRef], met_on: date | None) -> views.ContactSummary:
    return views.ContactSummary(
        id=1, name="Jane Doe", company=None, title=None, pile="target", emails=[], phones=[],
        tags=[], events=events, met_on=met_on, last_touch_on=None, open_promises=0,
        archived=False,
    )  # fmt: skip


def _promise(pid: int, status: PromiseStatus, reason: str | None = None) -> views.PromiseView:
    return views.PromiseView(
        id=pid, contact_id=1, contact_name="Jane Doe", what="an intro", owner="them",
        due_on=None, status=status, made_on=DAY, closed_on=DAY, drop_reason=reason,
        days_late=0,
    )  # fmt: skip


def test_one_day_reads_met_note_promise_touch_then_closed_promises() -> None:
    touch = Touch(
        id=7, contact_id=1, happened_on=DAY, channel="email", kind="ask", direction="in",
        summary="", count=3, with_contact_id=2,
    )  # fmt: skip
    items = _timeline(
        _summary([views.EventRef(1, "PyData", DAY), views.EventRef(2, "Undated", None)], None),
        [touch],
        [_promise(5, PromiseStatus.DROPPED), _promise(6, PromiseStatus.DONE)],
        [Note(id=3, contact_id=1, written_on=DAY, text="talked costs")],
        {2: "Sam Lee"},
    )
    assert [(i.kind, i.text, i.ref) for i in items] == [
        ("met", "Met at PyData", ""),
        ("note", "talked costs", "#3"),
        ("promise", "They promised: an intro", "#5"),
        ("promise", "They promised: an intro", "#6"),
        ("touch", "ask via email (from them, 3 times) with Sam Lee", "#7"),
        ("promise-dropped", "Promise #5 dropped (no reason): an intro", "#5"),
        ("promise-done", "Promise #6 kept: an intro", "#6"),
    ]
    assert items[4].detail["with"] == "Sam Lee" and items[4].detail["direction"] == "in"


def test_without_events_the_connection_date_stands_alone_and_open_promises_once() -> None:
    open_promise = views.PromiseView(
        id=9, contact_id=1, contact_name="Jane Doe", what="lunch", owner="me", due_on=None,
        status=PromiseStatus.OPEN, made_on=DAY, closed_on=None, drop_reason=None, days_late=0,
    )  # fmt: skip
    items = _timeline(_summary([], date(2026, 1, 2)), [], [open_promise], [], {})
    assert [(i.on, i.kind, i.text) for i in items] == [
        (date(2026, 1, 2), "connected", "Connected"),
        (DAY, "promise", "I promised: lunch"),
    ]
