"""Normalising what identifies a person: e-mail addresses and phone numbers.

Phones are stored in E.164 so that the same number typed three ways matches once;
the text as typed is kept beside it.
"""

from __future__ import annotations

import re

from followthru.errors import BadInput

# Deliberately permissive: one @, a dot in the domain, no spaces. RFC 5322 allows more,
# but nobody hands out a business card with a quoted local part.
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")


def normalize_email(raw: str) -> str:
    """The address as stored: trimmed, `mailto:` removed, domain lower-cased."""
    text = raw.strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if not _EMAIL.match(text) or "" in text.rsplit("@", 1)[-1].split("."):
        raise BadInput(f"{raw!r} is not a valid e-mail address.", "Write it as name@example.com.")
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def email_key(address: str) -> str:
    """E-mails match case-insensitively."""
    return address.strip().casefold()


def normalize_phone(raw: str, region: str) -> str:
    """E.164 form of a phone number, using `region` for numbers without a country code."""
    import phonenumbers

    text = raw.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise BadInput(
            f"{raw!r} is not a phone number.",
            "Write it with its country code, e.g. +44 20 7946 0958.",
        ) from exc
    # Validity, not mere possibility: a possible-but-invalid number such as '000000' may
    # not survive a second normalisation, and then the same number stops matching itself.
    if not phonenumbers.is_valid_number(number):
        raise BadInput(
            f"{raw!r} is not a valid phone number in region {region}.",
            "Check the digits, or write it with its country code (+…); "
            "`followthru config set phone_region GB` changes the default region.",
        )
    e164 = str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    if len(e164) > 16:  # '+' and at most 15 digits; some regions' metadata allow longer
        raise BadInput(f"{raw!r} has too many digits for a phone number.", "Check the digits.")
    return e164


_LINKEDIN = re.compile(r"(?:^|[./])linkedin\.com/(in|pub)/([^/?#\s]+)", re.IGNORECASE)


def url_key(raw: str) -> str:
    """What makes two web addresses the same page: no scheme, 'www.', query or trailing
    slash, lower-cased host. A LinkedIn profile reduces to 'linkedin.com/in/<name>' however
    it was copied (country subdomain, /pub/, tracking query), so it can match a person."""
    from urllib.parse import unquote

    text = raw.strip()
    profile = _LINKEDIN.search(text)
    if profile:
        return f"linkedin.com/in/{unquote(profile.group(2)).casefold()}"
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.IGNORECASE)
    text = re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")
    host, _, path = text.partition("/")
    host = host.casefold().removeprefix("www.")
    return f"{host}/{path}" if path else host


def is_linkedin(raw: str) -> bool:
    return url_key(raw).startswith("linkedin.com/in/")
