"""A seeded, synthetic professional network: the demo's data and the benchmarks' load.

Why it exists: `followthru demo` must feel like a real person's network — accented names,
an event last week with people still untriaged, friends gone quiet for four months,
promises kept late or dropped — so that every command has something true to say. The
benchmarks need the same shape at 100,000 people, so the same generator serves both.

Why it is built this way: pure and deterministic. No clock (`today` is a parameter), no
I/O, and one `random.Random(seed)` drawn in a fixed order, so the same arguments always
give the same network and figures in the docs can be reproduced. Work per touch is a
handful of `random()` calls and a pick from pre-built phrase pools, which keeps two
million touches to seconds.

Everything refers to contacts and events by their index in the network's tuples; the store
turns indexes into ids when it writes the network (see `followthru.store.bulk`).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import accumulate

from followthru.domain.names import fold
from followthru.domain.vocab import Channel, Direction, Owner, Pile, PromiseStatus, TouchKind
from followthru.memory import collector_paused

# --------------------------------------------------------------------------------------
# The result: plain, frozen records.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SynthEvent:
    name: str
    held_on: date
    location: str


@dataclass(frozen=True, slots=True)
class SynthContact:
    name: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]  # E.164
    company: str | None
    title: str | None
    pile: Pile | None  # None: not triaged yet
    tags: tuple[str, ...]  # sorted, already normalised (lower case, no spaces)
    events: tuple[int, ...]  # indexes into SyntheticNetwork.events, first one is where we met
    met_on: date
    introduced_by: int | None  # index of an earlier contact
    cadence_days: int | None = None  # a per-person override of the pile's cadence


@dataclass(frozen=True, slots=True)
class SynthTouch:
    contact: int
    happened_on: date
    channel: Channel
    kind: TouchKind
    direction: Direction
    summary: str
    with_contact: int | None = None  # for CONNECT: whom `contact` was introduced to


@dataclass(frozen=True, slots=True)
class SynthNote:
    contact: int
    written_on: date
    text: str


# Of the promises in each age band, the share a real user still has open: many from the
# last two months, a few forgotten ones from long ago that `today` should surface.
_OPEN_SHARE = {"slipping": 0.3, "old": 0.02}


@dataclass(frozen=True, slots=True)
class SynthPromise:
    contact: int
    what: str
    owner: Owner
    made_on: date
    due_on: date | None
    status: PromiseStatus
    closed_on: date | None  # set exactly when status is done or dropped
    drop_reason: str | None = None
    source_text: str | None = None  # the words in the note it was detected in
    note: int | None = None  # index into SyntheticNetwork.notes


@dataclass(frozen=True)
class SyntheticNetwork:
    today: date
    seed: int
    events: tuple[SynthEvent, ...]
    contacts: tuple[SynthContact, ...]
    touches: tuple[SynthTouch, ...]
    notes: tuple[SynthNote, ...]
    promises: tuple[SynthPromise, ...]
    latest_event: int | None = None  # the event a few days ago, with people still untriaged
    target_heavy_event: int | None = None  # the event where most triaged people are target

    def pile_counts(self) -> dict[str, int]:
        """People per pile, untriaged included, for summaries and benchmarks."""
        counts = Counter(c.pile.value if c.pile else "untriaged" for c in self.contacts)
        return {p: counts.get(p, 0) for p in ("target", "connector", "general", "untriaged")}

    def open_promises(self) -> int:
        return sum(p.status is PromiseStatus.OPEN for p in self.promises)

    def overdue_promises(self) -> int:
        return sum(
            p.status is PromiseStatus.OPEN and p.due_on is not None and p.due_on < self.today
            for p in self.promises
        )


# --------------------------------------------------------------------------------------
# Phrase pools. Names pair within a culture most of the time, as they do in life.
# --------------------------------------------------------------------------------------

_CULTURES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (  # English-speaking
        ("Oliver", "Amelia", "James", "Charlotte", "Harry", "Sophie", "Michael", "Emily",
         "Daniel", "Grace", "Thomas", "Hannah", "Zoë", "Rachel", "Ben", "Jack"),
        ("Smith", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Hughes", "Clarke",
         "Turner", "Bennett", "Foster", "Hayes", "Reid", "Coleman", "Price", "Whitaker"),
        ("GB", "US", "US", "CA", "AU"),
    ),
    (  # Irish
        ("Siobhán", "Aoife", "Niamh", "Seán", "Ciarán", "Pádraig", "Róisín", "Eoin",
         "Caoimhe", "Oisín", "Saoirse", "Darragh"),
        ("Ó Briain", "O'Connor", "Murphy", "Kelly", "Byrne", "Ó Súilleabháin", "Walsh",
         "Doyle", "Fitzgerald", "Mac Giolla Phádraig", "Ní Bhriain", "Quinn"),
        ("IE", "IE", "GB"),
    ),
    (  # Spanish-speaking
        ("José", "María", "Lucía", "Javier", "Alejandro", "Sofía", "Andrés", "Inés",
         "Carmen", "Martín", "Begoña", "Íñigo"),
        ("García", "Fernández", "López", "Martínez", "Rodríguez", "Sánchez", "Pérez",
         "Gómez", "Núñez", "Muñoz", "Ortega", "de la Fuente"),
        ("ES", "ES", "MX"),
    ),
    (  # Portuguese-speaking
        ("João", "Ana", "Gonçalo", "Beatriz", "Thiago", "Luísa", "Rafael", "Camila",
         "Inês", "Tomás"),
        ("Silva", "Santos", "Oliveira", "Conceição", "Araújo", "Gonçalves", "Brandão",
         "Magalhães", "dos Santos", "Ribeiro"),
        ("PT", "BR"),
    ),
    (  # Polish
        ("Łukasz", "Małgorzata", "Agnieszka", "Paweł", "Krzysztof", "Zofia", "Wojciech",
         "Katarzyna", "Michał", "Joanna", "Bartłomiej", "Jędrzej"),
        ("Nowak", "Wójcik", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek", "Michalak",
         "Sikora", "Król", "Wróbel", "Kubiak", "Pawlak"),
        ("PL",),
    ),
    (  # German-speaking
        ("Jürgen", "Lena", "Maximilian", "Jonas", "Anja", "Felix", "Katrin", "Lukas",
         "Marlene", "Sören", "Jörg", "Änne"),
        ("Müller", "Schröder", "Weiß", "Becker", "Hoffmann", "Schäfer", "Köhler", "Krüger",
         "Neumann", "Vogel", "von Arnim", "Groß"),
        ("DE", "DE", "AT", "CH"),
    ),
    (  # French-speaking
        ("Amélie", "Hélène", "Théo", "Chloé", "François", "Mathis", "Léa", "Benoît",
         "Céline", "Noémie", "Gaël", "Anaïs"),
        ("Lefèvre", "Moreau", "Dubois", "Girard", "Rousseau", "Laurent", "Fournier",
         "Mercier", "Bérard", "Gauthier", "Chevalier", "Le Goff"),
        ("FR", "FR", "BE", "CA"),
    ),
    (  # Nordic
        ("Søren", "Åsa", "Björn", "Ingrid", "Mikael", "Sigrid", "Astrid", "Lars", "Freja",
         "Henrik", "Øystein", "Linnéa"),
        ("Lindqvist", "Johansson", "Nørgaard", "Åberg", "Sørensen", "Halvorsen", "Eriksson",
         "Bergström", "Holm", "Lund", "Ødegaard", "Söderberg"),
        ("SE", "DK", "NO", "FI"),
    ),
    (  # Italian
        ("Giulia", "Matteo", "Francesca", "Lorenzo", "Chiara", "Alessandro", "Niccolò",
         "Martina", "Federico", "Elena"),
        ("Rossi", "Bianchi", "Esposito", "Colombo", "Ricci", "Romano", "Ferrari", "De Luca",
         "Fabbri", "Conti"),
        ("IT",),
    ),
    (  # Indian
        ("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Aditi", "Rahul", "Sneha",
         "Karthik", "Lakshmi", "Siddharth"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Desai", "Krishnan",
         "Banerjee", "Chatterjee", "Rao"),
        ("IN", "IN", "GB", "US", "SG"),
    ),
    (  # Chinese
        ("Wei", "Mei", "Jun", "Xiaoling", "Hao", "Yan", "Lei", "Jing", "Zhen", "Ling"),
        ("Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Zhou", "Wu", "Xu", "Lin"),
        ("CN", "SG", "US"),
    ),
    (  # Japanese
        ("Yuki", "Haruto", "Aiko", "Sora", "Kenji", "Emi", "Takumi", "Naoko", "Ren", "Yui"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura",
         "Kobayashi", "Katō"),
        ("JP",),
    ),
    (  # Korean and Vietnamese
        ("Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Linh", "Minh", "Thảo", "Huy"),
        ("Kim", "Lee", "Park", "Choi", "Nguyễn", "Trần", "Lê", "Phạm"),
        ("KR", "SG"),
    ),
    (  # West African
        ("Chiamaka", "Oluwaseun", "Adebayo", "Ngozi", "Tunde", "Folake", "Emeka", "Ifeoma",
         "Kwame", "Ama"),
        ("Okafor", "Adeyemi", "Balogun", "Eze", "Okonkwo", "Mensah", "Nwosu", "Adeleke",
         "Boateng", "Obi"),
        ("NG", "NG", "GB", "KE"),
    ),
    (  # Arabic and Turkish
        ("Omar", "Leila", "Yusuf", "Amira", "Karim", "Nour", "Emre", "Elif", "Çağla",
         "Mehmet"),
        ("Haddad", "Khalil", "Mansour", "Nasser", "Öztürk", "Yılmaz", "Şahin", "Demir",  # noqa: RUF001
         "Aydın", "Farouk"),  # noqa: RUF001 (Turkish dotless i)
        ("TR", "GB", "DE", "FR"),
    ),
    (  # Czech and Dutch
        ("Tomáš", "Jiří", "Lucie", "Kateřina", "Daan", "Sanne", "Joost", "Femke"),
        ("Dvořák", "Novák", "Svoboda", "Černý", "de Vries", "van Dijk", "Bakker",
         "van den Berg"),
        ("CZ", "NL"),
    ),
)  # fmt: skip
_MIXED_NAMES = 0.15  # share of people whose given and family names come from different pools

# Mobile prefixes with the number of digits that follow: numbers that libphonenumber
# accepts as valid, so imports and lookups treat them like real ones.
# US and Canadian numbers use the 555 exchange, reserved for fiction.
_PHONE_FORMATS: dict[str, tuple[tuple[str, ...], int]] = {
    "GB": (("+44781", "+44795", "+44753"), 7),
    "US": (("+1212555", "+1415555", "+1617555", "+1312555", "+1206555", "+1512555"), 4),
    "CA": (("+1416555", "+1514555", "+1604555"), 4),
    "AU": (("+6141", "+6142"), 7),
    "IE": (("+35385", "+35386", "+35387"), 7),
    "ES": (("+346",), 8),
    "MX": (("+5255",), 8),
    "PT": (("+35191", "+35193", "+35196"), 7),
    "BR": (("+55119", "+55219"), 8),
    "PL": (("+485", "+486"), 8),
    "DE": (("+49151", "+49160", "+49171"), 8),
    "AT": (("+43664",), 7),
    "CH": (("+4179",), 7),
    "FR": (("+3361", "+3362", "+3365"), 7),
    "BE": (("+32470", "+32485"), 6),
    "SE": (("+4670", "+4673"), 7),
    "DK": (("+45412", "+45522", "+45613"), 5),
    "NO": (("+4790", "+4792", "+4798"), 6),
    "FI": (("+35840", "+35850"), 7),
    "IT": (("+3933",), 8),
    "IN": (("+919", "+918"), 9),
    "SG": (("+6581", "+6590", "+6596"), 6),
    "CN": (("+86138", "+86139"), 8),
    "JP": (("+81901", "+81906", "+81808"), 7),
    "KR": (("+82102", "+82103", "+82104"), 7),
    "NG": (("+234803", "+234806", "+234813"), 7),
    "KE": (("+2547",), 8),
    "TR": (("+90532", "+90542", "+90555"), 7),
    "CZ": (("+420601", "+420603", "+420777", "+420731"), 6),
    "NL": (("+3161", "+3162"), 7),
}

_STARTUPS = (
    "Northwind Analytics", "Brightline Health", "Tessellate", "Lumen Robotics",
    "Orbital Foods", "Juniper Labs", "Meridian Data", "Atlas Climate", "Kiln AI",
    "Fathom Payments", "Parcelwise", "Greenmark Energy", "Loop & Ledger", "Helio Grid",
    "Sable Security", "Wren Learning", "Cobalt Freight", "Mosaic Care", "Tidewater Bio",
    "Papercut Insights", "Quill Legal", "Driftwood Games", "Fjord Mobility", "Saffron Pay",
)  # fmt: skip
_CORPORATES = (
    "Copperleaf Bank", "Globex Retail", "Umbra Telecom", "Stellar Airlines",
    "Vantage Insurance", "Redwood Logistics", "Bluefin Media", "Halcyon Pharma",
    "Pioneer Mobility", "Continental Grain", "Altamira Energy", "Beacon Hospitals",
)  # fmt: skip
_INVESTORS = (
    "Kestrel Capital", "Fernhill Ventures", "Northstar Partners", "Blue Heron Ventures",
    "Harbour & Finch Capital", "Lighthouse Seed Fund", "Granite Peak Ventures",
    "Aurora Angels",
)  # fmt: skip
_STUDIOS = ("Quayside Studio", "Paperplane Design", "Foxglove Creative", "Studio Brisa")
_CONSULTANCIES = (
    "Ironbridge Consulting",
    "Talentbridge",
    "Hirewell Partners",
    "Clearwater Advisory",
)
_UNIVERSITIES = (
    "Kingsbridge University", "Institut Lumière", "TH Nordheim", "Universidad de Valdemar",
)  # fmt: skip

# persona: (weight, titles, employers, tags always given, tags sometimes given)
_PERSONAS: tuple[tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (14, ("Founder & CEO", "Co-founder & CTO", "Co-founder", "Founder"), _STARTUPS,
     ("founder",), ("needs:funding", "needs:designer", "needs:cto", "hiring", "needs:mentoring")),
    (18, ("Senior Software Engineer", "Staff Engineer", "Engineering Manager",
          "Principal Engineer", "Backend Developer", "Head of Platform", "VP Engineering"),
     _STARTUPS + _CORPORATES, (), ("python", "rust", "open-source", "offers:python-dev",
                                   "kubernetes", "hiring")),
    (12, ("Data Scientist", "ML Engineer", "Head of Data", "Analytics Lead", "Data Engineer"),
     _STARTUPS + _CORPORATES, ("data",), ("python", "ml", "offers:mentoring", "speaker")),
    (8, ("Product Designer", "Design Lead", "UX Researcher", "Creative Director"),
     _STUDIOS + _STARTUPS, ("design",), ("offers:designer", "design-systems", "speaker")),
    (10, ("Product Manager", "Head of Product", "Group Product Manager", "Chief Product Officer"),
     _STARTUPS + _CORPORATES, ("product",), ("needs:designer", "fintech", "climate")),
    (8, ("Partner", "Principal", "Associate", "Angel Investor", "Venture Partner"),
     _INVESTORS, ("investor",), ("offers:funding", "offers:intros", "fintech", "climate")),
    (10, ("Head of Growth", "Account Executive", "Marketing Director", "VP Sales",
          "Partnerships Lead"), _CORPORATES + _STARTUPS, (), ("sales", "saas", "needs:intros")),
    (5, ("Technical Recruiter", "Talent Partner", "Head of People"),
     _CONSULTANCIES + _STARTUPS, ("recruiter",), ("hiring", "offers:intros")),
    (5, ("Lecturer in Computer Science", "PhD Researcher", "Professor of Economics",
         "Research Fellow"), _UNIVERSITIES, ("research",), ("ml", "speaker", "python")),
    (10, ("Independent Consultant", "Freelance Developer", "Fractional CFO", "Executive Coach"),
     _CONSULTANCIES, ("freelance",), ("offers:mentoring", "offers:designer", "python")),
)  # fmt: skip
_INTERESTS = ("climate", "fintech", "healthtech", "open-source", "running", "ai", "python",
              "mentor", "speaker", "cycling")  # fmt: skip

_TOPICS = (
    "their Series A", "the seed round", "hiring a first designer",
    "moving from Django to FastAPI", "the pricing change", "their talk at PyData",
    "the ML platform rebuild", "their move to Lisbon", "the climate fund they are raising",
    "open-source funding", "their podcast", "the SOC 2 audit", "the Berlin office opening",
    "the hackathon they are organising", "their book on data teams", "a side project in Rust",
    "expanding into the US", "the product launch", "their first enterprise customer",
    "burnout in engineering teams", "the conference they are running", "marathon training",
    "the data-mesh migration", "a board seat", "angel investing", "remote hiring in Europe",
    "their accelerator application", "the GDPR review", "LLM evaluation",
    "a mentoring programme", "the rebrand", "churn in their SMB segment", "the team offsite",
    "pair-programming interviews", "the new design system", "going part-time",
)  # fmt: skip
_WINS = ("the Series A", "the new role", "the promotion", "the product launch", "the keynote",
         "the award", "closing the fund", "the book", "the acquisition", "the PhD",
         "ten years at the company", "the new office")  # fmt: skip
_ASKS = ("feedback on my pitch deck", "an intro to their CFO", "advice on hiring a designer",
         "a reference for a candidate", "a quote for the case study",
         "a speaking slot at their meetup", "beta testers for the new app")  # fmt: skip

_T = tuple[Channel, str]
_OUT, _IN = Direction.OUT, Direction.IN
# (kind, direction) -> templates; {t} a topic, {w} a win, {a} an ask.
_TEMPLATES: dict[tuple[TouchKind, Direction], tuple[_T, ...]] = {
    (TouchKind.CHECKIN, _OUT): (
        (Channel.EMAIL, "emailed to ask how {t} is going"),
        (Channel.MESSAGE, "WhatsApp check-in about {t}"),
        (Channel.LINKEDIN, "LinkedIn message — asked about {t}"),
        (Channel.CALL, "quick call to catch up on {t}"),
    ),
    (TouchKind.CHECKIN, _IN): (
        (Channel.EMAIL, "they replied — {t} is going well"),
        (Channel.MESSAGE, "they messaged with news on {t}"),
        (Channel.LINKEDIN, "they pinged me on LinkedIn about {t}"),
    ),
    (TouchKind.RECONNECT, _OUT): (
        (Channel.EMAIL, "reconnected after a long gap — asked how {t} went"),
        (Channel.LINKEDIN, "saw a post on {t} and thought of them"),
        (Channel.MESSAGE, "how are things? asked about {t}"),
    ),
    (TouchKind.RECONNECT, _IN): (
        (Channel.EMAIL, "they got back in touch out of the blue — {t}"),
        (Channel.LINKEDIN, "they reconnected on LinkedIn, mentioned {t}"),
    ),
    (TouchKind.CONTENT, _OUT): (
        (Channel.EMAIL, "sent an article on {t}"),
        (Channel.LINKEDIN, "shared a post on {t} with them"),
        (Channel.MESSAGE, "sent a podcast episode about {t}"),
        (Channel.EMAIL, "shared the talk recording on {t}"),
    ),
    (TouchKind.CONTENT, _IN): (
        (Channel.EMAIL, "they sent me a report on {t}"),
        (Channel.LINKEDIN, "they shared an article about {t}"),
    ),
    (TouchKind.CONGRATULATE, _OUT): (
        (Channel.LINKEDIN, "congratulated them on {w}"),
        (Channel.MESSAGE, "congrats on {w}!"),
        (Channel.EMAIL, "a note to say well done on {w}"),
    ),
    (TouchKind.CONGRATULATE, _IN): (
        (Channel.LINKEDIN, "they congratulated me on {w}"),
        (Channel.MESSAGE, "congrats from them on {w}"),
    ),
    (TouchKind.ASK, _OUT): (
        (Channel.EMAIL, "asked for {a}"),
        (Channel.CALL, "call — asked for {a}"),
        (Channel.MESSAGE, "asked them for {a}"),
    ),
    (TouchKind.ASK, _IN): (
        (Channel.EMAIL, "they asked me for {a}"),
        (Channel.LINKEDIN, "they asked for {a} on LinkedIn"),
    ),
    (TouchKind.ENGAGE, _OUT): (
        (Channel.LINKEDIN, "liked their post about {t}"),
        (Channel.LINKEDIN, "commented on their post on {t}"),
        (Channel.LINKEDIN, "reshared their article on {t}"),
    ),
    (TouchKind.ENGAGE, _IN): (
        (Channel.LINKEDIN, "they commented on my post about {t}"),
        (Channel.LINKEDIN, "they liked my post on {t}"),
    ),
    (TouchKind.MEETING, _OUT): (
        (Channel.IN_PERSON, "coffee — talked about {t}"),
        (Channel.IN_PERSON, "lunch — mostly about {t}"),
        (Channel.MEETING, "video call — walked through {t}"),
        (Channel.CALL, "call: {t}"),
        (Channel.IN_PERSON, "drinks after the meetup — {t}"),
    ),
    (TouchKind.MEETING, _IN): (
        (Channel.MEETING, "they invited me to a call about {t}"),
        (Channel.IN_PERSON, "they took me for coffee — {t}"),
    ),
    (TouchKind.THANKS, _OUT): (
        (Channel.EMAIL, "thanked them for the intro"),
        (Channel.MESSAGE, "thank-you note for the advice on {t}"),
        (Channel.EMAIL, "thanks for hosting — great chat about {t}"),
    ),
    (TouchKind.THANKS, _IN): (
        (Channel.EMAIL, "they thanked me for the intro"),
        (Channel.MESSAGE, "thanks from them for the article on {t}"),
    ),
}
_CONNECT_TEMPLATES: tuple[_T, ...] = (
    (Channel.EMAIL, "introduced them to {o} — both working on {t}"),
    (Channel.EMAIL, "double opt-in intro to {o} about {t}"),
    (Channel.LINKEDIN, "connected them with {o} ({t})"),
)

# How often a touch of each kind came from them rather than from the user.
_INBOUND: dict[TouchKind, float] = {
    TouchKind.CHECKIN: 0.4, TouchKind.RECONNECT: 0.2, TouchKind.CONTENT: 0.25,
    TouchKind.CONNECT: 0.0, TouchKind.CONGRATULATE: 0.25, TouchKind.ASK: 0.35,
    TouchKind.ENGAGE: 0.3, TouchKind.MEETING: 0.3, TouchKind.THANKS: 0.45,
}  # fmt: skip
_K = TouchKind
# Percent of touches by kind, per pile: targets get meetings, connectors get value actions.
_KIND_MIX: dict[Pile | None, dict[TouchKind, int]] = {
    Pile.TARGET: {_K.CHECKIN: 20, _K.RECONNECT: 4, _K.CONTENT: 10, _K.CONNECT: 3,
                  _K.CONGRATULATE: 6, _K.ASK: 8, _K.ENGAGE: 22, _K.MEETING: 18, _K.THANKS: 9},
    Pile.CONNECTOR: {_K.CHECKIN: 16, _K.RECONNECT: 6, _K.CONTENT: 14, _K.CONNECT: 8,
                     _K.CONGRATULATE: 9, _K.ASK: 5, _K.ENGAGE: 24, _K.MEETING: 10, _K.THANKS: 8},
    Pile.GENERAL: {_K.CHECKIN: 12, _K.RECONNECT: 8, _K.CONTENT: 8, _K.CONNECT: 3,
                   _K.CONGRATULATE: 8, _K.ASK: 3, _K.ENGAGE: 45, _K.MEETING: 5, _K.THANKS: 8},
    None: {_K.THANKS: 40, _K.CHECKIN: 30, _K.ENGAGE: 30},
}  # fmt: skip
# Touches per contact relative to the average, by pile.
_TOUCH_WEIGHT: dict[Pile | None, float] = {
    Pile.TARGET: 1.5,
    Pile.CONNECTOR: 1.1,
    Pile.GENERAL: 0.7,
    None: 0.15,
}
_PILE_SHARE: dict[Pile | None, float] = {
    Pile.TARGET: 0.25,
    Pile.CONNECTOR: 0.35,
    Pile.GENERAL: 0.35,
    None: 0.05,
}
_NEVER_TOUCHED = 0.07
_DORMANT_3_6_MONTHS = 0.18
_DORMANT_LONGER = 0.10
_CADENCES = (14, 45, 60, 120, 365)

_MET_NOTES = (
    "talked about {t}",
    "working on {t}",
    "wants advice on {t}",
    "asked me about {t}",
    "long chat about {t}",
)
_HOW_MET = ("Former colleague", "Met through work", "Friend of a friend", "Met at a dinner")

# (what, the words as said or written in a note)
_PROMISES: dict[Owner, tuple[tuple[str, str], ...]] = {
    Owner.ME: (
        ("send the deck from my talk", "I'll send you the deck from my talk."),
        ("send the talk recording", "I'll send the recording of the talk."),
        ("introduce them to a designer", "I'll introduce you to a designer I trust."),
        ("review their pitch deck", "Happy to review your pitch deck."),
        ("send a proposal", "I'll send a proposal by Friday."),
        ("share our hiring scorecard", "I'll share our hiring scorecard."),
        ("send feedback on the landing page", "I'll send feedback on the landing page."),
        ("put them in touch with our CTO", "I'll put you in touch with our CTO."),
        ("dig out the article on pricing", "I'll dig out that article on pricing."),
        ("invite them to the next meetup", "I'll invite you to the next meetup."),
    ),
    Owner.THEM: (
        ("send their hiring plan", "They'll send over their hiring plan."),
        ("introduce me to their CFO", "They'll introduce me to their CFO."),
        ("share the data-room link", "They'll share the data-room link."),
        ("send the case study", "They'll send the case study."),
        ("intro to a partner at their fund", "They offered an intro to a partner at their fund."),
        ("send a conference discount code", "They'll send a discount code for the conference."),
        ("share the RFP", "They'll share the RFP when it's out."),
    ),
    Owner.BOTH: (
        ("lunch in the next couple of weeks", "Let's do lunch in the next couple of weeks."),
        ("coffee when I'm in Berlin", "Let's get coffee when I'm in Berlin."),
        ("a joint blog post on open-source funding",
         "We said we'd write a blog post together on open-source funding."),
        ("a call to scope the pilot", "Let's book a call to scope the pilot."),
        ("co-host a meetup in the spring", "We talked about co-hosting a meetup in the spring."),
    ),
}  # fmt: skip
_OWNER_DECK = (Owner.ME,) * 5 + (Owner.THEM,) * 3 + (Owner.BOTH,) * 2
_PROMISE_CHANCE: dict[Pile | None, float] = {
    Pile.TARGET: 0.35,
    Pile.CONNECTOR: 0.3,
    Pile.GENERAL: 0.12,
    None: 0.1,
}
_DROP_REASONS = ("they changed jobs", "no longer relevant — the project was cancelled",
                 "they went quiet after two nudges", "agreed it was not a fit",
                 "the event was cancelled", "solved it another way")  # fmt: skip

# Conferences happen once a year; meetups are numbered. (series, location)
_CONFERENCES = (
    ("EuroPython", "Prague"), ("Web Summit", "Lisbon"), ("Slush", "Helsinki"),
    ("DjangoCon Europe", "Dublin"), ("FOSDEM", "Brussels"), ("KubeCon Europe", "Paris"),
    ("Design Systems London", "London"), ("Money20/20 Europe", "Amsterdam"),
    ("ClimateTech Summit", "Berlin"), ("Women in Data Science Lisbon", "Lisbon"),
    ("Product Camp Berlin", "Berlin"), ("PyCon US", "Pittsburgh"), ("RustConf", "Montréal"),
    ("Collision", "Toronto"), ("London Tech Week", "London"), ("Data Council", "Austin"),
)  # fmt: skip
_MEETUPS = (
    ("Python Meetup Berlin", "Berlin"), ("Founders Breakfast", "London"),
    ("Climate Tech Drinks", "Amsterdam"), ("Dublin Design Crit", "Dublin"),
    ("Lisbon Product Night", "Lisbon"), ("Angel Investors Supper Club", "London"),
    ("Women Who Code Warsaw", "Warsaw"), ("Data Engineering Madrid", "Madrid"),
    ("Fintech Friday", "London"), ("ML Paper Club", "Zürich"),
)  # fmt: skip
_LATEST = ("PyData London", "London")
_TARGET_HEAVY = ("SaaStr Europa", "Barcelona")

WINDOW_DAYS = 730  # touches and events fall within the last two years
UNIQUE_NAMES_UP_TO = 2_000  # larger networks may repeat names, as big address books do


# --------------------------------------------------------------------------------------
# The generator.
# --------------------------------------------------------------------------------------


def default_event_count(contacts: int) -> int:
    """About one event per fifteen people, at least eight, at most two thousand."""
    return max(8, min(contacts // 15, 2_000)) if contacts else 0


def generate_network(
    *,
    today: date,
    seed: int,
    contacts: int,
    touches_per_contact: float = 8.0,
    events: int | None = None,
) -> SyntheticNetwork:
    """A network of `contacts` people as it stands on `today`; same arguments, same network."""
    if contacts < 0 or touches_per_contact < 0 or (events is not None and events < 0):
        raise ValueError("contacts, touches_per_contact and events must not be negative")
    n_events = default_event_count(contacts) if events is None else events
    with collector_paused():
        return _Builder(random.Random(seed), today, seed).build(
            contacts, touches_per_contact, n_events
        )


@dataclass
class _Draft:
    """What is known about a person while the network is being built."""

    met: int  # ordinal of met_on
    event: int | None  # where we met
    pile: Pile | None = None
    extra_events: list[int] = field(default_factory=list)
    active_until: int = 0  # ordinal of the last day anything happened with them
    dormant: bool = False


class _Builder:
    def __init__(self, rng: random.Random, today: date, seed: int) -> None:
        self.rng = rng
        self.today = today
        self.seed = seed
        self.t = today.toordinal()
        self.window_start = self.t - WINDOW_DAYS
        # Shared date objects: millions of touches fall on a few hundred distinct days.
        self._days = {o: date.fromordinal(o) for o in range(self.window_start, self.t + 1)}
        pools = _summary_pools()
        self.by_kind: dict[TouchKind, tuple[float, tuple[_T, ...], tuple[_T, ...]]] = {
            kind: (share, pools[kind, _OUT], pools.get((kind, _IN), ()))
            for kind, share in _INBOUND.items()
            if kind is not TouchKind.CONNECT  # filled in per touch: it names the other person
        }

    def day(self, ordinal: int) -> date:
        found = self._days.get(ordinal)
        if found is None:
            found = self._days[ordinal] = date.fromordinal(ordinal)
        return found

    def build(self, n: int, touches_per_contact: float, n_events: int) -> SyntheticNetwork:
        events, latest, heavy = self.events(n_events)
        drafts = self.origins(n, events, latest)
        self.assign_piles(drafts, latest, heavy)
        firsts: list[str] = []
        people = self.people(drafts, events, firsts)
        touches = self.touches(drafts, touches_per_contact, firsts)
        notes = self.met_notes(people, events)
        promises = self.promises(drafts, notes, latest)
        return SyntheticNetwork(
            today=self.today,
            seed=self.seed,
            events=tuple(events),
            contacts=tuple(people),
            touches=tuple(touches),
            notes=tuple(notes),
            promises=tuple(promises),
            latest_event=latest,
            target_heavy_event=heavy,
        )

    # ---- events ------------------------------------------------------------------

    def events(self, count: int) -> tuple[list[SynthEvent], int | None, int | None]:
        """Events over the last two years: one a few days ago, one full of targets."""
        rng = self.rng
        plan: list[tuple[int, str, tuple[str, str]]] = []
        if count >= 1:
            plan.append((self.t - rng.randint(2, 5), "latest", _LATEST))
        if count >= 2:
            plan.append((self.t - rng.randint(120, 300), "heavy", _TARGET_HEAVY))
        while len(plan) < count:
            when = self.t - rng.randint(10, WINDOW_DAYS - 1)
            if rng.random() < 0.6:
                plan.append((when, "conference", rng.choice(_CONFERENCES)))
            else:
                plan.append((when, "meetup", rng.choice(_MEETUPS)))
        plan.sort(key=lambda p: p[0])
        return self._name_events(plan)

    def _name_events(
        self, plan: list[tuple[int, str, tuple[str, str]]]
    ) -> tuple[list[SynthEvent], int | None, int | None]:
        """Conferences are named by year; a second one the same year becomes a meetup."""
        used: set[str] = set()
        numbers: dict[str, int] = {}
        out: list[SynthEvent] = []
        latest = heavy = None
        for when, kind, (series, place) in plan:
            held = self.day(when)
            name = f"{series} {held.year}"
            if kind == "meetup" or fold(name) in used:
                if kind != "meetup":
                    series, place = self.rng.choice(_MEETUPS)
                numbers[series] = numbers.get(series) or self.rng.randint(8, 40)
                numbers[series] += 1
                name = f"{series} #{numbers[series]}"
            used.add(fold(name))
            if kind == "latest":
                latest = len(out)
            elif kind == "heavy":
                heavy = len(out)
            out.append(SynthEvent(name, held, place))
        return out, latest, heavy

    # ---- people ------------------------------------------------------------------

    def origins(self, n: int, events: list[SynthEvent], latest: int | None) -> list[_Draft]:
        """Where and when each person was met, in the order they were met."""
        rng = self.rng
        drafts: list[_Draft] = []
        latest_n = min(n, max(8, min(n // 12, 60))) if latest is not None else 0
        for _ in range(latest_n):
            assert latest is not None
            drafts.append(_Draft(events[latest].held_on.toordinal(), latest))
        others = [i for i in range(len(events)) if i != latest]
        weights = list(accumulate(rng.uniform(1.5, 4.5) if "#" not in events[i].name
                                  else rng.uniform(0.5, 1.5) for i in others))  # fmt: skip
        for _ in range(n - latest_n):
            if others and rng.random() < 0.6:
                e = others[bisect_right(weights, rng.random() * weights[-1])]
                drafts.append(_Draft(events[e].held_on.toordinal(), e))
            else:
                drafts.append(_Draft(self.t - rng.randint(7, 2_900), None))
        drafts.sort(key=lambda d: d.met)
        for d in drafts:
            self._later_event(d, events, latest)
        return drafts

    def _later_event(self, d: _Draft, events: list[SynthEvent], latest: int | None) -> None:
        """Some people are seen again at a later event."""
        if not events or d.event == latest or self.rng.random() >= 0.1:
            return
        e = self.rng.randrange(len(events))
        if e != d.event and events[e].held_on.toordinal() > d.met:
            d.extra_events.append(e)

    def assign_piles(self, drafts: list[_Draft], latest: int | None, heavy: int | None) -> None:
        """25/35/35/5 from a shuffled deck; half of last week's people untriaged."""
        rng = self.rng
        n = len(drafts)
        at_latest = [i for i, d in enumerate(drafts) if latest is not None and d.event == latest]
        fresh = set(rng.sample(at_latest, (len(at_latest) + 1) // 2))
        backlog = max(round(n * 0.05) - len(fresh), 0)
        deck: list[Pile | None] = []
        deck += [Pile.TARGET] * round(n * 0.25)
        deck += [Pile.CONNECTOR] * round(n * 0.35)
        deck += [None] * backlog
        deck += [Pile.GENERAL] * (n - len(fresh) - len(deck))
        deck = deck[: n - len(fresh)]
        rng.shuffle(deck)
        piles = iter(deck)
        for i, d in enumerate(drafts):
            d.pile = None if i in fresh else next(piles)
        if heavy is not None:
            self._crowd_with_targets(drafts, heavy, fresh)

    def _crowd_with_targets(self, drafts: list[_Draft], heavy: int, fresh: set[int]) -> None:
        """Make most triaged people at one event targets, swapping piles with targets met
        elsewhere so that the overall shares stay as dealt."""
        rng = self.rng
        present = [i for i, d in enumerate(drafts) if heavy == d.event or heavy in d.extra_events]
        triaged = [i for i in present if drafts[i].pile is not None]
        chosen = rng.sample(triaged, (len(triaged) * 7 + 9) // 10)
        promote = [i for i in chosen if drafts[i].pile is not Pile.TARGET]
        here = set(present)
        donors = [i for i, d in enumerate(drafts) if d.pile is Pile.TARGET and i not in here]
        donors = rng.sample(donors, min(len(promote), len(donors)))
        for k, i in enumerate(promote):
            if k < len(donors):
                drafts[donors[k]].pile = drafts[i].pile
            drafts[i].pile = Pile.TARGET

    def people(
        self, drafts: list[_Draft], events: list[SynthEvent], firsts: list[str]
    ) -> list[SynthContact]:
        unique = len(drafts) <= UNIQUE_NAMES_UP_TO
        names: set[str] = set()
        emails: dict[str, int] = {}
        phones: set[str] = set()
        connectors: list[int] = []
        out: list[SynthContact] = []
        for i, d in enumerate(drafts):
            given, family, countries = self._name(names if unique else None)
            firsts.append(given)
            out.append(self._person(i, d, given, family, countries, emails, phones, connectors))
            if d.pile is Pile.CONNECTOR:
                connectors.append(i)
        return out

    def _name(self, taken: set[str] | None) -> tuple[str, str, tuple[str, ...]]:
        """A name; unique by folded key when `taken` is given (lookups stay unambiguous)."""
        rng = self.rng
        while True:
            given_pool, family_pool, countries = rng.choice(_CULTURES)
            if rng.random() < _MIXED_NAMES:
                family_pool = rng.choice(_CULTURES)[1]
            given, family = rng.choice(given_pool), rng.choice(family_pool)
            if taken is None:
                return given, family, countries
            key = fold(f"{given} {family}")
            if key not in taken:
                taken.add(key)
                return given, family, countries

    def _person(
        self,
        i: int,
        d: _Draft,
        given: str,
        family: str,
        countries: tuple[str, ...],
        emails: dict[str, int],
        phones: set[str],
        connectors: list[int],
    ) -> SynthContact:
        rng = self.rng
        persona = rng.choices(_PERSONAS, cum_weights=_PERSONA_CUM)[0]
        _, titles, employers, always, sometimes = persona
        company = None if rng.random() < 0.06 else rng.choice(employers)
        tags = set(always) | set(rng.sample(sometimes, rng.randint(0, min(3, len(sometimes)))))
        if rng.random() < 0.3:
            tags.add(rng.choice(_INTERESTS))
        events = ((d.event,) if d.event is not None else ()) + tuple(d.extra_events)
        return SynthContact(
            name=f"{given} {family}",
            emails=self._emails(given, family, company, emails),
            phones=self._phones(countries, phones),
            company=company,
            title=None if rng.random() < 0.05 else rng.choice(titles),
            pile=d.pile,
            tags=tuple(sorted(tags)),
            events=events,
            met_on=self.day(d.met),
            introduced_by=self._introducer(i, d, connectors),
            cadence_days=rng.choice(_CADENCES) if d.pile and rng.random() < 0.05 else None,
        )

    def _introducer(self, i: int, d: _Draft, connectors: list[int]) -> int | None:
        """Mostly connectors introduce people; always someone met earlier."""
        rng = self.rng
        chance = 0.45 if d.event is None else 0.05
        if i == 0 or rng.random() >= chance:
            return None
        if connectors and rng.random() < 0.7:
            return rng.choice(connectors)
        return rng.randrange(i)

    def _emails(
        self, given: str, family: str, company: str | None, seen: dict[str, int]
    ) -> tuple[str, ...]:
        """Work and personal addresses; namesakes get jane.doe2@…, as mail admins do."""
        rng = self.rng
        r = rng.random()
        count = 0 if r < 0.05 else 2 if r > 0.7 else 1
        local = _email_local(f"{given} {family}")
        domains = []
        if company:
            domains.append(_domain(company))
        domains.append(rng.choice(("example.com", "example.org", "example.net")))
        out: list[str] = []
        for domain in domains[:count]:
            # Counting per address keeps namesakes O(1); locals never end in a digit, so a
            # numbered address cannot collide with someone else's plain one.
            address = f"{local}@{domain}"
            n = seen[address] = seen.get(address, 0) + 1
            out.append(address if n == 1 else f"{local}{n}@{domain}")
        return tuple(out)

    def _phones(self, countries: tuple[str, ...], seen: set[str]) -> tuple[str, ...]:
        rng = self.rng
        r = rng.random()
        count = 0 if r < 0.4 else 2 if r > 0.9 else 1
        out: list[str] = []
        while len(out) < count:
            prefixes, digits = _PHONE_FORMATS[rng.choice(countries)]
            number = f"{rng.choice(prefixes)}{rng.randrange(10**digits):0{digits}d}"
            if number not in seen:
                seen.add(number)
                out.append(number)
        return tuple(out)

    # ---- touches -----------------------------------------------------------------

    def touches(
        self, drafts: list[_Draft], per_contact: float, firsts: list[str]
    ) -> list[SynthTouch]:
        """Two years of touches; some people gone quiet for months, some never touched."""
        expected = sum(_PILE_SHARE[p] * w for p, w in _TOUCH_WEIGHT.items()) * (1 - _NEVER_TOUCHED)
        counts = [self._touch_count(d, per_contact / expected) for d in drafts]
        self._settle_total(drafts, counts, round(per_contact * len(drafts)))
        met = [d.met for d in drafts]
        out: list[SynthTouch] = []
        for i, d in enumerate(drafts):
            if counts[i]:
                self._contact_touches(i, d, counts[i], met, firsts, out)
        return out

    def _settle_total(self, drafts: list[_Draft], counts: list[int], wanted: int) -> None:
        """Nudge random people's counts so the total is what was asked for: a benchmark of
        "two million touches" then has two million touches, not roughly that."""
        touched = [i for i, c in enumerate(counts) if c]
        r = self.rng.random
        step = 1 if sum(counts) < wanted else -1
        gap = abs(wanted - sum(counts))
        for _ in range(4 * gap + 100 if touched else 0):
            if gap == 0:
                return
            i = touched[int(r() * len(touched))]
            d = drafts[i]
            room = (d.active_until - max(d.met, self.window_start) + 1) // 2 + 1
            if (step > 0 and counts[i] < room) or (
                step < 0 and counts[i] > (1 if d.dormant else 0)
            ):
                counts[i] += step
                gap -= 1

    def _touch_count(self, d: _Draft, scale: float) -> int:
        """How many touches, and until when (setting the person's dormancy)."""
        rng = self.rng
        start = max(d.met, self.window_start)
        d.active_until = self.t
        r = rng.random()
        if r < _NEVER_TOUCHED:
            return 0
        if r < _NEVER_TOUCHED + _DORMANT_3_6_MONTHS and d.met <= self.t - 200:
            d.active_until, d.dormant = self.t - rng.randint(90, 180), True
        elif r < _NEVER_TOUCHED + _DORMANT_3_6_MONTHS + _DORMANT_LONGER and d.met <= self.t - 400:
            d.active_until, d.dormant = max(start, self.t - rng.randint(200, 700)), True
        span = d.active_until - start + 1
        mean = scale * _TOUCH_WEIGHT[d.pile]
        count = min(int(rng.expovariate(1.0) * mean + 0.5), span // 2 + 1)
        return max(count, 1) if d.dormant and scale else count  # their last word

    def _contact_touches(
        self,
        i: int,
        d: _Draft,
        count: int,
        met: list[int],
        firsts: list[str],
        out: list[SynthTouch],
    ) -> None:
        r = self.rng.random
        start = max(d.met, self.window_start)
        span = d.active_until - start + 1
        days = sorted(start + int(r() * span) for _ in range(count))
        if d.dormant:
            days[-1] = d.active_until  # the last word is exactly when they went quiet
        mix = _KIND_DECKS[d.pile]
        by_kind, dates = self.by_kind, self._days
        for o in days:
            kind = mix[int(r() * 100)]
            if kind is TouchKind.CONNECT:
                known = bisect_right(met, o)  # people already met by that day
                if known > 1:
                    j = int(r() * (known - 1))
                    j += j >= i  # anyone but themselves
                    channel, text = _CONNECT_TEMPLATES[int(r() * len(_CONNECT_TEMPLATES))]
                    summary = text.format(o=firsts[j], t=_TOPICS[int(r() * len(_TOPICS))])
                    out.append(SynthTouch(i, dates[o], channel, kind, _OUT, summary, j))
                    continue
                kind = TouchKind.CONTENT
            inbound_share, outbound, inbound = by_kind[kind]
            direction, pool = (_IN, inbound) if r() < inbound_share else (_OUT, outbound)
            channel, summary = pool[int(r() * len(pool))]
            out.append(SynthTouch(i, dates[o], channel, kind, direction, summary))

    # ---- notes and promises ------------------------------------------------------

    def met_notes(self, people: list[SynthContact], events: list[SynthEvent]) -> list[SynthNote]:
        """What we spoke about when we met: the context that makes a later message personal."""
        rng = self.rng
        out: list[SynthNote] = []
        for i, c in enumerate(people):
            if rng.random() >= 0.55:
                continue
            said = rng.choice(_MET_NOTES).format(t=rng.choice(_TOPICS))
            if c.events and events[c.events[0]].held_on == c.met_on:
                text = f"Met at {events[c.events[0]].name} — {said}."
            elif c.introduced_by is not None:
                text = f"{people[c.introduced_by].name} introduced us — {said}."
            else:
                text = f"{rng.choice(_HOW_MET)} — {said}."
            out.append(SynthNote(i, c.met_on, text))
        return out

    def promises(
        self, drafts: list[_Draft], notes: list[SynthNote], latest: int | None
    ) -> list[SynthPromise]:
        """Promises of every owner; older ones settled from a shuffled deck of outcomes."""
        rng = self.rng
        made: list[tuple[int, int, Owner, int, int | None]] = []  # contact, pick, owner, made, due
        for i, d in enumerate(drafts):
            at_latest = latest is not None and d.event == latest
            chance = 0.45 if at_latest else _PROMISE_CHANCE[d.pile]
            count = (rng.random() < chance) + (rng.random() < chance * 0.25)
            for _ in range(count):
                owner = rng.choice(_OWNER_DECK)
                start = max(d.met, self.window_start)
                when = d.met if at_latest else rng.randint(start, max(start, d.active_until))
                due = when + rng.randint(2, 30) if rng.random() < 0.8 else None
                made.append((i, rng.randrange(len(_PROMISES[owner])), owner, when, due))
        made.sort(key=lambda m: (m[3], m[0]))
        ages = [self._age_band(self.t - m[3]) for m in made]
        decks = {
            band: self._outcomes(ages.count(band), open_share)
            for band, open_share in _OPEN_SHARE.items()
        }
        out: list[SynthPromise] = []
        for (i, pick, owner, when, due), band in zip(made, ages, strict=True):
            outcome = decks[band].pop() if band else self._recent_outcome()
            out.append(self._promise(i, owner, pick, when, due, outcome, notes))
        return out

    @staticmethod
    def _age_band(age: int) -> str:
        """'' for the last two weeks; promises slip mostly in the weeks after, rarely for long."""
        return "" if age <= 14 else "slipping" if age <= 60 else "old"

    def _outcomes(self, n: int, open_share: float) -> list[str]:
        """Exact shares so that every demo has overdue, kept, late and dropped promises."""
        dropped, late, still_open = round(n * 0.1), round(n * 0.2), round(n * open_share)
        deck = (["dropped"] * dropped + ["late"] * late + ["open"] * still_open
                + ["on_time"] * (n - dropped - late - still_open))  # fmt: skip
        self.rng.shuffle(deck)
        return deck

    def _recent_outcome(self) -> str:
        return "on_time" if self.rng.random() < 0.25 else "open"

    def _promise(
        self,
        i: int,
        owner: Owner,
        pick: int,
        when: int,
        due: int | None,
        outcome: str,
        notes: list[SynthNote],
    ) -> SynthPromise:
        what, said = _PROMISES[owner][pick]
        status, closed, reason = self._outcome(when, due, outcome)
        note = self._promise_note(i, when, said, notes) if self.rng.random() < 0.4 else None
        return SynthPromise(
            contact=i,
            what=what,
            owner=owner,
            made_on=self.day(when),
            due_on=self.day(due) if due is not None else None,
            status=status,
            closed_on=self.day(closed) if closed is not None else None,
            drop_reason=reason,
            source_text=said if note is not None else None,
            note=note,
        )

    def _outcome(
        self, when: int, due: int | None, outcome: str
    ) -> tuple[PromiseStatus, int | None, str | None]:
        """The promise's status, the day it closed and why it was dropped, by its outcome."""
        rng = self.rng
        if outcome == "late" and due is not None and due < self.t:
            return PromiseStatus.DONE, rng.randint(due + 1, min(due + 30, self.t)), None
        if outcome in ("on_time", "late"):
            return PromiseStatus.DONE, rng.randint(when, min(due or when + 14, self.t)), None
        if outcome == "dropped":
            closed = rng.randint(when, min(when + 120, self.t))
            return PromiseStatus.DROPPED, closed, rng.choice(_DROP_REASONS)
        return PromiseStatus.OPEN, None, None

    def _promise_note(self, i: int, when: int, said: str, notes: list[SynthNote]) -> int:
        """A note of the meeting where the promise was said, in the promise's own words."""
        context = self.rng.choice(_MET_NOTES).format(t=self.rng.choice(_TOPICS))
        notes.append(SynthNote(i, self.day(when), f"{context[0].upper()}{context[1:]}. {said}"))
        return len(notes) - 1


# --------------------------------------------------------------------------------------
# Helpers computed once.
# --------------------------------------------------------------------------------------

_PERSONA_CUM = list(accumulate(p[0] for p in _PERSONAS))
_KIND_DECKS: dict[Pile | None, tuple[TouchKind, ...]] = {
    pile: tuple(k for k, pct in mix.items() for _ in range(pct)) for pile, mix in _KIND_MIX.items()
}
assert all(len(deck) == 100 for deck in _KIND_DECKS.values())

_EMAIL_FOLDS = str.maketrans({"\u0131": "i", "'": "", "-": ""})  # Turkish dotless i


@cache
def _email_local(name: str) -> str:
    """'Siobhán Ó Briain' -> 'siobhan.o.briain': what a mail admin would have made of it."""
    words = fold(name).translate(_EMAIL_FOLDS).split()
    return ".".join("".join(ch for ch in w if ch.isascii() and ch.isalnum()) for w in words)


@cache
def _domain(company: str) -> str:
    """A company's mail domain, under .example so that no real inbox is ever addressed."""
    words = fold(company).replace("&", " ").split()
    return "".join(ch for w in words[:2] for ch in w if ch.isascii() and ch.isalnum()) + ".example"


def _summary_pools() -> dict[tuple[TouchKind, Direction], tuple[_T, ...]]:
    """Every template filled with every topic, win or ask: a touch then costs one pick."""
    pools: dict[tuple[TouchKind, Direction], tuple[_T, ...]] = {}
    for key, templates in _TEMPLATES.items():
        filled: list[_T] = []
        for channel, text in templates:
            if "{w}" in text:
                filled += [(channel, text.format(w=w)) for w in _WINS]
            elif "{a}" in text:
                filled += [(channel, text.format(a=a)) for a in _ASKS]
            elif "{t}" in text:
                filled += [(channel, text.format(t=t)) for t in _TOPICS]
            else:
                filled += [(channel, text)] * 6
        pools[key] = tuple(filled)
    return pools
