"""`followthru digest schedule`: the jobs that send the digests, printed or installed.

The daily digest runs at `digest.time` on `working_days`, the weekly one on Mondays. Jobs
call this same Python with `-m followthru`, so they work from a virtualenv too, and carry
the database and config choices of the command that wrote them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from followthru.errors import BadInput, FollowthruError
from followthru.files import write_atomic
from followthru.formats import schedule as layout
from followthru.formats.schedule import Job
from followthru.settings import ENV_PREFIX, Settings

KINDS = ("systemd", "launchd", "cron")
CARRIED_ENV = ("CONFIG", "DB", "DATABASE_URL")
TIMEOUT_S = 30


@dataclass(frozen=True)
class Schedule:
    kind: str
    folder: Path | None  # where the files go; None for the user's crontab
    files: dict[str, str]
    activate: list[list[str]] = field(default_factory=list)  # run after writing


def detect_kind(platform: str = sys.platform) -> str:
    if platform == "darwin":
        return "launchd"
    return "systemd" if platform.startswith("linux") and shutil.which("systemctl") else "cron"


def jobs(settings: Settings, *, db: str | None) -> list[Job]:
    argv = (sys.executable, "-m", "followthru", *(("--db", db) if db else ()))
    env = tuple(
        (ENV_PREFIX + name, os.environ[ENV_PREFIX + name])
        for name in CARRIED_ENV
        if os.environ.get(ENV_PREFIX + name)
    )
    at = str(settings["digest.time"])
    days = tuple(str(settings["working_days"]).split(","))
    return [
        Job("today", (*argv, "digest", "today"), days, at, env),
        Job("week", (*argv, "digest", "week"), ("mon",), at, env),
    ]


def _default_folder(kind: str) -> Path:
    if kind == "launchd":
        return Path.home() / "Library" / "LaunchAgents"
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def build(settings: Settings, *, db: str | None, kind: str | None, folder: Path | None) -> Schedule:
    """The files for this platform (or `kind`); activation only for the real folders."""
    kind = kind or detect_kind()
    if kind not in KINDS:
        raise BadInput(f"Unknown scheduler {kind!r}.", f"Choose one of: {', '.join(KINDS)}.")
    todo = jobs(settings, db=db)
    if kind == "cron":
        block = layout.crontab_block(todo)
        return Schedule(kind, folder, {"followthru.crontab": block})
    files: dict[str, str] = {}
    for job in todo:
        files.update(layout.systemd_units(job) if kind == "systemd" else layout.launchd_agent(job))
    if folder is not None:
        return Schedule(kind, folder, files)
    target = _default_folder(kind)
    if kind == "systemd":
        timers = [name for name in files if name.endswith(".timer")]
        steps = [["systemctl", "--user", "daemon-reload"]]
        steps.append(["systemctl", "--user", "enable", "--now", *timers])
    else:
        steps = [["launchctl", "load", "-w", str(target / name)] for name in files]
    return Schedule(kind, target, files, steps)


def _run(argv: list[str], stdin: str | None = None) -> str:
    try:
        done = subprocess.run(
            argv, input=stdin, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise FollowthruError(f"`{' '.join(argv)}` could not run: {exc}.") from exc
    if done.returncode != 0 and argv[:2] != ["crontab", "-l"]:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise FollowthruError(
            f"`{' '.join(argv)}` failed: {reason[0] if reason else done.returncode}.",
            "The files are written; run the command by hand to see more.",
        )
    return done.stdout


def install(schedule: Schedule) -> list[Path]:
    """Write the files (atomically; mkstemp leaves them readable by the user only), then
    activate them."""
    if schedule.folder is None:  # the user's own crontab, our block replaced in place
        current = _run(["crontab", "-l"])
        _run(
            ["crontab", "-"],
            layout.replace_crontab_block(current, schedule.files["followthru.crontab"]),
        )
        return []
    written = []
    for name, content in sorted(schedule.files.items()):
        path = schedule.folder / name
        try:
            write_atomic(path, content.encode())
        except OSError as exc:
            raise FollowthruError(
                f"Cannot write {path}: {exc.strerror}.", "Choose another folder with --dir."
            ) from exc
        written.append(path)
    for step in schedule.activate:
        _run(step)
    return written
