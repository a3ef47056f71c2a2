"""The files every import benchmark imports: the demo network's people (same seed, same
day, so the same people for the same size) written as LinkedIn exports them and as a
phone writes a vCard file.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from followthru.demo.network import SynthContact, generate_network

TODAY = date(2026, 11, 22)
SEED = 7


def people(rows: int) -> list[SynthContact]:
    """`rows` people, no history: an import reads names, addresses and jobs only."""
    network = generate_network(today=TODAY, seed=SEED, contacts=rows, touches_per_contact=0)
    return list(network.contacts)


def write_linkedin(folder: Path, found: list[SynthContact]) -> Path:
    """`Connections.csv` in `folder`, as LinkedIn's export holds these people."""
    path = folder / "Connections.csv"
    path.write_text(linkedin_csv(found), encoding="utf-8")
    return path


def write_vcards(folder: Path, found: list[SynthContact]) -> Path:
    """`contacts.vcf` in `folder`: the same people as a phone exports them."""
    path = folder / "contacts.vcf"
    path.write_text(vcards(found), encoding="utf-8")
    return path


def linkedin_csv(people: list[SynthContact]) -> str:
    out = io.StringIO()
    out.write('Notes:\n"When exporting your connection data, you may notice ..."\n\n')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for i, c in enumerate(people):
        first, _, last = c.name.partition(" ")
        slug = f"{first}-{last}-{i}".lower().replace(" ", "-")
        writer.writerow(
            [
                first,
                last,
                f"https://www.linkedin.com/in/{slug}",
                c.emails[0] if c.emails and i % 3 else "",  # LinkedIn hides most addresses
                c.company or "",
                c.title or "",
                c.met_on.strftime("%d %b %Y"),
            ]
        )
    return out.getvalue()


def vcards(people: list[SynthContact]) -> str:
    cards = []
    for c in people:
        first, _, last = c.name.partition(" ")
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{c.name}", f"N:{last};{first};;;"]
        lines += [f"EMAIL;TYPE=INTERNET:{e}" for e in c.emails]
        lines += [f"TEL;TYPE=CELL:{p}" for p in c.phones]
        if c.company:
            lines.append(f"ORG:{c.company}")
        if c.title:
            lines.append(f"TITLE:{c.title}")
        if c.tags:
            lines.append("CATEGORIES:" + ",".join(c.tags))
        lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    return "\r\n".join(cards) + "\r\n"
