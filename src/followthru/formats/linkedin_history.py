"""LinkedIn's data export → `Exchange`s: `messages.csv` and `Invitations.csv`.

LinkedIn gives messages no id, so a message is known by a hash of its conversation, sender
and time; the CONTENT column is never read. Names and profile URLs travel together, so a
message can be matched by profile first and by exact name after.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from datetime import date, datetime, tzinfo

from followthru.domain.history import Exchange, Party

MESSAGE_COLUMNS = frozenset({"CONVERSATION ID", "FROM", "SENDER PROFILE URL", "DATE"})
INVITATION_COLUMNS = frozenset({"FROM", "TO", "SENT AT", "DIRECTION"})
_FORMATS = (
    "%Y-%m-%d %H:%M:%S %Z",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%Y-%m-%d",
)


def _rows(text: str, wanted: frozenset[str]) -> Iterator[dict[str, str]]:
    """The rows under the first line holding the wanted columns (the export may open with
    a few lines of notes), with upper-cased column names."""
    lines = text.splitlines()
    for start, line in enumerate(lines[:20]):
        if columns_match(line, wanted):
            reader = csv.DictReader(io.StringIO("\n".join(lines[start:])))
            for row in reader:
                yield {
                    (k or "").strip().upper(): (v or "").strip()
                    for k, v in row.items()
                    if isinstance(v, str)
                }
            return


def columns_match(text: str, wanted: frozenset[str]) -> bool:
    """Whether one of the first lines names all the wanted columns."""
    return any(
        wanted <= {c.strip().upper() for c in next(csv.reader([line]), [])}
        for line in text.splitlines()[:20]
    )


def _day(raw: str, zone: tzinfo | None) -> date | None:
    for fmt in _FORMATS:
        try:
            moment = datetime.strptime(raw.replace("UTC", "+0000").strip(), fmt.replace("%Z", "%z"))
        except ValueError:
            continue
        return moment.astimezone(zone).date() if moment.tzinfo else moment.date()
    return None


def _key(prefix: str, *parts: str) -> str:
    return f"{prefix}:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _recipients(names: str, urls: str) -> tuple[Party, ...]:
    links = [u.strip() for u in urls.split(",") if u.strip()]
    people = [n.strip() for n in names.split(",") if n.strip()]
    if len(people) != len(links):  # names with commas: only the profiles can be trusted
        return tuple(Party(profile=u) for u in links) or tuple(Party(n) for n in people)
    return tuple(Party(n, profile=u) for n, u in zip(people, links, strict=True))


def messages(text: str, zone: tzinfo | None = None) -> Iterator[Exchange]:
    for row in _rows(text, MESSAGE_COLUMNS):
        on = _day(row.get("DATE", ""), zone)
        if on is None or row.get("IS MESSAGE DRAFT", "").lower() == "yes":
            continue
        sender = Party(row.get("FROM", ""), profile=row.get("SENDER PROFILE URL", ""))
        yield Exchange(
            key=_key("li", row.get("CONVERSATION ID", ""), sender.key, row.get("DATE", "")),
            on=on,
            channel="linkedin",
            sender=sender,
            others=_recipients(row.get("TO", ""), row.get("RECIPIENT PROFILE URLS", "")),
            subject=(row.get("SUBJECT") or row.get("CONVERSATION TITLE", ""))[:500],
        )


def invitations(text: str, zone: tzinfo | None = None) -> Iterator[Exchange]:
    for row in _rows(text, INVITATION_COLUMNS):
        on = _day(row.get("SENT AT", ""), zone)
        if on is None:
            continue
        inviter = Party(row.get("FROM", ""), profile=row.get("INVITERPROFILEURL", ""))
        invitee = Party(row.get("TO", ""), profile=row.get("INVITEEPROFILEURL", ""))
        yield Exchange(
            key=_key("li-invite", inviter.key, invitee.key, row.get("SENT AT", "")),
            on=on,
            channel="linkedin",
            sender=inviter,
            others=(invitee,),
            subject="Invitation to connect",
        )
