"""The network's state for planning, read in a handful of aggregate queries.

Plans for 100,000 people must not cost one query per person: every figure the scorer
needs (last touch, unanswered messages, give/ask counts, latest event) comes from the
contacts' stored columns (see `touch_stats`) and a few grouped queries, joined in Python
by contact id. The statements are SQL text run through `store.rows.Rows`, so `today` can
read them with the standard library's `sqlite3` alone (no SQLAlchemy import, the larger
part of its time) and the web app, `week` and PostgreSQL with the same statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, NamedTuple

from followthru.domain.plans import LAPSE_FIRST_PILES, PlanRules
from followthru.domain.scoring import PILE_WEIGHT
from followthru.store.rows import Rows, a_day, day


class Who(NamedTuple):
    """Whom a planning read covers: a SELECT of contact ids, never NULL (reads test
    `NOT IN` it), with its parameters, named after what they hold so that selections
    combine. An id selection, not a condition on each contact: the database looks the
    people up by id instead of testing all of them."""

    ids: str
    params: Mapping[str, object] = MappingProxyType({})

    def __or__(self, other: Who) -> Who:
        return Who(f"{self.ids} UNION {other.ids}", merged(self.params, other.params))


def merged(*params: Mapping[str, object]) -> dict[str, object]:
    """Parameters of statements put together; a name given two values is a mistake."""
    out: dict[str, object] = {}
    for found in params:
        clash = sorted(k for k in found.keys() & out.keys() if found[k] != out[k])
        if clash:
            raise ValueError(f"statements disagree on the parameters {clash}")
        out.update(found)
    return out


def among(rows: Rows, ids: Iterable[int], *, name: str = "who_ids") -> Who:
    """The people with these ids; two lists joined with `|` need names of their own. The
    name stays the same from run to run, so the statement's text does, and the database's
    statement cache keeps it."""
    return Who(rows.id_list(name), {name: sorted(set(ids))})


def _chosen(column: str, who: Who | None) -> tuple[str, Mapping[str, object]]:
    """A condition keeping `column` (a contact id) to the people `who` covers."""
    if who is None:
        return "1 = 1", {}
    return f"{column} IN ({who.ids})", who.params


class PersonFacts(NamedTuple):
    """What plans read of a person (a named tuple: made by the thousand, and defined by
    every `today`, where a dataclass costs several times more to define)."""

    id: int
    name: str
    pile: str | None
    cadence_days: int | None
    met_on: date | None
    snoozed_until: date | None
    last_touch_on: date | None
    last_in_on: date | None
    last_out_on: date | None
    unanswered: int
    given: int
    asks: int
    last_given_on: date | None
    last_ask_on: date | None
    has_email: bool
    has_phone: bool
    has_profile: bool
    latest_event: tuple[int, str, date] | None = None  # id, name, held_on


# Profile hosts where a person posts: a light touch there is "engage with their post".
PROFILE_HOSTS = ("linkedin.com/in/", "twitter.com/", "x.com/", "github.com/", "mastodon.")

# Whether each person has an e-mail address, a phone, a profile URL: which channel a
# message can take.
_REACHABLE = (
    "EXISTS (SELECT 1 FROM contact_emails AS e WHERE e.contact_id = c.id), "
    "EXISTS (SELECT 1 FROM contact_phones AS p WHERE p.contact_id = c.id), "
    "EXISTS (SELECT 1 FROM contact_urls AS u WHERE u.contact_id = c.id AND ("
    + " OR ".join(f"u.url_key LIKE :profile_{n}" for n in range(len(PROFILE_HOSTS)))
    + "))"
)
_PROFILE_PARAMS = {f"profile_{n}": f"{host}%" for n, host in enumerate(PROFILE_HOSTS)}

_FACTS = f"""
SELECT c.id, c.name, c.pile, c.cadence_days, c.met_on, c.snoozed_until, c.last_touch_on,
       c.last_in_on, c.last_out_on, c.unanswered, c.given_count, c.ask_count,
       c.last_given_on, c.last_ask_on, {_REACHABLE}
FROM contacts AS c WHERE NOT c.archived AND {{chosen}} ORDER BY c.id"""


def people_facts(rows: Rows, who: Who | None = None) -> dict[int, PersonFacts]:
    """Facts about every active person (or those `who` covers), keyed by contact id:
    one pass over the contacts, not over their touches."""
    chosen, params = _chosen("c.id", who)
    found = rows.all(_FACTS.format(chosen=chosen), {**_PROFILE_PARAMS, **params})
    if not found:
        return {}
    events = _latest_events(
        rows, who if who is None else among(rows, (r[0] for r in found), name="fact_ids")
    )
    return {row[0]: _facts(row, events.get(row[0])) for row in found}


def _facts(row: tuple[Any, ...], latest_event: tuple[int, str, date] | None) -> PersonFacts:
    (cid, name, pile, cadence, met, snoozed, last, last_in, last_out, unanswered) = row[:10]
    given, asks, given_on, ask_on, email, phone, profile = row[10:]
    return PersonFacts(
        cid,
        name,
        pile,
        cadence,
        day(met),
        day(snoozed),
        day(last),
        day(last_in),
        day(last_out),
        unanswered,
        given,
        asks,
        day(given_on),
        day(ask_on),
        bool(email),
        bool(phone),
        bool(profile),
        latest_event,
    )


def _latest_events(rows: Rows, who: Who | None) -> dict[int, tuple[int, str, date]]:
    """Each person's most recent dated event (the earliest recorded one on a tie)."""
    chosen, params = _chosen("ce.contact_id", who)
    sql = (
        "SELECT ce.contact_id, e.id, e.name, e.held_on FROM contact_events AS ce "
        "JOIN events AS e ON e.id = ce.event_id "
        f"WHERE e.held_on IS NOT NULL AND {chosen} ORDER BY e.held_on, e.id"
    )
    latest: dict[int, tuple[int, str, date]] = {}
    for cid, eid, name, held in rows.all(sql, params):
        held_on = day(held)
        if held_on is not None and (cid not in latest or held_on > latest[cid][2]):
            latest[cid] = (eid, name, held_on)
    return latest


def occasion_facts(
    rows: Rows, *, notes_since: date
) -> tuple[dict[int, str], dict[int, list[tuple[date, str]]], dict[int, date]]:
    """What congratulations are read from, for active people: stored birthdays, notes
    written since `notes_since`, and the last congratulation sent to each."""
    birthdays: dict[int, str] = {
        cid: birthday
        for cid, birthday in rows.all(
            "SELECT c.id, c.birthday FROM contacts AS c "
            "WHERE NOT c.archived AND c.birthday IS NOT NULL"
        )
        if birthday
    }
    recent = (
        "FROM notes AS n JOIN contacts AS c ON c.id = n.contact_id "
        "WHERE NOT c.archived AND n.written_on >= :notes_since"
    )
    since = {"notes_since": notes_since}
    notes: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for cid, on, text in rows.all(
        f"SELECT n.contact_id, n.written_on, n.text {recent} ORDER BY n.written_on, n.id", since
    ):
        notes[cid].append((a_day(on), text))
    sent = (  # only a noted win asks when it was last congratulated: read it for them alone
        "SELECT t.contact_id, max(t.happened_on) FROM touches AS t "
        "WHERE t.kind = 'congratulate' AND t.direction = 'out' "
        f"AND t.contact_id IN (SELECT n.contact_id {recent}) GROUP BY t.contact_id"
    )
    congratulated = {cid: a_day(on) for cid, on in rows.all(sent, since)}
    return birthdays, dict(notes), congratulated


def untriaged_count(rows: Rows) -> int:
    """Active people without a pile: the backlog `today` mentions."""
    sql = "SELECT count(*) FROM contacts AS c WHERE c.pile IS NULL AND NOT c.archived"
    return int(rows.all(sql)[0][0])


def active_count(rows: Rows) -> int:
    return int(rows.all("SELECT count(*) FROM contacts AS c WHERE NOT c.archived")[0][0])


def today_candidates(today: date, *, fresh_days: int) -> Who:
    """Who `today` must score whatever else holds: promise holders and people from events
    of the last `fresh_days` days. Reconnects come from `reconnect_pool`."""
    return Who(
        "SELECT contact_id FROM promises WHERE status = 'open' UNION "
        "SELECT ce.contact_id FROM contact_events AS ce JOIN events AS ev "
        "ON ev.id = ce.event_id WHERE ev.held_on >= :fresh_since AND ev.held_on <= :fresh_until",
        {"fresh_since": today - timedelta(days=fresh_days), "fresh_until": today},
    )


_SINCE = "coalesce(c.last_touch_on, c.met_on)"


def reconnect_pool(
    rows: Rows, today: date, rules: PlanRules, *, cadences: dict[str, int], besides: Who
) -> list[int]:
    """Who, outside `besides`, can be one of today's `rules.reconnects` reconnects.

    At 100,000 people most of the network is quiet enough to reconnect with; scoring all of
    them to keep three costs seconds. The reconnect order (`domain.plans`: targets lapsed
    past their cadence, band, pile, then the most recently in touch, then score) is
    computed here up to the score: the first n people in it, with everyone tied with the
    n-th (their scores decide among them), can make the list; anyone further down has n
    people ahead who are never taken by another section (those are all in `besides`), so
    they cannot.
    """
    lapse = ", ".join(f":lapse_{n}" for n in range(len(LAPSE_FIRST_PILES)))
    weights = [(pile, w) for pile, w in PILE_WEIGHT.items() if pile is not None]
    weight = " ".join(f"WHEN c.pile = :pile_{n} THEN :weight_{n}" for n in range(len(weights)))
    sql = f"""
SELECT c.id,
  CASE WHEN c.pile IN ({lapse}) AND ({_SINCE} IS NULL
       OR {_SINCE} <= {rows.days_before("pool_today", _cadence(cadences))}) THEN 0 ELSE 1 END
    AS lapsed,
  CASE WHEN {_SINCE} IS NULL THEN 2 WHEN {_SINCE} >= :band_edge THEN 0 ELSE 1 END AS band,
  CASE WHEN c.pile IS NULL THEN :weight_none {weight} ELSE 0.0 END AS weight,
  {_SINCE} AS since
FROM contacts AS c
WHERE NOT c.archived AND ({_SINCE} IS NULL OR {_SINCE} <= :quiet_edge)
  AND NOT (c.unanswered >= :cool_count AND c.last_out_on IS NOT NULL
           AND c.last_out_on > :cool_edge)
  AND NOT (c.snoozed_until IS NOT NULL AND c.snoozed_until > :pool_today)
  AND c.id NOT IN ({besides.ids})
ORDER BY lapsed, band, weight DESC, since DESC"""
    params = merged(
        besides.params,
        _cadence_params(cadences),
        {f"lapse_{n}": pile for n, pile in enumerate(LAPSE_FIRST_PILES)},
        {f"pile_{n}": pile for n, (pile, _) in enumerate(weights)},
        {f"weight_{n}": w for n, (_, w) in enumerate(weights)},
        {
            "weight_none": PILE_WEIGHT[None],
            "pool_today": today,
            "band_edge": today - timedelta(rules.reconnect_max_days),
            "quiet_edge": today - timedelta(rules.reconnect_min_days),
            "cool_count": rules.cooldown_unanswered,
            "cool_edge": today - timedelta(rules.cooldown_days),
        },
    )
    n = rules.reconnects
    limit = n + TIES_READ_AHEAD
    found = rows.all(f"{sql} LIMIT {limit}", params)
    if len(found) == limit and len(_first_with_ties(found, n)) == limit:  # ties run further
        found = rows.all(sql, params)
    return _first_with_ties(found, n)


TIES_READ_AHEAD = 50  # rows read past the n-th, where ties with it usually end


def _first_with_ties(rows: list[tuple[Any, ...]], n: int) -> list[int]:
    """The ids of the first n rows (id, *key), and of every later row whose key equals the
    n-th one's."""
    chosen: list[int] = []
    last: tuple[Any, ...] | None = None
    for row in rows:
        key: tuple[Any, ...] = tuple(row[1:])
        if len(chosen) >= n and key != last:
            break
        chosen.append(row[0])
        last = key
    return chosen


def due_for_a_touch(rows: Rows, today: date, cadences: dict[str, int]) -> Who:
    """Not snoozed and not touched within their cadence, untriaged people included: who a
    week plan may hold."""
    within = rows.days_before("due_today", _cadence(cadences))
    return Who(
        f"SELECT c.id FROM contacts AS c WHERE NOT (c.last_touch_on IS NOT NULL "
        f"AND c.last_touch_on > {within}) "
        "AND NOT (c.snoozed_until IS NOT NULL AND c.snoozed_until > :due_today)",
        {"due_today": today, **_cadence_params(cadences)},
    )


def _cadence(cadences: dict[str, int]) -> str:
    """A person's own cadence, else their pile's (untriaged people take the general one)."""
    piles = " ".join(
        f"WHEN c.pile = :cadence_pile_{n} THEN :cadence_{n}" for n in range(len(cadences))
    )
    return f"coalesce(c.cadence_days, CASE {piles} ELSE :cadence_general END)"


def _cadence_params(cadences: dict[str, int]) -> dict[str, object]:
    return {
        "cadence_general": cadences["general"],
        **{f"cadence_pile_{n}": pile for n, pile in enumerate(cadences)},
        **{f"cadence_{n}": days for n, days in enumerate(cadences.values())},
    }


class OpenPromiseRow(NamedTuple):
    """An open promise as plans read it: plain columns, no ORM bookkeeping."""

    id: int
    contact_id: int
    what: str
    owner: str
    due_on: date | None
    made_on: date


def open_promises(rows: Rows, who: Who | None = None) -> dict[int, list[OpenPromiseRow]]:
    """Open promises per person, oldest first, of everyone (or those `who` covers)."""
    chosen, params = _chosen("p.contact_id", who)
    sql = (
        "SELECT p.id, p.contact_id, p.what, p.owner, p.due_on, p.made_on FROM promises AS p "
        f"WHERE p.status = 'open' AND {chosen} ORDER BY p.id"
    )
    by_contact: dict[int, list[OpenPromiseRow]] = defaultdict(list)
    for pid, cid, what, owner, due, made in rows.all(sql, params):
        by_contact[cid].append(OpenPromiseRow(pid, cid, what, owner, day(due), a_day(made)))
    return by_contact


def kept_promise_counts(rows: Rows, who: Who | None = None) -> dict[int, int]:
    """Promises kept, per person: a kept promise is a relationship the week's deeper
    conversation can build on."""
    chosen, params = _chosen("p.contact_id", who)
    sql = (
        "SELECT p.contact_id, count(*) FROM promises AS p "
        f"WHERE p.status = 'done' AND {chosen} GROUP BY p.contact_id"
    )
    return {cid: int(n) for cid, n in rows.all(sql, params)}


def recent_texts(rows: Rows, contact_ids: list[int]) -> dict[int, list[str]]:
    """Touch summaries and notes per person, newest first: where the last topic is found."""
    if not contact_ids:
        return {}
    ids = {"who_ids": contact_ids}
    dated: dict[int, list[tuple[date | None, int, str]]] = defaultdict(list)
    for sql in (
        "SELECT contact_id, happened_on, id, summary FROM touches "
        f"WHERE {rows.in_ids('contact_id', 'who_ids')} AND summary != ''",
        "SELECT contact_id, written_on, id, text FROM notes "
        f"WHERE {rows.in_ids('contact_id', 'who_ids')}",
    ):
        for cid, on, row_id, text in rows.all(sql, ids):
            dated[cid].append((day(on), row_id, text))
    return {
        cid: [text for _, _, text in sorted(found, key=_newest_key, reverse=True)]
        for cid, found in dated.items()
    }


def _newest_key(item: tuple[date | None, int, str]) -> tuple[date, int, str]:
    return (item[0] or date.min, item[1], item[2])


def kind_counts(rows: Rows, contact_ids: list[int]) -> dict[tuple[int, str], int]:
    """Outbound touches per (person, kind): drafts rotate their wording by this count."""
    if not contact_ids:
        return {}
    sql = (
        "SELECT contact_id, kind, count(*) FROM touches "
        f"WHERE {rows.in_ids('contact_id', 'who_ids')} AND direction = 'out' "
        "GROUP BY contact_id, kind"
    )
    return {(cid, kind): int(n) for cid, kind, n in rows.all(sql, {"who_ids": contact_ids})}


class Addressee(NamedTuple):
    """Who a drafted message goes to: the contact columns a draft speaks of."""

    id: int
    name: str
    given_name: str
    company: str | None
    title: str | None
    pile: str | None
    unanswered: int


def addressees(rows: Rows, contact_ids: list[int]) -> dict[int, Addressee]:
    if not contact_ids:
        return {}
    sql = (
        "SELECT id, name, given_name, company, title, pile, unanswered FROM contacts "
        f"WHERE {rows.in_ids('id', 'who_ids')}"
    )
    return {row[0]: Addressee(*row) for row in rows.all(sql, {"who_ids": contact_ids})}


def first_emails(rows: Rows, contact_ids: list[int]) -> dict[int, str]:
    """Each person's first e-mail address: where a drafted message goes."""
    if not contact_ids:
        return {}
    sql = (
        "SELECT contact_id, address FROM contact_emails "
        f"WHERE {rows.in_ids('contact_id', 'who_ids')} ORDER BY contact_id, position, id"
    )
    first: dict[int, str] = {}
    for cid, address in rows.all(sql, {"who_ids": contact_ids}):
        first.setdefault(cid, address)
    return first
