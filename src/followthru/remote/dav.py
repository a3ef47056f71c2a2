"""A thin WebDAV client for CardDAV address books and CalDAV calendars.

Only what a status-based sync needs: find the collection (discovery from a server root),
list its items with their ETags (one PROPFIND), fetch many items in one REPORT, and write
or delete one item guarded by its ETag, so a change made meanwhile on the server is never
overwritten. Every call has a timeout; any failure is one sentence (`ServerError`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from followthru.errors import ServerError

TIMEOUT = 120  # a large address book on a small server lists slowly
BATCH = 200  # items per multiget REPORT
DAV, CARD, CAL = "DAV:", "urn:ietf:params:xml:ns:carddav", "urn:ietf:params:xml:ns:caldav"
_NS = {"d": DAV, "card": CARD, "cal": CAL}


@dataclass(frozen=True)
class Kind:
    """What differs between an address book and a calendar."""

    name: str  # for messages
    well_known: str
    home: str  # the principal property naming the collections' home
    collection: str  # the resourcetype element of a collection of this kind
    multiget: str
    data: str  # the element holding an item's text in a REPORT answer


CONTACTS = Kind(
    "address book",
    "/.well-known/carddav",
    f"{{{CARD}}}addressbook-home-set",
    f"{{{CARD}}}addressbook",
    f"{{{CARD}}}addressbook-multiget",
    f"{{{CARD}}}address-data",
)
CALENDAR = Kind(
    "calendar",
    "/.well-known/caldav",
    f"{{{CAL}}}calendar-home-set",
    f"{{{CAL}}}calendar",
    f"{{{CAL}}}calendar-multiget",
    f"{{{CAL}}}calendar-data",
)


def _props(*names: str) -> bytes:
    inner = "".join(f"<{n}/>" for n in names)
    return (
        f'<?xml version="1.0"?><d:propfind xmlns:d="{DAV}" xmlns:card="{CARD}" '
        f'xmlns:cal="{CAL}"><d:prop>{inner}</d:prop></d:propfind>'
    ).encode()


class Client:
    """One server, one user; used as a context manager so its connections are closed."""

    def __init__(self, url: str, user: str, password: str) -> None:
        import requests

        self.url = url
        self.http = requests.Session()
        self.http.auth = (user, password) if user else None
        self.http.headers["User-Agent"] = "followthru"

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        """One HTTP call; a refusal or an unreachable server becomes one sentence."""
        import requests

        ok = kwargs.pop("ok", ())
        try:
            answer = self.http.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as exc:
            raise _refused(self.url, str(exc)) from exc
        if answer.status_code >= 400 and answer.status_code not in ok:
            raise _refused(self.url, f"{method} {urlsplit(url).path} answered {answer.status_code}")
        return answer

    def propfind(self, url: str, body: bytes, depth: str) -> list[tuple[str, ET.Element]]:
        """(href, prop element) for every answer with status 200."""
        headers = {"Depth": depth, "Content-Type": "application/xml; charset=utf-8"}
        answer = self.request("PROPFIND", url, data=body, headers=headers)
        return _responses(answer.content, self.url)

    def discover(self, kind: Kind) -> str:
        """The URL of the collection at `self.url`, or of the user's first one when it is a
        server root (`/.well-known/…`, `current-user-principal`, the home set)."""
        types = _props("d:resourcetype", "d:current-user-principal")
        for href, prop in self.propfind(self.url, types, "0"):
            if prop.find(f"d:resourcetype/{_short(kind.collection)}", _NS) is not None:
                return urljoin(self.url, href)
        principal = self._principal(types) or self._principal(types, kind.well_known)
        if principal is None:
            raise _none_found(self.url, kind)
        home = self._home(principal, kind)
        for href, prop in self.propfind(home, _props("d:resourcetype"), "1"):
            if prop.find(f"d:resourcetype/{_short(kind.collection)}", _NS) is not None:
                return urljoin(home, href)
        raise _none_found(self.url, kind)

    def _principal(self, body: bytes, path: str = "") -> str | None:
        url = urljoin(self.url, path) if path else self.url
        for _, prop in self.propfind(url, body, "0"):
            found = prop.find("d:current-user-principal/d:href", _NS)
            if found is not None and found.text:
                return urljoin(url, found.text.strip())
        return None

    def _home(self, principal: str, kind: Kind) -> str:
        for _, prop in self.propfind(principal, _props(_short(kind.home)), "0"):
            found = prop.find(f"{_short(kind.home)}/d:href", _NS)
            if found is not None and found.text:
                return urljoin(principal, found.text.strip())
        return principal

    def etags(self, collection: str) -> dict[str, str]:
        """Every item of the collection: href -> ETag, in one PROPFIND (no content)."""
        found = self.propfind(collection, _props("d:getetag", "d:resourcetype"), "1")
        own = urlsplit(collection).path.rstrip("/")
        return {
            href: (etag.text or "").strip()
            for href, prop in found
            if unquote(href).rstrip("/") != unquote(own)
            and (etag := prop.find("d:getetag", _NS)) is not None
            and prop.find("d:resourcetype/d:collection", _NS) is None
        }

    def fetch(
        self, collection: str, kind: Kind, hrefs: Sequence[str]
    ) -> Iterator[tuple[str, str, str]]:
        """(href, ETag, text) of the given items, a batch per REPORT."""
        for start in range(0, len(hrefs), BATCH):
            refs = "".join(f"<d:href>{_xml_text(h)}</d:href>" for h in hrefs[start : start + BATCH])
            data = _short(kind.data)
            body = (
                f'<?xml version="1.0"?><{_short(kind.multiget)} xmlns:d="{DAV}" '
                f'xmlns:card="{CARD}" xmlns:cal="{CAL}"><d:prop><d:getetag/><{data}/></d:prop>'
                f"{refs}</{_short(kind.multiget)}>"
            ).encode()
            headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
            answer = self.request("REPORT", collection, data=body, headers=headers)
            for href, prop in _responses(answer.content, self.url):
                text, etag = prop.find(data, _NS), prop.find("d:getetag", _NS)
                if text is not None and text.text:
                    yield href, (etag.text or "").strip() if etag is not None else "", text.text

    def put(
        self, url: str, body: str, content_type: str, etag: str | None, *, keep_theirs: bool = False
    ) -> str | None:
        """Write one item: a new one (`etag` None) only if nothing is there, else only over
        `etag` ("" when the server never said one). The new ETag ("" when unsaid). With
        `keep_theirs`, an item changed on the server meanwhile is left alone: None."""
        guard = {"If-None-Match": "*"} if etag is None else {"If-Match": etag} if etag else {}
        headers = {"Content-Type": f"{content_type}; charset=utf-8", **guard}
        ok = (412,) if keep_theirs else ()
        answer = self.request("PUT", url, data=body.encode(), headers=headers, ok=ok)
        if answer.status_code == 412:
            return None
        return str(answer.headers.get("ETag", "")).strip()

    def delete(self, url: str, etag: str) -> None:
        headers = {"If-Match": etag} if etag else {}
        self.request("DELETE", url, headers=headers, ok=(404,))

    def components(self, calendar: str) -> set[str]:
        """The item kinds a calendar accepts (VEVENT, VTODO …); all of them when unsaid."""
        body = _props("cal:supported-calendar-component-set")
        for _, prop in self.propfind(calendar, body, "0"):
            found = prop.findall("cal:supported-calendar-component-set/cal:comp", _NS)
            if found:
                return {str(c.get("name", "")).upper() for c in found}
        return {"VEVENT", "VTODO"}


def _short(tag: str) -> str:
    """`{DAV:}getetag` -> `d:getetag`, for the XML we write and the paths we look up."""
    space, _, local = tag[1:].partition("}")
    prefix = {v: k for k, v in _NS.items()}[space]
    return f"{prefix}:{local}"


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _responses(content: bytes, url: str) -> list[tuple[str, ET.Element]]:
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise _refused(url, f"its answer is not WebDAV XML ({exc})") from exc
    out = []
    for response in root.findall("d:response", _NS):
        href = response.findtext("d:href", "", _NS).strip()
        for propstat in response.findall("d:propstat", _NS):
            prop = propstat.find("d:prop", _NS)
            if prop is not None and " 200 " in f"{propstat.findtext('d:status', '', _NS)} ":
                out.append((href, prop))
    return out


def _refused(url: str, why: str) -> ServerError:
    return ServerError(
        f"The server at {url} refused or could not be reached: {why.rstrip('.')}.",
        "Check the URL, the user name and the password (`followthru account list`); "
        "then sync again.",
    )


def _none_found(url: str, kind: Kind) -> ServerError:
    return ServerError(
        f"No {kind.name} was found at {url}.",
        f"Create one in your server's web interface, or give the {kind.name}'s own URL.",
    )
