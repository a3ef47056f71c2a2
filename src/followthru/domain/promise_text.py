"""A promise as words a message can hold, whatever form it was written in.

Promises are written as the user heard them: a noun ("lunch"), a verb phrase about the
person ("send him our benchmark paper"), or someone else's promise ("introduce me to her
CFO"). A draft speaks to the person, so the text is turned to the second person (him, her,
them → you; his, their → your) and offered in three shapes the templates choose from:
what is handed over ("our benchmark paper"), the action ("send you our benchmark paper",
"have lunch"), and a noun phrase for the promise itself ("our lunch", "the introduction
to your CFO").
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Verbs that hand something over: "send him the deck" is kept by "here is the deck".
GIVING_VERBS = frozenset({"send", "share", "forward", "give", "pass", "email", "mail", "bring"})
ACTION_VERBS = GIVING_VERBS | {
    "introduce", "intro", "connect", "call", "ring", "phone", "meet", "grab", "have", "do",
    "get", "catch", "set", "book", "schedule", "arrange", "organise", "organize", "check",
    "look", "review", "read", "follow", "ping", "write", "find", "make", "put", "show",
    "help", "try", "visit", "demo", "chat", "talk", "host", "invite", "lend", "recommend",
    "ask", "reach", "come", "go", "join", "update", "let", "tell", "see", "take",
}  # fmt: skip
# Things one does together rather than hands over: "lunch" is had, not sent.
ACTIVITY_NOUNS = frozenset(
    {
        "lunch", "coffee", "dinner", "breakfast", "drinks", "drink", "beer", "call", "chat",
        "meeting", "catch-up", "catchup", "demo", "walk", "run", "game", "visit", "tour",
        "workshop", "session", "brunch", "tea", "intro", "introduction",
    }
)  # fmt: skip
_ALONE = ("call", "meet", "chat")  # verbs that make a promise on their own: "call"
DETERMINERS = frozenset({"a", "an", "the", "my", "our", "your", "this", "that", "some"})
_OBJECT = {"him": "you", "them": "you", "me": "me"}
_POSSESSIVE = {"his": "your", "their": "your"}
# After "her", these words mean "her" was the object ("send her the deck"), not "her CFO".
_NOT_A_NOUN = DETERMINERS | {
    "to", "with", "for", "and", "about", "on", "in", "at", "by", "up", "next", "this",
    "tomorrow", "today", "tonight", "soon", "later", "back", "again", "when", "once", "before",
    "after", "over", "know", "some", "more",
}  # fmt: skip


def second_person(text: str) -> str:
    """Him, her, them → you; his, her (before a noun), their → your."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        bare = word.lower().strip(".,;:!?")
        tail = word[len(word.rstrip(".,;:!?")) :]
        if bare in _OBJECT and bare != "me":
            out.append(_OBJECT[bare] + tail)
        elif bare in _POSSESSIVE:
            out.append(_POSSESSIVE[bare] + tail)
        elif bare == "her":
            following = words[i + 1].lower() if i + 1 < len(words) else ""
            noun_next = following and following not in _NOT_A_NOUN and not tail
            out.append(("your" if noun_next else "you") + tail)
        else:
            out.append(word)
    return " ".join(out)


class PromiseWords(NamedTuple):
    noun: str  # the promise as a noun phrase: "our lunch", "your offer to introduce me …"
    action: str  # what is to be done, as a verb phrase: "have lunch", "send you the deck"
    gift: str  # what I hand over, when the promise is a thing: "our benchmark paper"


def _strip(what: str) -> str:
    text = " ".join(what.split()).strip(" .;:!")
    text = re.sub(
        r"^(?:i'll|i will|we'll|we will|she'll|he'll|they'll|to)\s+", "", text, flags=re.I
    )
    return text


_SPEAKER = re.compile(r"^(?:(she|he|they)|(we))(?:'ll|\s+will)\s", re.I)


def spoken_owner(what: str, owner: str | None) -> str | None:
    """Whose promise the words say it is: "she'll introduce me …" is theirs, whatever was stored.

    A promise typed with `followthru promise NAME WHAT` is stored as mine, but its words may
    name the speaker; a draft that said "my promise to introduce me to your CFO" would be
    nonsense, so the words win when they name someone else.
    """
    match = _SPEAKER.match(" ".join(what.split()))
    if not match:
        return owner
    return "them" if match.group(1) else "both"


def _with_determiner(noun: str, default: str) -> str:
    first = noun.split()[0].lower() if noun else ""
    if first in ("a", "an"):
        return "the " + noun.split(" ", 1)[1] if " " in noun else noun
    return noun if first in DETERMINERS else f"{default} {noun}"


def promise_words(what: str, owner: str) -> PromiseWords:
    """The promise's three shapes; owner is me, both or them."""
    text = second_person(_strip(what))
    if not text:
        return PromiseWords("what we discussed", "follow up on what we discussed", "")
    words = text.split()
    first = words[0].lower()
    # "intro to Jana" is a noun: "my promise to intro to Jana" is not English.
    intro_noun = first in ("intro", "introduction") and words[1:2] in (["to"], ["for"])
    if first in ACTION_VERBS and not intro_noun and (len(words) > 1 or first in _ALONE):
        return _verb_phrase(text, first, owner)
    if intro_noun:
        noun = _with_determiner(text, "the")
        return PromiseWords(noun, f"make {noun}", "")
    if any(w.lower().strip(",") in ACTIVITY_NOUNS for w in words[:3]):
        return PromiseWords(_with_determiner(text, "our"), f"have {text}", "")
    noun = _with_determiner(text, "the")
    if owner == "me":
        return PromiseWords(noun, f"get you {noun}", noun)
    return PromiseWords(noun, f"sort out {noun}", "")


def _verb_phrase(text: str, verb: str, owner: str) -> PromiseWords:
    if owner == "them":
        return PromiseWords(f"your kind offer to {text}", text, "")
    if owner == "both":
        return PromiseWords(f"our plan to {text}", text, "")
    rest = text.split(" ", 1)[1] if " " in text else ""
    thing = re.sub(r"^(?:you|me|us)\s+", "", rest) if verb in GIVING_VERBS else ""
    thing = re.sub(r"\s+(?:to|with|for)\s+(?:you|your)\b.*$", "", thing)
    gift = "" if not thing or thing.lower().startswith(("to ", "you")) else thing
    return PromiseWords(
        f"my promise to {text}", text, _with_determiner(gift, "the") if gift else ""
    )
