"""Latency of the web app's main pages on a 10,000-person network, under a bounded load.

    python bench/web_speed.py [--requests 200] [--clients 4] [--size 10000] [--url URL]

Starts `followthru serve` on 127.0.0.1 (a free port, a copy of the network, its own
config folder), warms each page once, then sends `--requests` requests per page from
`--clients` threads, each over one keep-alive connection, and prints the median and the
95th percentile per page as Markdown for docs/benchmarks.md. The aim is p95 < 100 ms.
`--url` serves a server database instead (e.g. PostgreSQL, filled by `make_network.py
--url URL --fresh`); the SQLite network is copied so the benchmark's writes stay there.
The app keeps today's plan until the database changes and makes it again in the
background within a second or so; the last rows time Today right after a logged touch
(the plan is made for that request: the cold cost) and 1.5 s after one.
The server gets this script's environment, so it runs the followthru this script imports:
`PYTHONPATH=WORKTREE/src` measures a worktree's code; the header says which one ran.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import followthru
from engine import TODAY, network
from startup import FOLLOWTHRU


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(port: int, deadline_s: float = 30.0) -> None:
    stop = time.monotonic() + deadline_s
    while time.monotonic() < stop:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def timed_gets(port: int, path: str, count: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    seconds = []
    for _ in range(count):
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        seconds.append(time.perf_counter() - started)
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
    conn.close()
    return seconds


def after_each_change(port: int, contact_id: str, count: int, pause: float) -> list[float]:
    """Today's page `pause` seconds after a write: at 0 the plan is always made for the
    request (its cold cost); after a second or two the background has made it already."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"contact_id": int(contact_id), "via": "email", "summary": "bench"})
    seconds = []
    for _ in range(count):
        conn.request("POST", "/api/v1/touches", body, {"Content-Type": "application/json"})
        answer = conn.getresponse()
        answer.read()
        if answer.status != 201:
            raise SystemExit(f"logging a touch answered {answer.status}")
        time.sleep(pause)
        started = time.perf_counter()
        conn.request("GET", "/today")
        conn.getresponse().read()
        seconds.append(time.perf_counter() - started)
    conn.close()
    return seconds


def load(port: int, path: str, requests: int, clients: int) -> list[float]:
    results: list[list[float]] = [[] for _ in range(clients)]

    def worker(i: int) -> None:
        results[i] = timed_gets(port, path, requests // clients)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return [s for r in results for s in r]


def cpu_seconds(pid: int) -> float:
    """User + system CPU the server has used so far (Linux /proc): per request, the figure
    that a loaded machine does not stretch the way it stretches wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def page_row(port: int, pid: int, path: str, args: argparse.Namespace) -> str:
    """Median, p95 and max ms of one page under load, and the server's CPU a request."""
    timed_gets(port, path, 3)  # warm: first compile of each statement
    before = cpu_seconds(pid)
    seconds = load(port, path, args.requests, args.clients)
    cpu_ms = (cpu_seconds(pid) - before) * 1000 / len(seconds)
    ms = [s * 1000 for s in seconds]
    return f"{statistics.median(ms):.0f} | {p95(ms):.0f} | {max(ms):.0f} | {cpu_ms:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--url", help="a server database holding the network")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        db = args.url or Path(folder) / "web.db"
        if not args.url:
            shutil.copy(network(args.size), db)
        port = free_port()
        env = {**os.environ, "FOLLOWTHRU_CONFIG": str(Path(folder) / "config.toml")}
        server = subprocess.Popen(
            [str(FOLLOWTHRU), "--db", str(db), "--today", TODAY, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/contacts?pile=target")
            page = conn.getresponse().read().decode()
            someone = re.search(r'href="/contacts/(\d+)"', page)
            assert someone, "the listing links to people"
            pages = {
                "Today": "/today",
                "Contacts, first page": "/contacts",
                "Contacts, search": "/contacts?q=smi",
                "Contact page": f"/contacts/{someone.group(1)}",
                "API today": "/api/v1/today",
                "API events": "/api/v1/events",
            }
            print(
                f"{args.size:,} people on {'the server' if args.url else 'SQLite'}, "
                f"{args.requests} requests per page from "
                f"{args.clients} clients, Python {sys.version.split()[0]}, "
                f"followthru from {Path(followthru.__file__).parent.parent}\n"
            )
            print("| Page | median ms | p95 ms | max ms | server CPU ms a request |")
            print("|---|---:|---:|---:|---:|")
            for label, path in pages.items():
                print(f"| {label} (`{path}`) | {page_row(port, server.pid, path, args)} |")
            for pause, runs in ((0.0, 40), (1.5, 20)):
                ms = [s * 1000 for s in after_each_change(port, someone.group(1), runs, pause)]
                print(
                    f"| Today {pause:g} s after a logged touch ({runs} runs) "
                    f"| {statistics.median(ms):.0f} | {p95(ms):.0f} | {max(ms):.0f} | |"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
