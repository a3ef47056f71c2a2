"""Account passwords: from the system keyring, or printed by a command the user names.

A password never sits in the database or the config file. `--password-command` suits
password managers (`pass show mail/work`, `op read …`): its first line of output is the
password, read at each sync.
"""

from __future__ import annotations

import contextlib
import shlex
import subprocess

from followthru.errors import SecretError

SERVICE = "followthru"
COMMAND_SECONDS = 60


def store(account: str, password: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, account, password)
    except KeyringError as exc:
        reason = str(exc).rstrip(".")
        raise SecretError(
            f"The system keyring cannot store the password for {account}: {reason}.",
            "Use --password-command instead, e.g. --password-command 'pass show mail'.",
        ) from exc


def forget(account: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):  # nothing stored: done
        keyring.delete_password(SERVICE, account)


def password(account: str, command: str | None) -> str:
    """The password to use now, from the command if there is one, else the keyring."""
    if command:
        return _run(account, command)
    import keyring
    from keyring.errors import KeyringError

    try:
        found = keyring.get_password(SERVICE, account)
    except KeyringError as exc:
        found = None
        reason = f" ({exc})"
    else:
        reason = ""
    if found is None:
        raise SecretError(
            f"No password for {account} in the system keyring{reason}.",
            "Add the account again to store it, or give a --password-command.",
        )
    return found


def _run(account: str, command: str) -> str:
    try:
        done = subprocess.run(
            shlex.split(command),
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise SecretError(
            f"The password command for {account} could not run: {exc}.",
            "Check the command: followthru account list shows it.",
        ) from exc
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not lines:
        raise SecretError(
            f"The password command for {account} failed (exit {done.returncode}) "
            "or printed nothing.",
            "Run it yourself to see why.",
        )
    return lines[0]
