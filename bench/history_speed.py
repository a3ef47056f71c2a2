"""History speed: a 20,000-message mbox through `followthru import`, and 10,000 message
headers through `followthru sync` from a local Dovecot, then a sync with nothing new.

    python bench/history_speed.py [--messages 20000] [--imap 10000] [--runs 3]

Each is a whole command (start-up included) into a database that already holds the 1,000
people the mail is with. Beside each, its floor in the same run: reading the same headers
with the standard library's `mailbox` alone, fetching them with `imapclient` alone, and
for a sync with nothing new, `followthru list --json` (start-up and the database opened).
"""

from __future__ import annotations

import argparse
import mailbox
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email.parser import BytesHeaderParser
from pathlib import Path

from startup import FOLLOWTHRU

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "helpers"))
import servers  # the test suite's own server launcher

ME = servers.USER
PEOPLE = 1000


def message(i: int) -> bytes:
    """Mail with 1,000 people (and as many strangers), both ways, some of it newsletters."""
    other = f"person{i % (2 * PEOPLE)}@example.org"
    sender, to = (ME, other) if i % 3 == 0 else (other, ME)
    extra = "List-Id: <news.example.org>\n" if i % 17 == 0 else ""
    day = 1 + i % 28
    return (
        f"From: {sender}\nTo: {to}\nSubject: Thread {i % 500}\n"
        f"Date: Mon, {day:02d} Sep 2026 10:{i % 60:02d}:00 +0000\n"
        f"Message-ID: <m{i}@bench.example>\n{extra}\nBody {i} that is never read.\n"
    ).encode()


def write_mbox(path: Path, count: int) -> None:
    with path.open("wb") as out:
        for i in range(count):
            out.write(b"From bench@example Mon Sep  1 10:00:00 2026\n" + message(i) + b"\n")


def people_vcf(path: Path) -> None:
    cards = [
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:person{i}@example.org\r\nEND:VCARD"
        for i in range(PEOPLE)
    ]
    path.write_text("\r\n".join(cards) + "\r\n")


def run(*args: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one command: a shared machine's load stretches the first,
    hardly the second (user + system time of the command)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(FOLLOWTHRU), *args], stdout=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def row(label: str, samples: list[tuple[float, float]]) -> str:
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    return f"| {label} | {wall:.2f} | {cpu:.2f} |"


def fresh_db(folder: Path, name: str, env: dict[str, str]) -> Path:
    db = folder / name
    run("--db", str(db), "import", str(folder / "people.vcf"), env=env)
    return db


def mailbox_floor(path: Path) -> float:
    start = time.perf_counter()
    parser = BytesHeaderParser()
    box = mailbox.mbox(path, create=False)
    for key in box.iterkeys():
        with box.get_file(key) as stream:
            parser.parsebytes(stream.read(600))
    return time.perf_counter() - start


def imapclient_floor(server: servers.Dovecot) -> float:
    from imapclient import IMAPClient

    start = time.perf_counter()
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    client.login(server.user, servers.PASSWORD)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    for at in range(0, len(uids), 500):
        client.fetch(uids[at : at + 500], ["BODY.PEEK[HEADER.FIELDS (FROM TO DATE SUBJECT)]"])
    client.logout()
    return time.perf_counter() - start


def bench_mbox(folder: Path, count: int, runs: int, env: dict[str, str]) -> None:
    box = folder / "mail.mbox"
    write_mbox(box, count)
    first: list[tuple[float, float]] = []
    again: list[tuple[float, float]] = []
    for n in range(runs):
        db = fresh_db(folder, f"mbox-{n}.db", env)
        first.append(run("--db", str(db), "import", str(box), "--json", env=env))
        again.append(run("--db", str(db), "import", str(box), "--json", env=env))
    print(row(f"mbox import, {count:,} messages", first))
    print(row("same mbox again (nothing new)", again))
    floor = mailbox_floor(box)
    print(f"| floor: stdlib `mailbox` reading the headers (in-process) | {floor:.2f} | |")


def bench_imap(folder: Path, count: int, runs: int, env: dict[str, str]) -> None:
    with servers.dovecot() as base:
        server = base.with_user()
        server.deliver(message(i) for i in range(count))
        first: list[tuple[float, float]] = []
        noop: list[tuple[float, float]] = []
        listing: list[tuple[float, float]] = []
        for n in range(runs):
            db = fresh_db(folder, f"imap-{n}.db", env)
            run(
                "--db", str(db), "account", "add", "imap", server.url, "--user", server.user,
                "--password-command", f"printf {servers.PASSWORD}", env=env,
            )  # fmt: skip
            first.append(run("--db", str(db), "sync", "--json", env=env))
            noop.append(run("--db", str(db), "sync", "--json", env=env))
            listing.append(run("--db", str(db), "list", "--json", env=env))
        floor = imapclient_floor(server)
    print(row(f"IMAP sync, {count:,} headers", first))
    print(f"| floor: `imapclient` fetching the same headers (in-process) | {floor:.2f} | |")
    print(row("IMAP sync again (nothing new)", noop))
    print(row("floor: `followthru list --json` on the same database", listing))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--imap", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "config.toml"
        config.write_text(f'[user]\nemails = ["{ME}"]\n')
        env = {**os.environ, "FOLLOWTHRU_CONFIG": str(config)}
        people_vcf(folder / "people.vcf")
        print("| command | median wall s | median CPU s |")
        print("| --- | ---: | ---: |")
        bench_mbox(folder, args.messages, args.runs, env)
        if shutil.which("dovecot") or Path(servers.DOVECOT).exists():
            bench_imap(folder, args.imap, args.runs, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
