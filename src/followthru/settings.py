"""Settings, defined once.

One list of `Setting` feeds the TOML config file, the `FOLLOWTHRU_*` environment
variables, `followthru config show` and the docs, so a default can never drift between
them. Nothing is read at import time: callers build `Settings` when they need it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followthru.errors import ConfigError

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

APP_NAME = "followthru"
ENV_PREFIX = "FOLLOWTHRU_"


def _parse_int(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError("expected a whole number")
    value = raw if isinstance(raw, int) else int(str(raw).strip())
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _parse_str(raw: object) -> str:
    return str(raw)


def _parse_timezone(raw: object) -> str:
    name = str(raw).strip()
    if name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {name!r} (try e.g. Europe/London)") from exc
    return name


def _parse_region(raw: object) -> str:
    region = str(raw).strip().upper()
    import phonenumbers

    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"{region!r} is not a two-letter region code such as GB or US")
    return region


DATE_ORDERS = ("auto", "dmy", "mdy")


def _parse_date_order(raw: object) -> str:
    order = str(raw).strip().lower()
    if order not in DATE_ORDERS:
        raise ValueError(f"{order!r} is not one of {', '.join(DATE_ORDERS)}")
    return order


def _parse_emails(raw: object) -> list[str]:
    """Your own addresses, as a TOML list or one comma-separated string."""
    from followthru.domain.fields import normalize_email
    from followthru.errors import BadInput

    items = raw if isinstance(raw, list) else str(raw).split(",")
    try:
        return [normalize_email(str(item)) for item in items if str(item).strip()]
    except BadInput as exc:
        raise ValueError(exc.message.rstrip(".")) from exc


def _parse_profile(raw: object) -> str:
    from followthru.domain.fields import is_linkedin

    text = str(raw).strip()
    if text and not is_linkedin(text):
        raise ValueError(f"{text!r} is not a LinkedIn profile URL (linkedin.com/in/…)")
    return text


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _parse_days(raw: object) -> str:
    items = raw if isinstance(raw, list) else str(raw).split(",")
    days = [str(d).strip().lower()[:3] for d in items if str(d).strip()]
    unknown = [d for d in days if d not in WEEKDAYS]
    if unknown or not days:
        raise ValueError(f"expected weekdays such as mon,tue,wed (got {raw!r})")
    return ",".join(sorted(set(days), key=WEEKDAYS.index))


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str]:
    """The parser of a setting that takes one of a few words."""

    def parse(raw: object) -> str:
        value = str(raw).strip().lower()
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)} (got {raw!r})")
        return value

    return parse


SCAN_ENGINES = ("auto", "rapidocr", "tesseract")
_parse_engine = _one_of(SCAN_ENGINES)


def _parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"expected true or false (got {raw!r})")


def _parse_clock(raw: object) -> str:
    """A time of day as HH:MM (24-hour), the form timers and crontab both take."""
    hours, _, minutes = str(raw).strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"expected a time such as 08:00 (got {raw!r})")
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(f"{raw!r} is not a time of day")
    return f"{int(hours):02d}:{minutes}"


SMTP_SECURITY = ("starttls", "ssl", "none")
_parse_security = _one_of(SMTP_SECURITY)


def _parse_urls(raw: object) -> tuple[str, ...]:
    """Apprise URLs, as a TOML list or separated by spaces or commas in the environment."""
    items = raw if isinstance(raw, list) else str(raw).replace(",", " ").split()
    return tuple(str(u).strip() for u in items if str(u).strip())


@dataclass(frozen=True)
class Setting:
    name: str
    parse: Callable[[object], Any]
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper().replace(".", "_")


SETTINGS: tuple[Setting, ...] = (
    Setting("user.name", _parse_str, "", "Your name, used to sign drafted messages."),
    Setting("user.signature", _parse_str, "", "A sign-off added under drafted messages."),
    Setting(
        "timezone",
        _parse_timezone,
        "",
        "Your time zone (e.g. Europe/London); empty means the system's.",
    ),
    Setting(
        "phone_region",
        _parse_region,
        "US",
        "Region assumed for phone numbers written without +country code.",
    ),
    Setting(
        "cadence.target", _parse_int, 30, "Days between touches for people in the target pile."
    ),
    Setting(
        "cadence.connector",
        _parse_int,
        90,
        "Days between touches for people in the connector pile.",
    ),
    Setting(
        "cadence.general", _parse_int, 180, "Days between touches for people in the general pile."
    ),
    Setting(
        "followup.target_days",
        _parse_int,
        2,
        "Days after an event to follow up with target contacts.",
    ),
    Setting(
        "followup.connector_days",
        _parse_int,
        7,
        "Days after an event to follow up with connectors.",
    ),
    Setting(
        "reconnect.min_days",
        _parse_int,
        90,
        "A contact becomes a reconnect candidate after this many days without a touch.",
    ),
    Setting(
        "reconnect.max_days",
        _parse_int,
        180,
        "Reconnect candidates are people untouched for at most this many days.",
    ),
    Setting("reconnect.per_day", _parse_int, 3, "How many reconnects `today` suggests."),
    Setting(
        "today.promises",
        _parse_int,
        10,
        "At most this many due promises in `today`; the rest wait in `promises`.",
    ),
    Setting("week.light", _parse_int, 12, "Light touches (engage with a post) in the weekly plan."),
    Setting(
        "week.messages", _parse_int, 4, "Personal messages (check-in or value) in the weekly plan."
    ),
    Setting(
        "week.deep", _parse_int, 1, "Deeper conversations (call or coffee) in the weekly plan."
    ),
    Setting("week.capacity", _parse_int, 25, "At most this many items in a weekly plan."),
    Setting(
        "cooldown.unanswered",
        _parse_int,
        2,
        "Outbound touches without a reply before a contact cools down.",
    ),
    Setting("cooldown.days", _parse_int, 30, "Days a contact rests after going unanswered."),
    Setting(
        "working_days",
        _parse_days,
        "mon,tue,wed,thu,fri",
        "Days on which follow-up sessions may be booked (and the daily digest runs).",
    ),
    Setting(
        "web.url",
        _parse_str,
        "",
        "Where your followthru web app is reached (e.g. http://127.0.0.1:8765); digests link to it.",
    ),
    Setting("smtp.host", _parse_str, "", "SMTP server that sends the digests."),
    Setting("smtp.port", _parse_int, 587, "SMTP port (587 for starttls, 465 for ssl)."),
    Setting(
        "smtp.security", _parse_security, "starttls", "SMTP encryption: starttls, ssl or none."
    ),
    Setting(
        "smtp.user",
        _parse_str,
        "",
        "SMTP user name; its password is read from the system keyring (service followthru-smtp).",
    ),
    Setting(
        "smtp.password_command",
        _parse_str,
        "",
        "A command that prints the SMTP password (e.g. pass show mail), used instead of the keyring.",
    ),
    Setting("digest.to", _parse_str, "", "Address the digests are e-mailed to."),
    Setting("digest.from", _parse_str, "", "Sender address of the digests; empty means digest.to."),
    Setting(
        "digest.daily_email",
        _parse_bool,
        False,
        "Also e-mail the daily digest (it always goes to every URL in notify.urls).",
    ),
    Setting("digest.time", _parse_clock, "08:00", "Time of day the scheduled digests run (HH:MM)."),
    Setting(
        "notify.urls",
        _parse_urls,
        (),
        "Apprise URLs that get the daily digest (ntfy://, tgram://, json://, mailto:// …).",
    ),
    Setting(
        "date_order",
        _parse_date_order,
        "auto",
        "How notes' numeric dates such as 03/04 are read: dmy (3 April), mdy (4 March) or auto"
        " (whichever comes next). Dotted and dashed dates (15.01.2027) are always day first.",
    ),
    Setting(
        "scan.engine",
        _parse_engine,
        "auto",
        "OCR engine `scan` reads cards with: rapidocr (the `ocr` extra), tesseract, or auto "
        "(rapidocr when installed, else tesseract).",
    ),
    Setting(
        "user.emails",
        _parse_emails,
        [],
        "Your own e-mail addresses (comma-separated): mail from them is yours, to them is theirs.",
    ),
    Setting(
        "user.linkedin",
        _parse_profile,
        "",
        "Your LinkedIn profile URL, to tell your LinkedIn messages from theirs.",
    ),
    Setting(
        "calendar.closed_promises",
        _one_of(("complete", "remove")),
        "complete",
        "What `sync` does in your calendar with a promise kept or dropped: mark it "
        "(complete) or delete it (remove).",
    ),
)

BY_NAME: Mapping[str, Setting] = {s.name: s for s in SETTINGS}


def config_path() -> Path:
    """Where the TOML file lives: `FOLLOWTHRU_CONFIG`, else the platform's config folder."""
    override = os.environ.get(ENV_PREFIX + "CONFIG")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def read_config_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib  # here, not at the top: most commands of a user without a config skip it

    try:
        with path.open("rb") as fh:
            return _flatten(tomllib.load(fh))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"The config file {path} is not valid TOML: {exc}.",
            "Fix the file by hand, or delete it to go back to the defaults.",
        ) from exc
    except OSError as exc:
        raise ConfigError(f"Cannot read the config file {path}: {exc.strerror}.") from exc


def parse_value(name: str, raw: object, source: str) -> Any:
    setting = BY_NAME.get(name)
    if setting is None:
        raise ConfigError(
            f"Unknown setting {name!r} in {source}.",
            "`followthru config show` lists every setting.",
        )
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise ConfigError(f"Setting {name!r} in {source}: {exc}.") from exc


@dataclass(frozen=True)
class Settings:
    """Resolved settings: defaults, overlaid by the config file, overlaid by the environment."""

    values: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
        path = path or config_path()
        env = os.environ if env is None else env
        values = {s.name: s.default for s in SETTINGS}
        sources = {s.name: "default" for s in SETTINGS}
        for name, raw in read_config_file(path).items():
            values[name] = parse_value(name, raw, str(path))
            sources[name] = str(path)
        for setting in SETTINGS:
            if setting.env_var in env:
                values[setting.name] = parse_value(
                    setting.name, env[setting.env_var], setting.env_var
                )
                sources[setting.name] = setting.env_var
        return cls(values, sources)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def number(self, name: str) -> int:
        return int(self.values[name])

    @property
    def phone_region(self) -> str:
        return str(self.values["phone_region"])

    @property
    def zone(self) -> ZoneInfo | None:
        """The user's zone, or None for the system's local time."""
        name = str(self.values["timezone"])
        if not name:
            return None
        from zoneinfo import ZoneInfo  # only for a zone of the user's choosing

        return ZoneInfo(name)

    def cadence_days(self, pile: str | None) -> int:
        """Keep-in-touch cadence for a pile; untriaged people are treated as general."""
        return self.number(f"cadence.{pile or 'general'}")


def write_setting(path: Path, name: str, raw: str) -> Any:
    """Validate and store one setting in the TOML file, keeping the others, atomically."""
    value = parse_value(name, raw, "the command line")
    write_settings(path, {name: value})
    return value


def write_settings(path: Path, values: Mapping[str, Any]) -> None:
    """Store settings already parsed by `parse_value` in the TOML file, keeping the
    others, in one atomic write: all of them or none."""
    import tomli_w

    flat = read_config_file(path)
    flat.update(values)
    nested: dict[str, Any] = {}
    for key, item in sorted(flat.items()):
        *parents, leaf = key.split(".")
        table = nested
        for part in parents:
            table = table.setdefault(part, {})
        table[leaf] = item
    from followthru.files import write_atomic

    write_atomic(path, tomli_w.dumps(nested).encode())


def database_url(db_path: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Which database to use, the one place every interface (CLI, web, MCP) asks:
    `--db`, then FOLLOWTHRU_DB, then FOLLOWTHRU_DATABASE_URL, then the default file.

    The more specific choice wins: a flag over the environment, and a file named for
    followthru over a general URL. The config file names no database: the settings belong
    to a database's user, and a server URL carrying a password belongs in the environment.
    A `--db` or FOLLOWTHRU_DB value may itself be a URL (anything with ://).
    """
    env = os.environ if env is None else env
    for chosen in (db_path, env.get(ENV_PREFIX + "DB")):
        if chosen:
            return chosen if "://" in chosen else sqlite_url(Path(chosen))
    if env.get(ENV_PREFIX + "DATABASE_URL"):
        return env[ENV_PREFIX + "DATABASE_URL"]
    return sqlite_url(data_dir() / "followthru.db")


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path.expanduser().absolute()}"
