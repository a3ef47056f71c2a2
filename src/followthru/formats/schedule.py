"""What runs the digests on time, as the platform's own scheduler wants it written:
systemd user units (Linux), a launchd agent (macOS), or crontab lines (anything else).

Pure text: which program, which days, what time in; file names and contents out.
"""

from __future__ import annotations

import plistlib
import shlex
from dataclasses import dataclass

CRON_DAYS = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
CRON_BEGIN = "# followthru digests: begin (written by `followthru digest schedule`)"
CRON_END = "# followthru digests: end"


@dataclass(frozen=True)
class Job:
    name: str  # today, week: the digest it runs
    argv: tuple[str, ...]
    days: tuple[str, ...]  # mon … sun
    time: str  # HH:MM
    env: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return f"followthru-digest-{self.name}"

    @property
    def hour_minute(self) -> tuple[int, int]:
        hour, minute = self.time.split(":")
        return int(hour), int(minute)


def _systemd_escape(text: str) -> str:
    return text.replace("%", "%%")


def systemd_units(job: Job) -> dict[str, str]:
    """A oneshot service and its timer; Persistent= catches up a run missed while off."""
    days = ",".join(d.capitalize() for d in job.days)
    env = "".join(f"Environment={_systemd_escape(shlex.quote(f'{k}={v}'))}\n" for k, v in job.env)
    service = (
        "[Unit]\n"
        f"Description=followthru digest {job.name}\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{env}"
        f"ExecStart={_systemd_escape(shlex.join(job.argv))}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Run followthru digest {job.name} at {job.time} on {days}\n\n"
        "[Timer]\n"
        f"OnCalendar={days} *-*-* {job.time}:00\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{job.label}.service": service, f"{job.label}.timer": timer}


def launchd_agent(job: Job) -> dict[str, str]:
    """A launch agent plist; launchd runs a missed calendar job when the Mac wakes."""
    hour, minute = job.hour_minute
    agent = {
        "Label": f"org.followthru.digest-{job.name}",
        "ProgramArguments": list(job.argv),
        "EnvironmentVariables": dict(job.env),
        "StartCalendarInterval": [
            {"Weekday": CRON_DAYS[d], "Hour": hour, "Minute": minute} for d in job.days
        ],
        "RunAtLoad": False,
    }
    return {f"org.followthru.digest-{job.name}.plist": plistlib.dumps(agent).decode()}


def crontab_block(jobs: list[Job]) -> str:
    """Lines between markers, so installing again replaces them instead of adding more."""
    lines = [CRON_BEGIN]
    for job in jobs:
        hour, minute = job.hour_minute
        days = ",".join(str(CRON_DAYS[d]) for d in job.days)
        env = "".join(f"{k}={shlex.quote(v)} " for k, v in job.env)
        command = f"{env}{shlex.join(job.argv)}".replace("%", "\\%")  # cron: % is a newline
        lines.append(f"{minute} {hour} * * {days} {command}")
    lines.append(CRON_END)
    return "\n".join(lines) + "\n"


def replace_crontab_block(current: str, block: str) -> str:
    """The user's crontab with our block put in place of an earlier one (or appended)."""
    kept: list[str] = []
    inside = False
    for line in current.split("\n"):  # crontab lines end in \n only
        if line == CRON_BEGIN:
            inside = True
        elif line == CRON_END:
            inside = False
        elif not inside:
            kept.append(line)
    body = "\n".join(kept).rstrip("\n")
    return (body + "\n" if body else "") + block
