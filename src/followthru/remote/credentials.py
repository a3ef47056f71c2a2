"""Passwords for outside servers: from a password command or the system keyring, never
from the config file, and never printed."""

from __future__ import annotations

import contextlib
import shlex
import subprocess

from followthru.errors import ConfigError

COMMAND_TIMEOUT_S = 30


def from_command(command: str, setting: str) -> str:
    """The first line a password command prints (`pass show mail` prints more below it)."""
    try:
        done = subprocess.run(
            shlex.split(command),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(
            f"The password command in {setting} could not run: {exc}.",
            f"Check {setting}; it should print the password and exit.",
        ) from exc
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not lines or not lines[0]:
        raise ConfigError(
            f"The password command in {setting} printed no password (exit code {done.returncode}).",
            f"Run it by hand to see why, or fix {setting}.",
        )
    return lines[0]


def from_keyring(service: str, user: str) -> str | None:
    """The stored password, or None when there is none or no keyring on this system."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(service, user)
    except KeyringError:
        return None


def password(*, service: str, user: str, command: str, setting: str) -> str:
    """A password command wins over the keyring: it is what the user configured last."""
    if command:
        return from_command(command, setting)
    found = from_keyring(service, user)
    if found is None:
        raise ConfigError(
            f"No password for {user!r} in the system keyring (service {service!r}).",
            f"Store it with `keyring set {service} {user}`, or set {setting} to a command "
            "that prints it.",
        )
    return found


def store(service: str, user: str, secret: str) -> None:
    """Keep a typed password in the system keyring; without one, say what to do instead."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(service, user, secret)
    except KeyringError as exc:
        reason = str(exc).rstrip(".")
        raise ConfigError(
            f"The system keyring cannot store the password for {user}: {reason}.",
            "Use --password-command instead, e.g. --password-command 'pass show mail'.",
        ) from exc


def forget(service: str, user: str) -> None:
    """Remove a stored password; none stored, or no keyring, is nothing to forget."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(service, user)
