"""Real servers for the sync tests and benchmarks: Dovecot (IMAP) and Radicale (CalDAV).

Each runs on 127.0.0.1 on a free port, with its own temporary config and storage, and is
always stopped by whoever started it. Waiting for a port is bounded.
"""

from __future__ import annotations

import mailbox
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "me@example.com"
PASSWORD = "s3cret-for-tests"
PREPARED_USERS = 100


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server never listened on {port}:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@dataclass
class Dovecot:
    root: Path
    port: int
    owner: tuple[int, int]
    user: str = USER

    def with_user(self) -> Dovecot:
        """The same server as the next of its prepared users (with an empty mailbox): tests
        share one server. Users are written before it starts, as Dovecot may not see a
        passwd file changed within the second it last read it."""
        taken = len(list((self.root / "mail").iterdir()))
        server = Dovecot(self.root, self.port, self.owner, f"user{taken}@example.com")
        server.deliver([])
        return server

    @property
    def url(self) -> str:
        return f"imap://127.0.0.1:{self.port}"

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / self.user

    def deliver(self, messages: Iterable[EmailMessage | bytes], folder: str = "INBOX") -> None:
        """Put messages in a folder's Maildir, as a delivery agent would."""
        box = mailbox.Maildir(self.maildir)
        target = box if folder == "INBOX" else box.add_folder(folder)
        for message in messages:
            target.add(message)
        self.own()

    def own(self) -> None:
        for path in [self.root / "mail", *(self.root / "mail").rglob("*")]:
            os.chown(path, *self.owner)


def _dovecot_config(root: Path, port: int, owner: tuple[int, int], login_user: str) -> str:
    internal = "dovecot" if os.getuid() == 0 else login_user
    return f"""protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = {internal}
default_login_user = {login_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={owner[0]} gid={owner[1]} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
"""


@contextmanager
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot with one user (USER / PASSWORD) and an empty Maildir, in a folder of its
    own that its unprivileged processes can enter (pytest's own are private to us)."""
    with tempfile.TemporaryDirectory(prefix="followthru-dovecot-") as folder:
        root = Path(folder)
        root.chmod(0o755)
        yield from _dovecot(root)


def _dovecot(root: Path) -> Iterator[Dovecot]:
    if os.getuid() == 0:  # Dovecot never runs a mailbox as root: use its own users
        account = pwd.getpwnam("dovecot")
        owner, login_user = (account.pw_uid, account.pw_gid), "dovenull"
    else:
        owner, login_user = (os.getuid(), os.getgid()), pwd.getpwuid(os.getuid()).pw_name
    port = free_port()
    for sub in ("run", "mail", "state", "home"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    users = [USER, *(f"user{i}@example.com" for i in range(1, PREPARED_USERS + 1))]
    (root / "passwd").write_text("".join(f"{u}:{{PLAIN}}{PASSWORD}\n" for u in users))
    config = root / "dovecot.conf"
    config.write_text(_dovecot_config(root, port, owner, login_user))
    server = Dovecot(root, port, owner)
    server.deliver([])
    log = root / "dovecot.log"
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, process, log)
        yield server
    finally:
        stop(process)


@contextmanager
def radicale(root: Path) -> Iterator[str]:
    """A Radicale CalDAV server accepting any user; yields its base URL."""
    with _python_server(
        root,
        "radicale",
        lambda port: [
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(root / "collections"),
            "--auth-type",
            "none",
            "--rights-type",
            "owner_only",
        ],
    ) as base:
        yield base


@contextmanager
def _python_server(root: Path, module: str, arguments: Callable[[int], list[str]]) -> Iterator[str]:
    """Run `python -m module` on a free port (its log in `root`), wait for it, stop it."""
    port = free_port()
    log = root / f"{module}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", module, *arguments(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


_MKCOL = {
    "addressbook": "urn:ietf:params:xml:ns:carddav",
    "calendar": "urn:ietf:params:xml:ns:caldav",
}


def make_collection(url: str, kind: str, user: str, *, components: str = "") -> str:
    """Create an address book or a calendar at `url` (extended MKCOL, RFC 5689), as a
    user would in the server's web page; `components` ("VEVENT") restricts a calendar."""
    import requests

    space = _MKCOL[kind]
    limit = (
        f'<C:supported-calendar-component-set><C:comp name="{components}"/>'
        "</C:supported-calendar-component-set>"
        if components
        else ""
    )
    body = (
        f'<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:C="{space}"><d:set><d:prop>'
        f"<d:resourcetype><d:collection/><C:{kind}/></d:resourcetype>{limit}"
        "</d:prop></d:set></d:mkcol>"
    )
    answer = requests.request("MKCOL", url, data=body, auth=(user, "x"), timeout=30)
    answer.raise_for_status()
    return url


XANDIKOS_USER = "user"  # Xandikos serves one user: collections live under /user/


@contextmanager
def xandikos(root: Path) -> Iterator[str]:
    """A Xandikos CardDAV/CalDAV server (single user, no authentication); yields its URL."""
    with _python_server(
        root,
        "xandikos",
        lambda port: [
            "serve",
            "-d",
            str(root / "dav"),
            "--defaults",
            "-l",
            "127.0.0.1",
            "-p",
            str(port),
            "--no-detect-systemd",
        ],
    ) as base:
        yield base
