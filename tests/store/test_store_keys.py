"""Lookup keys come from one module (store/keys.py): what is written and what is looked up
agree, on SQLite and PostgreSQL; and a name is never mistaken for an id."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from followthru.domain.names import fold
from followthru.services import contacts
from followthru.services.lookup import contact_by_ref
from followthru.services.runtime import Context
from followthru.store import accounts, keys
from followthru.store.contacts import by_id
from followthru.store.models import Account

TODAY = date(2026, 11, 20)
LONG_PAGE = "https://example.com/" + "talks/" * 60  # its key is longer than the column


def _urls(ctx: Context, contact_id: int) -> list[str]:
    with ctx.db.read() as session:
        contact = by_id(session, contact_id)
        assert contact is not None
        return [u.url for u in contact.urls]


def test_a_long_web_address_is_removed_by_the_text_that_added_it(ctx: Context) -> None:
    """The key is cut to the column on writing; looking it up must cut it the same way."""
    cid = contacts.add(ctx, contacts.NewContact(name="Ada Long"), today=TODAY).contact.id
    contacts.edit(ctx, cid, contacts.ContactChanges(add_urls=[LONG_PAGE]), today=TODAY)
    assert _urls(ctx, cid) == [LONG_PAGE]
    contacts.edit(ctx, cid, contacts.ContactChanges(remove_urls=[LONG_PAGE + "/"]), today=TODAY)
    assert _urls(ctx, cid) == []


def test_a_person_is_found_by_any_spelling_of_their_keys(ctx: Context) -> None:
    cid = contacts.add(
        ctx,
        contacts.NewContact(name="Zoë Ó Briain", emails=["Zoe.OBriain@Example.com"]),
        today=TODAY,
    ).contact.id
    with ctx.db.read() as session:
        for typed in ("zoe o briain", "ZOË Ó", "zoe.obriain@example.COM"):
            assert contact_by_ref(session, typed).id == cid, typed


@given(st.text(max_size=400))
def test_keys_fit_their_columns_and_the_bulk_variant_agrees(text: str) -> None:
    assert len(keys.url_key(text)) <= keys.KEY_LENGTH
    assert keys.name_keys()(text) == keys.name_key(text) == fold(text)


def test_an_account_named_like_an_id_is_found_by_its_name(ctx: Context) -> None:
    with ctx.db.write() as session:
        for name in ("work", "1"):
            session.add(Account(name=name, kind="imap", url="imaps://mail.example.com"))
    with ctx.db.read() as session:
        found = {ref: getattr(accounts.find(session, ref), "name", None) for ref in ("1", "#1")}
        assert found == {"1": "1", "#1": "work"}
        assert accounts.find(session, "#3") is None
        by_number = accounts.find(session, "2")
        assert by_number is not None and by_number.name == "1"
