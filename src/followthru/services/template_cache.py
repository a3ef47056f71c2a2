"""Draft templates compiled once and kept between runs.

Compiling a Jinja wording costs about 7 ms, and `today` fills a dozen of them: more than
reading the plan. Jinja keeps compiled templates as bytecode in a folder of the user's
cache (`platformdirs.user_cache_dir`), keyed by the template's text, so an edited
template — a user's own included — is compiled afresh and never mixed up with the old
one. A cache that cannot be written (a read-only home) only means compiling every run.
"""

from __future__ import annotations

import hashlib
import os
import stat
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from followthru.domain.drafting import sandbox, syntax_error

_SOURCES: dict[str, str] = {}  # template name (its text's hash) -> text, for the loader


def compiled(source: str) -> Any:
    """The template of `source`, from the bytecode cache when it has been seen before."""
    from jinja2 import TemplateSyntaxError

    name = hashlib.sha256(source.encode()).hexdigest()
    _SOURCES[name] = source
    try:
        return _environment().get_template(name)
    except TemplateSyntaxError as exc:
        raise syntax_error(exc) from exc


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import FunctionLoader

    return sandbox(loader=FunctionLoader(_SOURCES.get), bytecode_cache=_cache())


def cache_dir() -> Path:
    """A folder per Jinja and followthru version: bytecode compiled by another Jinja, or
    with another sandbox, is never loaded."""
    import jinja2
    import platformdirs

    from followthru import __version__

    folder = f"jinja-{jinja2.__version__}-followthru-{__version__}"
    return Path(platformdirs.user_cache_dir("followthru")) / "templates" / folder


def _cache() -> Any:
    """Jinja's file cache in `cache_dir()`, or None where that folder cannot be made or
    is not this user's alone (loading bytecode runs it: nobody else may write there); a
    failed read or write is skipped, never an error."""
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable, cut short, not bytecode: compiled afresh
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with suppress(OSError):
                super().dump_bytecode(bucket)

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        found = folder.lstat()
    except OSError:
        return None
    private = stat.S_ISDIR(found.st_mode) and not stat.S_IMODE(found.st_mode) & 0o077
    if not private or found.st_uid != os.getuid():
        return None
    return QuietCache(str(folder))
