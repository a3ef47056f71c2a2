"""Value before asking: `intros` and `share`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from followthru.domain.matching import (
    IntroPair,
    Profile,
    ShareMatch,
    intro_pairs,
    share_matches,
    topic_words,
)
from followthru.errors import BadInput
from followthru.services.draft_text import compose, facts_for
from followthru.services.runtime import Context
from followthru.store import network
from followthru.store.models import Contact
from followthru.store.rows import of_session


def _profiles(session: Session) -> list[Profile]:
    tags = network.all_tags(session)
    return [
        Profile(cid, name, pile, title, company, tuple(tags.get(cid, ())))
        for cid, name, pile, title, company in network.profiles(session)
    ]


def intros(ctx: Context, *, limit: int = 10) -> list[IntroPair]:
    with ctx.db.read() as session:
        return intro_pairs(_profiles(session), network.introduced_pairs(session), limit=limit)


def intro_json(pair: IntroPair) -> dict[str, Any]:
    """The stable shape of one suggested introduction for every interface."""
    return {
        "first": pair.first.name,
        "first_id": pair.first.id,
        "second": pair.second.name,
        "second_id": pair.second.id,
        "score": pair.score,
        "why": pair.reason,
    }


@dataclass(frozen=True)
class ShareSuggestion:
    match: ShareMatch
    draft: str

    def as_json(self) -> dict[str, Any]:
        p = self.match.profile
        return {
            "contact_id": p.id,
            "contact": p.name,
            "score": self.match.score,
            "why": self.match.reason,
            "draft": self.draft,
        }


def share(ctx: Context, topic: str, *, limit: int = 10) -> list[ShareSuggestion]:
    words = topic_words(topic)
    if not words:
        raise BadInput(
            f"Nothing to match in {topic!r}.",
            "Give a topic such as 'data pipelines' or an article's URL.",
        )
    with ctx.db.read() as session:
        matches = share_matches(
            _profiles(session), words, network.text_hits(session, words), limit=limit
        )
        ids = [m.profile.id for m in matches]
        contacts = {c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(ids)))}
        facts = facts_for(of_session(session), ids)
        return [
            ShareSuggestion(
                m,
                compose(
                    ctx.settings,
                    contacts[m.profile.id],
                    facts[m.profile.id],
                    "content",
                    about=topic,
                ).text,
            )
            for m in matches
        ]
