"""What an assistant waits for through `followthru mcp`, against the service call itself.

    python bench/mcp_speed.py [--calls 20] [--db bench/out/net10k.db]

On a copy of the 10,000-person network: the service call alone (the floor), the same tool
through the SDK's in-memory client (what the MCP layer adds), and through `followthru mcp`
launched as a subprocess over stdio (what an assistant sees, pipes and JSON included),
plus the launch itself and the `followthru today --json` process an assistant would run
without MCP. Each call is made once untimed, then `--calls` times; the table shows the
median and the spread, as Markdown ready for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import anyio
from mcp import Client, StdioServerParameters

from followthru.mcp.server import build
from followthru.services import planning
from followthru.services.runtime import open_context
from make_network import default_out
from startup import ensure_network

FOLLOWTHRU = Path(sys.executable).parent / "followthru"
TODAY = date.today()  # the day ensure_network builds the synthetic network for


def row(label: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return f"| {label} | {statistics.median(ms):.1f} | {ms[0]:.1f} | {ms[-1]:.1f} | {len(ms)} |"


async def timed(call: Callable[[], Awaitable[Any]], calls: int) -> list[float]:
    await call()  # warm
    seconds = []
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        seconds.append(time.perf_counter() - started)
    return seconds


def service_floor(db: Path, calls: int) -> list[float]:
    ctx = open_context(str(db))
    seconds = []
    for _ in range(calls + 1):
        started = time.perf_counter()
        planning.today(ctx, today=TODAY)
        seconds.append(time.perf_counter() - started)
    ctx.db.dispose()
    return seconds[1:]


async def in_memory(db: Path, calls: int) -> dict[str, list[float]]:
    ctx = open_context(str(db))
    async with Client(build(ctx, lambda: TODAY)) as client:
        out = {
            "today": await timed(lambda: client.call_tool("today", {}), calls),
            "unknown": await timed(
                lambda: client.call_tool("show_person", {"person": "Nobody Atall"}), calls
            ),
        }
    ctx.db.dispose()
    return out


async def over_stdio(db: Path, calls: int) -> dict[str, list[float]]:
    argv = ["--db", str(db), "--today", TODAY.isoformat(), "mcp"]
    params = StdioServerParameters(command=str(FOLLOWTHRU), args=argv, env=dict(os.environ))
    started = time.perf_counter()
    async with Client(params) as client:
        await client.call_tool("today", {})
        launch = time.perf_counter() - started
        touch = {"person": "#1", "summary": "bench", "via": "call", "kind": "checkin"}
        return {
            "launch": [launch],
            "today": await timed(lambda: client.call_tool("today", {}), calls),
            "log": await timed(lambda: client.call_tool("log_touch", touch), calls),
        }


def cli_today(db: Path, calls: int) -> list[float]:
    argv = [str(FOLLOWTHRU), "--db", str(db), "--today", TODAY.isoformat(), "today", "--json"]
    seconds = []
    for _ in range(calls + 1):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        seconds.append(time.perf_counter() - started)
    return seconds[1:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--db", type=Path, default=default_out(10_000))
    args = parser.parse_args(argv)
    ensure_network(args.db)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "net.db"  # a copy: the stdio run logs touches
        shutil.copy(args.db, db)
        os.environ["FOLLOWTHRU_CONFIG"] = str(Path(folder) / "config.toml")
        floor = service_floor(db, args.calls)
        memory = anyio.run(in_memory, db, args.calls)
        stdio = anyio.run(over_stdio, db, args.calls)
        process = cli_today(db, max(3, args.calls // 4))
    print(f"Python {platform.python_version()} on {platform.platform()}\n")
    print("| what | median ms | min ms | max ms | runs |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(row("service `planning.today` (floor)", floor))
    print(row("tool `today`, in-memory client", memory["today"]))
    print(row("tool `today` over stdio", stdio["today"]))
    print(row("tool `log_touch` over stdio", stdio["log"]))
    print(row("tool `show_person` for an unknown name (did you mean …?)", memory["unknown"]))
    print(row("launch `followthru mcp` to the first `today` answer", stdio["launch"]))
    print(row("`followthru today --json`, a process per question", process))
    return 0


if __name__ == "__main__":
    sys.exit(main())
