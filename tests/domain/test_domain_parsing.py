"""Property tests for the parsing half of the pure domain: names, fields, dates, vocab.

No database, no clock: every function takes `today` when it needs one.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from followthru.domain.dates import MAX_SPAN_DAYS, parse_date, parse_span, parse_when
from followthru.domain.fields import email_key, normalize_email, normalize_phone
from followthru.domain.names import fold, greeting_name, split_name
from followthru.domain.vocab import Channel, Owner, Pile, TouchKind, parse_choice
from followthru.errors import BadInput, FollowthruError

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
E164 = re.compile(r"^\+[1-9]\d{1,14}$")

# Latin letters with and without accents: what people type into a name field.
ACCENTED = "àáâäãåāèéêëēìíîïòóôöõōùúûüūñçýÿ"
NAME_CHARS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + ACCENTED)
NAME_WORDS = st.text(NAME_CHARS, min_size=1, max_size=10)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --------------------------------------------------------------------------- names.fold


def test_fold_matches_accented_and_plain_spellings() -> None:
    assert fold("Zoë Ó Briain") == fold("zoe o briain") == "zoe o briain"
    assert fold("Straße") == "strasse"
    assert fold("Łukasz  Øster") == "lukasz oster"
    assert fold("  ÆTHELRED   the  Unready ") == "aethelred the unready"


@given(st.lists(NAME_WORDS, min_size=1, max_size=4), st.data())
def test_fold_ignores_case_accents_and_spacing(words: list[str], data: st.DataObject) -> None:
    typed = " ".join(words)
    # The same name typed differently: other case, accents dropped, spaces doubled.
    case = data.draw(st.sampled_from([str.upper, str.lower, str.title, str.swapcase]))
    retyped = "  ".join(case(strip_accents(w)) for w in words) + " "
    assert fold(typed) == fold(retyped)
    assert fold(typed) == fold(typed).lower()
    assert "  " not in fold(typed) and fold(typed) == fold(typed).strip()


@given(st.text(max_size=30))
@example("ℌilda")  # noqa: RUF001 - a letter-like symbol whose NFKD form is an upper-case H
def test_fold_is_a_fixed_point(text: str) -> None:
    """A lookup key folded twice is the same key: otherwise stored keys and typed keys drift."""
    key = fold(text)
    assert fold(key) == key


# --------------------------------------------------------------------------- names.split_name


@pytest.mark.parametrize(
    ("full", "given_", "family"),
    [
        ("Dr. Jane Q. Doe Jr.", "Jane Q.", "Doe"),
        ("Mr. John Smith III", "John", "Smith"),
        ("Zoë Ó Briain", "Zoë", "Ó Briain"),
        ("van der Berg, Anna", "Anna", "van der Berg"),
        ("Jean-Luc Picard", "Jean-Luc", "Picard"),
        ("Madonna", "Madonna", ""),
        ("", "", ""),
    ],
)
def test_split_name_leaves_out_titles_and_suffixes(full: str, given_: str, family: str) -> None:
    assert split_name(full) == (given_, family)


@given(st.sampled_from(["Ada", "Grace", "Zoë", "Björn"]), st.sampled_from(["Lovelace", "Hopper"]))
def test_split_name_two_words_is_given_then_family(first: str, last: str) -> None:
    assert split_name(f"{first} {last}") == (first, last)
    assert split_name(f"Dr. {first} {last}") == (first, last)


# --------------------------------------------------------------------------- names.greeting_name


@given(st.lists(NAME_WORDS, max_size=3), st.lists(NAME_WORDS, max_size=3))
def test_greeting_name_is_first_given_word_else_first_full_word(
    given_words: list[str], full_words: list[str]
) -> None:
    given_name, full = " ".join(given_words), " ".join(full_words)
    greeting = greeting_name(given_name, full)
    if given_words:
        assert greeting == given_words[0]
    elif full_words:
        assert greeting == full_words[0]
    else:
        assert greeting == full
    assert " " not in greeting


def test_greeting_name_examples() -> None:
    assert greeting_name("María José", "María José García López") == "María"
    assert greeting_name("", "Madonna Ciccone") == "Madonna"
    assert greeting_name("  ", "  ") == "  "


# --------------------------------------------------------------------------- fields.email

LOCAL = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-"),
    min_size=1,
    max_size=12,
)
LABEL = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
    min_size=1,
    max_size=8,
)
TLD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=2, max_size=6
)


@given(
    LOCAL, st.lists(LABEL, min_size=1, max_size=3), TLD, st.sampled_from(["", "mailto:", "MAILTO:"])
)
def test_normalize_email_trims_strips_mailto_and_lowercases_domain_only(
    local: str, labels: list[str], tld: str, prefix: str
) -> None:
    domain = ".".join([*labels, tld])
    raw = f"  {prefix}{local}@{domain}\t"
    address = normalize_email(raw)
    assert address == f"{local}@{domain.lower()}"
    assert normalize_email(address) == address  # idempotent
    assert email_key(address) == email_key(f"{local}@{domain}".upper())


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "ann",
        "ann@",
        "@example.com",
        "ann@example",
        "ann@example.c",
        "ann@@example.com",
        "ann smith@example.com",
        "ann@exa mple.com",
        "<ann@example.com>",
        "ann@example.com.",
        "ann@.com",
        "ann@example..com",
        "ann@example.com; bob@example.com",
    ],
)
def test_normalize_email_rejects_garbage_with_bad_input(garbage: str) -> None:
    with pytest.raises(BadInput) as info:
        normalize_email(garbage)
    assert info.value.hint  # the user is told how to write it


@given(st.text(max_size=40))
def test_normalize_email_accepts_or_raises_bad_input_only(raw: str) -> None:
    try:
        address = normalize_email(raw)
    except BadInput:
        return
    assert address.count("@") == 1
    assert not any(ch.isspace() for ch in address)
    assert normalize_email(address) == address


# --------------------------------------------------------------------------- fields.phone


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("(020) 7946-0958", "GB", "+442079460958"),
        ("(415) 555-0132", "US", "+14155550132"),
        ("415.555.0132", "US", "+14155550132"),
        ("tel:+1-415-555-0132", "GB", "+14155550132"),
        ("  +49 30 123456  ", "GB", "+4930123456"),
    ],
)
def test_normalize_phone_to_e164(raw: str, region: str, e164: str) -> None:
    assert normalize_phone(raw, region) == e164


@pytest.mark.parametrize(
    ("raw", "region"),
    [("hello", "GB"), ("", "GB"), ("12", "GB"), ("+999 123", "GB"), ("555", "US"), ("++", "US")],
)
def test_normalize_phone_rejects_garbage_with_bad_input(raw: str, region: str) -> None:
    with pytest.raises(BadInput):
        normalize_phone(raw, region)


@given(
    st.sampled_from(["GB", "US", "DE", "FR", "IE", "AU"]),
    st.text(st.sampled_from("0123456789 -().+"), min_size=0, max_size=18),
)
@example(region="DE", raw="000000")  # all zeros: accepted, and not a fixed point
@example(region="DE", raw="10000000000000")  # 16 digits: longer than E.164 allows
@settings(max_examples=150)
def test_normalize_phone_gives_e164_or_bad_input(region: str, raw: str) -> None:
    try:
        number = normalize_phone(raw, region)
    except BadInput:
        return
    assert E164.match(number), number
    # The same number typed three ways matches once: E.164 is a fixed point in any region.
    assert normalize_phone(number, "US") == number
    assert normalize_phone(f"tel:{number}", "GB") == number


@given(st.text(max_size=25))
def test_normalize_phone_never_crashes_on_text(raw: str) -> None:
    try:
        number = normalize_phone(raw, "GB")
    except BadInput:
        return
    assert E164.match(number)


# --------------------------------------------------------------------------- dates.parse_date


@given(DAYS, DAYS)
def test_parse_date_reads_iso_dates(day: date, today: date) -> None:
    assert parse_date(day.isoformat(), today=today) == day
    assert parse_date(f"  {day.isoformat()} ", today=today) == day


@given(DAYS)
def test_parse_date_relative_words(today: date) -> None:
    assert parse_date("today", today=today) == today
    assert parse_date("Yesterday", today=today) == today - timedelta(days=1)
    assert parse_date(" TOMORROW ", today=today) == today + timedelta(days=1)


@pytest.mark.parametrize(
    "garbage",
    [
        "32/13/2026",
        "2026-13-01",
        "2026-02-30",
        "2026-00-10",
        "next week",
        "",
        "12/01/2026",
        "1.12.2026",
    ],
)
def test_parse_date_rejects_impossible_dates(garbage: str) -> None:
    with pytest.raises(BadInput) as info:
        parse_date(garbage, today=date(2026, 11, 20))
    assert "YYYY-MM-DD" in (info.value.hint or "")


@given(st.text(max_size=20), DAYS)
def test_parse_date_raises_only_bad_input(raw: str, today: date) -> None:
    with contextlib.suppress(BadInput):
        assert isinstance(parse_date(raw, today=today), date)


# --------------------------------------------------------------------------- dates.parse_span


@pytest.mark.parametrize(
    ("raw", "days"),
    [("90d", 90), ("6w", 42), ("3m", 90), ("1y", 365), ("90", 90), (" 2W ", 14), ("12 m", 360)],
)
def test_parse_span_examples(raw: str, days: int) -> None:
    assert parse_span(raw) == days


@given(st.integers(0, 10_000), st.sampled_from(["", "d", "w", "m", "y", "D", "W", "M", "Y"]))
def test_parse_span_multiplies_by_the_unit(n: int, unit: str) -> None:
    per = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}[unit.lower()]
    if n * per > MAX_SPAN_DAYS:  # no date lies that far back: bad input, not an overflow
        with pytest.raises(BadInput, match="longer than a hundred years"):
            parse_span(f"{n}{unit}")
        return
    assert parse_span(f"{n}{unit}") == n * per


@pytest.mark.parametrize("garbage", ["", "d", "-5d", "5x", "1.5w", "three months", "5dd", "5 d w"])
def test_parse_span_rejects_garbage(garbage: str) -> None:
    with pytest.raises(BadInput):
        parse_span(garbage)


@given(st.text(max_size=10))
def test_parse_span_raises_only_bad_input(raw: str) -> None:
    try:
        days = parse_span(raw)
    except BadInput:
        return
    assert days >= 0


# --------------------------------------------------------------------------- dates.parse_when


def test_parse_when_examples() -> None:
    friday = date(2026, 11, 20)  # a Friday
    assert friday.weekday() == 4
    assert parse_when("friday 14:00", today=friday) == (date(2026, 11, 27), 14, 0)
    assert parse_when("monday 14:00", today=friday) == (date(2026, 11, 23), 14, 0)
    assert parse_when("tomorrow 9am", today=friday) == (date(2026, 11, 21), 9, 0)
    assert parse_when("2026-12-01 15:30", today=friday) == (date(2026, 12, 1), 15, 30)
    assert parse_when("tue at 2pm", today=friday) == (date(2026, 11, 24), 14, 0)
    assert parse_when("12am", today=friday) == (friday, 0, 0)
    assert parse_when("12pm", today=friday) == (friday, 12, 0)
    assert parse_when("thursday", today=friday) == (date(2026, 11, 26), 9, 0)
    assert parse_when("thursday", today=friday, default=(17, 30)) == (date(2026, 11, 26), 17, 30)


@given(
    DAYS,
    st.sampled_from(WEEKDAYS),
    st.integers(3, 9),
    st.integers(0, 23),
    st.integers(0, 59),
    st.booleans(),
)
def test_parse_when_weekday_is_the_next_one_after_today(
    today: date, weekday: str, prefix: int, hour: int, minute: int, upper: bool
) -> None:
    word = weekday[:prefix]
    text = f"{word} {hour}:{minute:02d}"
    day, h, m = parse_when(text.upper() if upper else text, today=today)
    assert day.weekday() == WEEKDAYS.index(weekday)
    assert today < day <= today + timedelta(days=7)
    assert (h, m) == (hour, minute)


@given(DAYS, st.integers(1, 12), st.sampled_from(["am", "pm"]))
def test_parse_when_twelve_hour_clock(today: date, hour: int, half: str) -> None:
    day, h, m = parse_when(f"tomorrow {hour}{half}", today=today)
    assert day == today + timedelta(days=1)
    assert m == 0
    assert h == (hour % 12) + (12 if half == "pm" else 0)


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "32/13/2026",
        "friday 25:00",
        "friday 14:60",
        "friday monday",
        "14:00 15:00",
        "tu 14:00",
        "someday",
        "friday 14",
        "13am",
        "2026-02-30 10:00",
    ],
)
def test_parse_when_rejects_garbage(garbage: str) -> None:
    with pytest.raises(BadInput):
        parse_when(garbage, today=date(2026, 11, 20))


@given(st.text(max_size=20), DAYS)
def test_parse_when_raises_only_bad_input(raw: str, today: date) -> None:
    try:
        day, hour, minute = parse_when(raw, today=today)
    except BadInput:
        return
    assert 0 <= hour < 24 and 0 <= minute < 60
    assert isinstance(day, date)


# --------------------------------------------------------------------------- vocab.parse_choice


@given(st.sampled_from([*Pile, *Channel, *TouchKind, *Owner]), st.data())
def test_parse_choice_accepts_every_member_however_typed(
    member: object, data: st.DataObject
) -> None:
    enum = type(member)
    value = str(member)
    typed = data.draw(
        st.sampled_from(
            [value, value.upper(), f"  {value} ", value.replace("-", "_"), value.replace("-", "")]
        )
    )
    assert parse_choice(enum, typed, "thing") is member


@given(st.text(st.sampled_from("abcxyz-_ "), max_size=8))
def test_parse_choice_rejects_unknown_words_and_lists_choices(raw: str) -> None:
    try:
        parse_choice(Pile, raw, "pile")
    except BadInput as exc:
        assert isinstance(exc, FollowthruError)
        assert exc.hint is not None
        assert all(p.value in exc.hint for p in Pile)
    else:
        pytest.fail(f"{raw!r} was accepted as a pile")
