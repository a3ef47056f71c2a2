"""Likely duplicates, merging two people into one, and undoing a merge (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from followthru.domain import dupes
from followthru.domain.identity import same_names
from followthru.store.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactEvent,
    ContactExtra,
    ContactPhone,
    ContactPhoto,
    ContactSource,
    ContactTag,
    ContactUrl,
    Note,
    Promise,
    Touch,
    WeekItem,
)

AddContact = Callable[..., dict[str, Any]]


def flat(text: str) -> str:
    return " ".join(text.split())


def pair_of(pairs: list[dict[str, Any]], a: int, b: int) -> dict[str, Any] | None:
    for pair in pairs:
        if {pair["a"]["id"], pair["b"]["id"]} == {a, b}:
            return pair
    return None


def small_network(cli: Any, ctx: Any, add_contact: AddContact) -> dict[str, int]:
    ids = {
        "jane": add_contact("Jane Doe", company="Contoso", email="jane@contoso.com")["id"],
        "deo": add_contact("Jane Deo", company="Contoso", email="jdoe@contoso.com")["id"],
        "bob": add_contact("Bob Smith", company="Acme")["id"],
        "bob2": add_contact("Bob Smith", company="Globex")["id"],
        "ann": add_contact("Ann Lee", email="ann@gmail.com")["id"],
        "anne": add_contact("Anne Lee", email="anne.lee@gmail.com")["id"],
        "chris": add_contact("Chris Park", email="chris@initech.com")["id"],
        "cp": add_contact("C. Park")["id"],
        "maria": add_contact("Maria Garcia", company="Initech", email="maria@initech.com")["id"],
        "tom": add_contact("Tom Becker", company="Initech", email="tom@initech.com")["id"],
    }
    # `add` refuses an address someone has: the same one twice comes from older data.
    with ctx.db.write() as session:
        session.add(
            ContactEmail(
                contact_id=ids["cp"], address="Chris@Initech.com", address_key="chris@initech.com"
            )
        )
    return ids


def test_dupes_finds_pairs_with_reasons(cli: Any, ctx: Any, add_contact: AddContact) -> None:
    ids = small_network(cli, ctx, add_contact)
    pairs = cli.json("dupes")

    typo = pair_of(pairs, ids["jane"], ids["deo"])
    assert typo is not None
    assert typo["reason"].startswith("similar name")
    assert "same company (Contoso)" in typo["reason"]
    assert "same e-mail domain (contoso.com)" in typo["reason"]

    namesakes = pair_of(pairs, ids["bob"], ids["bob2"])
    assert namesakes is not None
    assert namesakes["reason"] == "same name, different companies (Acme / Globex)"
    assert namesakes["confidence"] < typo["confidence"]

    free = pair_of(pairs, ids["ann"], ids["anne"])
    assert free is not None
    assert "gmail" not in free["reason"] and "domain" not in free["reason"]
    assert free["confidence"] < typo["confidence"]

    shared = pair_of(pairs, ids["chris"], ids["cp"])
    assert shared is not None
    assert shared["confidence"] >= 0.9
    assert "shared e-mail chris@initech.com" in shared["reason"]
    assert pairs[0] == shared  # most certain first

    # Colleagues at one company with different names are not duplicates.
    assert pair_of(pairs, ids["maria"], ids["tom"]) is None
    assert all(p["confidence"] >= 0.5 for p in pairs)
    assert len(pairs) == 4


def test_dupes_json_shape_and_order(cli: Any, ctx: Any, add_contact: AddContact) -> None:
    small_network(cli, ctx, add_contact)
    pairs = cli.json("dupes")
    assert isinstance(pairs, list) and pairs
    for pair in pairs:
        assert set(pair) == {"a", "b", "confidence", "reason", "merge"}
        assert set(pair["a"]) == {"id", "name", "company"} == set(pair["b"])
        assert pair["a"]["id"] < pair["b"]["id"]
        assert isinstance(pair["confidence"], float) and 0 <= pair["confidence"] <= 1
        assert pair["reason"]
        assert pair["merge"] == f"followthru merge '#{pair['a']['id']}' '#{pair['b']['id']}'"
    confidences = [p["confidence"] for p in pairs]
    assert confidences == sorted(confidences, reverse=True)
    assert cli.json("dupes", "--min", "0.9") == [p for p in pairs if p["confidence"] >= 0.9]
    text = cli.ok("dupes").stdout
    assert "Deo" in text and "4 pair(s)" in text
    assert cli.json("dupes", "--limit", "2") == pairs[:2]
    assert "and 3 less likely" in flat(cli.ok("dupes", "--limit", "1").stdout)


def test_dupes_none_and_archived_left_out(cli: Any, add_contact: AddContact) -> None:
    assert cli.json("dupes") == []
    assert "No likely duplicates" in cli.ok("dupes").stdout
    add_contact("Jane Doe", company="Contoso")
    add_contact("Jane Doe", company="Contoso")
    assert len(cli.json("dupes")) == 1
    cli.ok("archive", "#2")
    assert cli.json("dupes") == []
    assert cli("dupes", "--min", "2").exit_code == 2


def test_merge_refuses_the_same_person(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe", email="jane@contoso.com")
    result = cli("merge", "jane", "#1", "--yes")
    assert result.exit_code == 2
    assert "two different people" in flat(result.output)
    assert cli("merge", "jane", "--yes").exit_code == 2  # one name only
    assert cli.json("show", "#1")["name"] == "Jane Doe"


def rich_pair(cli: Any, ctx: Any, add_contact: AddContact) -> tuple[int, int, int]:
    """Jane (kept) and her duplicate Jane Deo with one of every kind of row; Sam was
    introduced by the duplicate and introduced her to someone."""
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    cli.ok("event", "add", "Web Summit", "--date", "2026-11-10")
    a = add_contact(
        "Jane Doe", company="Contoso", email="jane@contoso.com", tag="investor", event="pydata"
    )["id"]
    sam = add_contact("Sam Lee")["id"]
    b = add_contact(
        "Jane Deo",
        email="jdoe@contoso.com",
        phone="+1 519 555 0101",
        title="CTO",
        tag="investor",
        event="web summit",
        introduced_by="sam",
        note="great chat, I'll send her the deck by Friday",
    )["id"]
    cli.ok("tag", f"#{b}", "+founder")
    cli.ok("edit", "sam", "--introduced-by", f"#{b}")
    cli.ok("log", f"#{b}", "--on", "2026-11-15", "coffee")
    cli.ok("log", f"#{b}", "--kind", "checkin", "--inbound", "--on", "2026-11-17", "replied")
    cli.ok("log", "sam", "--kind", "connect", "--with", f"#{b}", "--on", "2026-11-16", "intro")
    cli.ok("log", f"#{a}", "--on", "2026-11-01", "first email")
    cli.ok("promise", f"#{b}", "intro to CFO", "--owner", "them")
    with ctx.db.write() as session:
        session.add_all(
            [
                ContactUrl(
                    contact_id=b, url="https://linkedin.com/in/jdeo", url_key="linkedin.com/in/jdeo"
                ),
                ContactAddress(contact_id=b, text="1 Main St, Springfield"),
                ContactExtra(contact_id=b, line="X-SOCIALPROFILE:mastodon"),
                ContactPhoto(contact_id=b, media_type="image/png", data=b"\x89PNG"),
                ContactSource(
                    contact_id=b,
                    kind="vcard",
                    key="v:1",
                    label="phone.vcf",
                    imported_on=date(2026, 11, 2),
                ),
                ContactUrl(
                    contact_id=a, url="https://contoso.com/jane", url_key="contoso.com/jane"
                ),
                WeekItem(
                    week_of=date(2026, 11, 16),
                    position=1,
                    slot="light",
                    contact_id=b,
                    action="checkin",
                    channel="email",
                ),
            ]
        )
    return a, b, sam


def rows_of(session: Any, model: Any, contact_id: int) -> list[Any]:
    return list(session.scalars(select(model).where(model.contact_id == contact_id)))


def test_merge_moves_every_kind_of_row(cli: Any, ctx: Any, add_contact: AddContact) -> None:
    a, b, sam = rich_pair(cli, ctx, add_contact)
    assert cli("merge", f"#{a}", f"#{b}", input="n\n").exit_code != 0  # asked, and declined
    merged = cli.json("merge", f"#{a}", f"#{b}", "--yes")
    assert merged["kept"]["id"] == a
    assert merged["removed"] == {"id": b, "name": "Jane Deo"}
    kept = merged["kept"]
    assert kept["name"] == "Jane Doe"  # A's own fields stay
    assert kept["company"] == "Contoso"
    assert kept["title"] == "CTO"  # an empty field of A, filled from B
    assert kept["emails"] == ["jane@contoso.com", "jdoe@contoso.com"]
    assert kept["phones"] == ["+15195550101"]
    assert kept["tags"] == ["founder", "investor"]
    assert sorted(kept["events"]) == ["PyData London 2026", "Web Summit"]
    assert kept["last_touch_on"] == "2026-11-17"  # touch summary refreshed
    assert cli("show", f"#{b}").exit_code == 2  # B is gone
    with ctx.db.read() as session:
        assert session.get(Contact, b) is None
        jane = session.get(Contact, a)
        assert jane is not None
        assert jane.introduced_by_id == sam
        assert jane.work_key == "contoso cto"
        assert jane.last_in_on == date(2026, 11, 17) and jane.unanswered == 0
        assert sorted(t.summary for t in rows_of(session, Touch, a)) == [
            "coffee",
            "first email",
            "intro",  # B's side of the introduction Sam made
            "replied",
        ]
        assert len(rows_of(session, Note, a)) == 1
        assert sorted(p.what for p in rows_of(session, Promise, a)) == [
            "intro to CFO",
            "send her the deck",
        ]
        assert len(rows_of(session, ContactTag, a)) == 2
        assert len(rows_of(session, ContactEvent, a)) == 2
        urls = sorted(rows_of(session, ContactUrl, a), key=lambda u: u.position)
        assert [(u.position, u.url_key) for u in urls] == [
            (0, "contoso.com/jane"),  # A's own first
            (1, "linkedin.com/in/jdeo"),
        ]
        assert len(rows_of(session, ContactAddress, a)) == 1
        assert len(rows_of(session, ContactExtra, a)) == 1
        assert len(rows_of(session, ContactPhoto, a)) == 1
        assert len(rows_of(session, ContactSource, a)) == 1
        assert len(rows_of(session, WeekItem, a)) == 1
        assert len(rows_of(session, ContactPhone, a)) == 1
        # Other people's rows that pointed at B point at A.
        assert session.get(Contact, sam).introduced_by_id == a  # type: ignore[union-attr]
        intro = session.scalars(select(Touch).where(Touch.contact_id == sam)).one()
        assert intro.with_contact_id == a
        for model in (Touch, Note, Promise, ContactTag, ContactEvent, ContactUrl, WeekItem):
            assert rows_of(session, model, b) == []


def test_merge_keeps_the_photo_of_the_kept_person(
    cli: Any, ctx: Any, add_contact: AddContact
) -> None:
    a = add_contact("Jane Doe")["id"]
    b = add_contact("Jane Deo")["id"]
    with ctx.db.write() as session:
        session.add(ContactPhoto(contact_id=a, media_type="image/png", data=b"A"))
        session.add(ContactPhoto(contact_id=b, media_type="image/png", data=b"B"))
    cli.ok("merge", "#1", "#2", "--yes")
    with ctx.db.read() as session:
        assert [p.data for p in session.scalars(select(ContactPhoto))] == [b"A"]


def comparable(cli: Any, ctx: Any) -> dict[str, Any]:
    from followthru.services.transfer import backup

    tables = backup(ctx)["tables"]
    for journal in ("changes", "change_people"):  # the merge and its undo are recorded there
        tables.pop(journal)
    return tables


def test_merge_then_undo_restores_both_exactly(cli: Any, ctx: Any, add_contact: AddContact) -> None:
    a, b, _sam = rich_pair(cli, ctx, add_contact)
    before = comparable(cli, ctx)
    cli.ok("merge", f"#{a}", f"#{b}", "--yes")
    assert comparable(cli, ctx) != before
    undone = cli.json("merge", "--undo")
    assert undone["kept"]["id"] == a and undone["restored"]["id"] == b
    assert undone["restored"]["name"] == "Jane Deo"
    after = comparable(cli, ctx)
    for name, rows in before.items():
        for old, new in zip(rows, after[name], strict=True):
            assert {k: v for k, v in old.items() if new[k] != v} == {}, name
    assert after == before
    result = cli("merge", "--undo")
    assert result.exit_code == 2
    assert "no merge to undo" in flat(result.output)
    # And the people can be merged again after an undo.
    cli.ok("merge", f"#{a}", f"#{b}", "--yes")


def test_undo_is_last_in_first_out(cli: Any, ctx: Any, add_contact: AddContact) -> None:
    """C into B, then B into A; two undos give all three back as they were."""
    for name in ("Jane Doe", "Jane Deo", "Jane Dough"):
        cid = add_contact(name, company="Contoso")["id"]
        cli.ok("log", f"#{cid}", "--on", f"2026-11-1{cid}", f"touch {cid}")
    before = comparable(cli, ctx)
    cli.ok("merge", "#2", "#3", "--yes")
    cli.ok("merge", "#1", "#2", "--yes")
    assert [c["id"] for c in cli.json("list")] == [1]
    cli.ok("merge", "--undo")
    assert sorted(c["id"] for c in cli.json("list")) == [1, 2]
    cli.ok("merge", "--undo")
    assert comparable(cli, ctx) == before


def test_undo_refused_after_new_touches(cli: Any, ctx: Any, add_contact: AddContact) -> None:
    a, b, _sam = rich_pair(cli, ctx, add_contact)
    cli.ok("merge", f"#{a}", f"#{b}", "--yes")
    cli.ok("log", f"#{a}", "--on", "2026-11-19", "after the merge")
    result = cli("merge", "--undo")
    assert result.exit_code == 2
    assert "(log: logged checkin with Jane Doe) came later" in flat(result.output)
    assert cli("show", f"#{b}").exit_code == 2  # nothing was changed
    assert cli("merge", "--undo", "jane").exit_code == 2
    cli.ok("undo")  # the touch first, then the merge
    cli.ok("merge", "--undo")
    assert cli.json("show", f"#{b}")["name"] == "Jane Deo"


def test_merge_confirms_and_describes(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe", email="jane@contoso.com")
    add_contact("Jane Deo", email="jdoe@contoso.com")
    result = cli("merge", "jane doe", "jane deo", input="y\n")
    assert result.exit_code == 0, result.output
    assert "Merge #2 Jane Deo (jdoe@contoso.com) into #1 Jane Doe" in flat(result.output)
    assert "Merged #2 Jane Deo into #1 Jane Doe" in flat(result.output)


# -- the pure scoring -----------------------------------------------------------------------

NAMES = st.sampled_from(["Jane Doe", "Jane Deo", "Doe Jane", "Bob Smith", "Zoë Ó Briain", ""])
COMPANIES = st.sampled_from([None, "Contoso", "contoso", "Acme", ""])
EMAILS = st.lists(
    st.sampled_from(["jane@contoso.com", "j@gmail.com", "bob@acme.io", "zo@contoso.com"]),
    max_size=2,
)
PHONES = st.lists(st.sampled_from(["+15195550101", "+442079460958"]), max_size=1)


@st.composite
def people(draw: st.DrawFn) -> dupes.Person:
    return dupes.person(
        draw(st.integers(1, 1000)),
        draw(NAMES),
        company=draw(COMPANIES),
        emails=draw(EMAILS),
        phones=draw(PHONES),
    )


@settings(max_examples=300, deadline=None)
@given(people(), people(), st.integers(2, 200))
def test_score_is_symmetric_bounded_and_one_for_identical(
    a: dupes.Person, b: dupes.Person, namesakes: int
) -> None:
    ab = dupes.score(a, b, namesakes=namesakes)
    ba = dupes.score(b, a, namesakes=namesakes)
    assert ab == ba
    assert 0.0 <= ab.confidence <= 1.0
    assert dupes.score(a, a, namesakes=namesakes).confidence == 1.0
    if a.emails & b.emails or a.phones & b.phones:
        # Near-certain only when the names can be one person; else still a question.
        assert ab.confidence >= (0.9 if same_names(a.name, b.name) else 0.5)


def test_domain_scoring_examples() -> None:
    jane = dupes.person(1, "Jane Doe", company="Contoso", emails=["jane@contoso.com"])
    deo = dupes.person(2, "Jane Deo", company="CONTOSO", emails=["jd@contoso.com"])
    bob = dupes.person(3, "Bob Smith", company="Acme")
    bob2 = dupes.person(4, "Smith Bob", company="Globex")
    assert dupes.score(bob, bob2).reason == "same name, different companies (Acme / Globex)"
    assert dupes.score(jane, deo).confidence > dupes.score(bob, bob2).confidence
    assert dupes.is_free_mail("gmail.com") and dupes.is_free_mail("yahoo.co.uk")
    assert not dupes.is_free_mail("contoso.com")
    found = dupes.find_pairs([jane, deo, bob, bob2])
    assert [(p.a.id, p.b.id) for p in found] == [(1, 2), (3, 4)]


def test_common_names_need_more_than_the_name() -> None:
    crowd = [dupes.person(i, "Wei Zhang", company=f"Company {i}") for i in range(1, 21)]
    assert dupes.find_pairs(crowd) == []  # twenty namesakes at twenty companies
    crowd.append(dupes.person(21, "Wei Zhang", company="Company 1"))
    assert [(p.a.id, p.b.id) for p in dupes.find_pairs(crowd)] == [(1, 21)]


def test_blocks_find_typos_in_any_part_of_the_name() -> None:
    people_ = [
        dupes.person(1, "Katherine Johnson", company="NASA"),
        dupes.person(2, "Katherine Jonhson", company="NASA"),  # family typo
        dupes.person(3, "Kathrine Johnson", company="NASA"),  # given typo
        dupes.person(4, "Mary Jackson", company="NASA"),
    ]
    found = {(p.a.id, p.b.id) for p in dupes.find_pairs(people_)}
    assert {(1, 2), (1, 3)} <= found
    assert not any(4 in pair for pair in found)


def test_a_shared_web_page_or_office_is_a_question_not_a_merge() -> None:
    """Colleagues on one company site or at one office address are asked about, never
    taken for one person; a shared personal profile under one name is near-certain."""
    site = "example.com"
    ola = dupes.person(1, "Ola Nordmann", pages=[site], places=["1 Main St, Springfield"])
    kim = dupes.person(2, "Kim Larsen", pages=[site])
    lee = dupes.person(3, "Lee Chan", places=["1 MAIN ST,  springfield"])
    found = {(p.a.id, p.b.id): p for p in dupes.find_pairs([ola, kim, lee])}
    assert found[(1, 2)].confidence == dupes.SHARED_ONLY
    assert "same web page example.com" in found[(1, 2)].reason
    assert found[(1, 3)].confidence == dupes.SHARED_ONLY
    assert "same postal address" in found[(1, 3)].reason
    assert (2, 3) not in found
    profile = "linkedin.com/in/olanordmann"
    again = dupes.person(4, "Ola Nordman", pages=[profile])
    first = dupes.person(5, "Ola Nordmann", pages=[profile])
    assert dupes.score(first, again).confidence >= 0.9


def test_dupes_lists_people_sharing_only_a_web_page(cli: Any, tmp_path: Any) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\n"
        "URL:https://www.example.com/\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "two.vcf"
    path.write_text(
        card.format(name="Ada Berg", family="Berg", given="Ada")
        + card.format(name="Emil Holm", family="Holm", given="Emil")
    )
    assert cli.json("import", str(path))["created"] == 2
    pairs = cli.json("dupes")
    assert len(pairs) == 1 and "same web page example.com" in pairs[0]["reason"]
    assert pairs[0]["confidence"] == dupes.SHARED_ONLY
