"""`digest schedule` writes what the platform's scheduler reads, into a folder the test
chooses: the real user's systemd, launchd and crontab are never touched here."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import Cli
from followthru.formats.schedule import (
    CRON_BEGIN,
    CRON_END,
    Job,
    crontab_block,
    replace_crontab_block,
)
from followthru.services.schedule import detect_kind


def test_systemd_timers_run_today_on_working_days_and_week_on_mondays(
    cli: Cli, config_file: Path, tmp_path: Path
) -> None:
    config_file.write_text('working_days = "mon,tue,thu"\n[digest]\ntime = "07:30"\n')
    folder = tmp_path / "units"
    result = cli.ok("digest", "schedule", "--install", "--kind", "systemd", "--dir", str(folder))
    assert "not told" in result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "followthru-digest-today.service",
        "followthru-digest-today.timer",
        "followthru-digest-week.service",
        "followthru-digest-week.timer",
    ]
    today_timer = (folder / "followthru-digest-today.timer").read_text()
    assert "OnCalendar=Mon,Tue,Thu *-*-* 07:30:00" in today_timer
    assert "Persistent=true" in today_timer
    week_timer = (folder / "followthru-digest-week.timer").read_text()
    assert "OnCalendar=Mon *-*-* 07:30:00" in week_timer
    service = (folder / "followthru-digest-week.service").read_text()
    assert f"ExecStart={sys.executable} -m followthru --db " in service
    assert service.rstrip().endswith("digest week")
    assert f"Environment=FOLLOWTHRU_CONFIG={config_file}" in service
    assert (folder / "followthru-digest-week.service").stat().st_mode & 0o077 == 0


def test_launchd_agents_and_a_crontab_file(cli: Cli, tmp_path: Path) -> None:
    cli.ok("digest", "schedule", "--install", "--kind", "launchd", "--dir", str(tmp_path))
    agent = plistlib.loads((tmp_path / "org.followthru.digest-week.plist").read_bytes())
    assert agent["ProgramArguments"][-2:] == ["digest", "week"]
    assert agent["StartCalendarInterval"] == [{"Weekday": 1, "Hour": 8, "Minute": 0}]
    daily = plistlib.loads((tmp_path / "org.followthru.digest-today.plist").read_bytes())
    assert [d["Weekday"] for d in daily["StartCalendarInterval"]] == [1, 2, 3, 4, 5]
    cli.ok("digest", "schedule", "--install", "--kind", "cron", "--dir", str(tmp_path))
    lines = (tmp_path / "followthru.crontab").read_text().splitlines()
    assert lines[1].startswith("0 8 * * 1,2,3,4,5 ") and lines[1].endswith("digest today")
    assert lines[2].startswith("0 8 * * 1 ") and lines[2].endswith("digest week")


def test_schedule_prints_without_install(cli: Cli) -> None:
    shown = cli.ok("digest", "schedule", "--kind", "cron").output
    assert CRON_BEGIN in shown
    assert cli("digest", "schedule", "--kind", "atd").exit_code == 2


def test_the_platform_picks_the_scheduler() -> None:
    assert detect_kind("darwin") == "launchd"
    assert detect_kind("freebsd14") == "cron"


line = st.text(st.characters(blacklist_characters="\n\r"), max_size=30)


@given(before=st.lists(line, max_size=5), after=st.lists(line, max_size=5))
def test_installing_the_crontab_block_again_replaces_it(
    before: list[str], after: list[str]
) -> None:
    """Other lines survive; the block appears once however often it is installed."""
    block = crontab_block([Job("week", ("followthru", "digest", "week"), ("mon",), "08:00")])
    user = "\n".join(before)
    once = replace_crontab_block(user, block)
    twice = replace_crontab_block(once + "\n".join(after), block)
    assert twice.count(CRON_BEGIN) == 1 and twice.count(CRON_END) == 1
    kept = [x for x in before + after if x not in (CRON_BEGIN, CRON_END) and x.strip()]
    assert [x for x in twice.split("\n") if x.strip()][: len(kept)] == kept


def test_a_bad_digest_time_is_bad_input(cli: Cli, config_file: Path) -> None:
    config_file.write_text('[digest]\ntime = "25:00"\n')
    result = cli("digest", "schedule")
    assert result.exit_code == 2 and "digest.time" in result.output


def test_a_percent_sign_in_the_environment_is_escaped_for_cron_too() -> None:
    """cron reads an unescaped % anywhere in the command as a newline, the env included."""
    job = Job("week", ("followthru", "--db", "/d/x%y.db"), ("mon",), "08:00", (("K", "/d/x%y"),))
    line = crontab_block([job]).splitlines()[1]
    assert "%" not in line.replace("\\%", "")


def test_dir_writes_the_files_without_install(cli: Cli, tmp_path: Path) -> None:
    """`--dir FOLDER` says it writes the files there: it does, and switches nothing on."""
    result = cli.ok("digest", "schedule", "--kind", "systemd", "--dir", str(tmp_path))
    assert "not told" in result.output
    assert (tmp_path / "followthru-digest-week.timer").is_file()
