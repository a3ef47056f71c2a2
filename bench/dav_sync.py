"""CardDAV sync speed: 5,000 contacts on a local Radicale, into an empty database (first
sync), then a sync with nothing new (one listing, no card downloaded).

    python bench/dav_sync.py [--contacts 5000] [--runs 3]

Each is a whole command (start-up included). Beside them, in the same run, two floors:
a command that opens the same database (`followthru list --json`) and the server's own
answer to the one listing a sync with nothing new makes. Goals: a first sync under
60 s, a sync with nothing new under 5 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import requests

from history_speed import row, run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import servers  # the test suite's own server launcher

USER = "bench"


def card(i: int) -> str:
    """A phone's card: a personal e-mail and mobile, a company, a category, an X- line."""
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-{i}\r\nFN:Person {i}\r\nN:{i};Person;;;\r\n"
        f"EMAIL;TYPE=HOME:person{i}@example.org\r\nTEL;TYPE=CELL:+4420{7946_0000 + i}\r\n"
        f"ORG:Company {i % 300}\r\nCATEGORIES:bench\r\nX-ABUID:{i}\r\nEND:VCARD\r\n"
    )


def fill(root: Path, base: str, count: int) -> str:
    """An address book holding `count` cards, written straight into Radicale's storage
    (thousands of PUTs would measure Radicale, not followthru)."""
    url = servers.make_collection(f"{base}/{USER}/contacts/", "addressbook", USER)
    folder = root / "collections" / "collection-root" / USER / "contacts"
    for i in range(count):
        (folder / f"bench-{i}.vcf").write_text(card(i), newline="")
    # Radicale indexes items it did not receive itself on their first listing and REPORT
    # (minutes for 5,000); a phone's PUTs would have done it. Warm up outside the timing.
    requests.request("PROPFIND", url, headers={"Depth": "1"}, auth=(USER, "x"), timeout=3600)
    hrefs = "".join(f"<d:href>/{USER}/contacts/bench-{i}.vcf</d:href>" for i in range(count))
    report = (
        '<?xml version="1.0"?><C:addressbook-multiget xmlns:d="DAV:" '
        'xmlns:C="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><C:address-data/>'
        f"</d:prop>{hrefs}</C:addressbook-multiget>"
    )
    requests.request("REPORT", url, data=report, auth=(USER, "x"), timeout=3600)
    return url


def listing_floor(url: str) -> float:
    """What any client pays the server for a sync with nothing new: one ETag listing."""
    body = (
        '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
    )
    start = time.perf_counter()
    answer = requests.request(
        "PROPFIND", url, data=body, headers={"Depth": "1"}, auth=(USER, "x"), timeout=600
    )
    answer.raise_for_status()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, servers.radicale(Path(tmp)) as base:
        folder = Path(tmp)
        env = {**os.environ, "FOLLOWTHRU_CONFIG": str(folder / "config.toml")}
        url = fill(folder, base, args.contacts)
        first, noop, listing = [], [], []
        for n in range(args.runs):
            db = str(folder / f"sync-{n}.db")
            run(
                "--db", db, "account", "add", "contacts", url, "--user", USER,
                "--password-command", "printf x", env=env,
            )  # fmt: skip
            first.append(run("--db", db, "sync", "--json", env=env))
            noop.append(run("--db", db, "sync", "--json", env=env))
            listing.append(run("--db", db, "list", "--json", env=env))
        print("| command | median wall s | median CPU s |")
        print("| --- | ---: | ---: |")
        print(row(f"first CardDAV sync, {args.contacts:,} contacts", first))
        print(row("CardDAV sync again (nothing new)", noop))
        print(row("floor: `followthru list --json` on the same database", listing))
        print(
            f"| floor: the server's listing alone (one PROPFIND, in-process) | {listing_floor(url):.2f} | |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
