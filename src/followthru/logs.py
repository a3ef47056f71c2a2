"""Where unexpected errors go: a rotating log file per user, the traceback kept for a report.

A person who hits a bug in followthru should read one sentence and where the details are,
not forty lines of traceback; whoever fixes it needs exactly that traceback. So each
interface's crash handler calls `record_crash`, which appends the traceback to a small
rotating file in the user's log folder and returns its path for the sentence.
`FOLLOWTHRU_LOG=debug` (or info, warning) also prints log records on stderr while working;
`FOLLOWTHRU_LOG_FILE` moves the file (tests point it into their temporary folder).
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOGGER = logging.getLogger("followthru")
LOGGER.propagate = False  # our records go to our file (and stderr when asked), not to a host's root
MAX_BYTES = 512 * 1024
BACKUPS = 3


def log_file() -> Path:
    explicit = os.environ.get("FOLLOWTHRU_LOG_FILE")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_log_dir("followthru")) / "followthru.log"


def configure() -> None:
    """Print log records on stderr at the level `FOLLOWTHRU_LOG` names, once per process."""
    shown = os.environ.get("FOLLOWTHRU_LOG", "").upper()
    if LOGGER.handlers or shown not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        return
    LOGGER.setLevel(logging.DEBUG)
    to_stderr = logging.StreamHandler()
    to_stderr.setLevel(shown)
    to_stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    LOGGER.addHandler(to_stderr)


def record_crash(error: BaseException, where: str) -> Path:
    """Append `error` with its traceback to the log file; its path is what the user is told.

    The file is opened for this one record: crashes are rare, and a long-running server
    then never holds a file that a user moved or a test removed.
    """
    configure()
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        to_file = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS)
    except OSError:  # an unwritable log folder must not turn one error into two
        LOGGER.error("unexpected error in %s", where, exc_info=error)
        return path
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOGGER.addHandler(to_file)
    try:
        LOGGER.error("unexpected error in %s", where, exc_info=error)
    finally:
        LOGGER.removeHandler(to_file)
        to_file.close()
    return path


def crash_sentence(error: BaseException) -> str:
    """What a person reads about a bug, in every interface that runs on their machine."""
    return f"followthru failed unexpectedly ({type(error).__name__}); nothing more was changed."


def crash_hint(log: Path) -> str:
    return f"The details are in {log}; please attach that file if you report it."
