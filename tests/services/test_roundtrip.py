"""Leaving and coming back loses nothing: vCard and JSON round trips over generated people."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthru.formats.records import ContactRecord
from followthru.formats.vcard import write_vcards
from followthru.services import transfer
from followthru.services.importer import ImportOptions, import_files
from followthru.services.restore import restore
from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url
from followthru.store.database import open_database

TODAY = date(2026, 11, 20)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéøß", min_size=2, max_size=8)
NAME = st.builds(lambda a, b: f"{a.title()} {b.title()}", WORD, WORD)


@st.composite
def people(draw: st.DrawFn) -> list[ContactRecord]:
    count = draw(st.integers(1, 6))
    out = []
    for i in range(count):
        name = draw(NAME)
        local = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalpha()) or "x"
        out.append(
            ContactRecord(
                line=0,
                name=name,
                given=name.split()[0],
                family=name.split()[1],
                emails=[f"{local}{i}@example.com"] if draw(st.booleans()) else [],
                phones=[f"+44 20 7946 {i:04d}"] if draw(st.booleans()) else [],
                company=draw(st.none() | WORD.map(str.title)),
                title=draw(st.none() | st.sampled_from(["CTO", "Head of Data", "Founder"])),
                urls=[f"https://www.linkedin.com/in/{local}-{i}"] if draw(st.booleans()) else [],
                birthday=draw(st.none() | st.sampled_from(["1980-03-22", "--02-29"])),
                notes=draw(
                    st.lists(
                        st.sampled_from(["met at the bar", "likes sailing"]),
                        max_size=2,
                        unique=True,
                    )
                ),
                tags=draw(st.lists(WORD, max_size=3, unique=True)),
                extra=draw(
                    st.lists(
                        st.sampled_from(["X-SPOUSE:Sam", "NICKNAME:Bee"]), max_size=2, unique=True
                    )
                ),
            )
        )
    return out


@contextmanager
def databases(template: Path, names: tuple[str, ...]) -> Iterator[dict[str, Context]]:
    with tempfile.TemporaryDirectory() as tmp:
        contexts = {}
        for name in names:
            path = Path(tmp) / f"{name}.db"
            shutil.copy(template, path)
            contexts[name] = Context(Settings.load(), open_database(sqlite_url(path)))
        try:
            yield contexts
        finally:
            for ctx in contexts.values():
                ctx.db.dispose()


def import_text(ctx: Context, text: str, folder: Path, name: str) -> Any:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return import_files(ctx, [path], ImportOptions(), today=TODAY)


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=people())
def test_vcard_export_import_export_is_stable(
    records: list[ContactRecord], sqlite_template: Path, config_file: Path
) -> None:
    with (
        databases(sqlite_template, ("first", "second")) as db,
        tempfile.TemporaryDirectory() as tmp,
    ):
        folder = Path(tmp)
        report = import_text(db["first"], write_vcards(records), folder, "in.vcf")
        assert report.created + report.merged + report.unchanged == len(records)
        first = transfer.export(db["first"], "vcard")
        import_text(db["second"], first, folder, "first.vcf")
        assert transfer.export(db["second"], "vcard") == first
        # and once more: importing our own export into the same database changes nothing
        again = import_text(db["second"], first, folder, "again.vcf")
        assert (again.created, again.updated) == (0, 0)


@pytest.mark.slow
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=people())
def test_json_backup_restores_exactly(
    records: list[ContactRecord], sqlite_template: Path, config_file: Path
) -> None:
    with (
        databases(sqlite_template, ("source", "restored")) as db,
        tempfile.TemporaryDirectory() as tmp,
    ):
        folder = Path(tmp)
        import_text(db["source"], write_vcards(records), folder, "in.vcf")
        backup = transfer.backup(db["source"])
        path = folder / "backup.json"
        path.write_text(transfer.export(db["source"], "json"), encoding="utf-8")
        restore(db["restored"], path)
        assert transfer.backup(db["restored"]) == backup
