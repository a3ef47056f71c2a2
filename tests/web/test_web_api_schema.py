"""Every operation of the JSON API, fuzzed from its own OpenAPI schema: no input may
produce a server error (5xx), every status it answers is in the schema, and every error
has the one documented shape `{error, hint}`. Runs on SQLite with a few people, events and promises in
place, so generated ids and names sometimes hit real rows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from followthru.services import contacts, events, promises
from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url
from followthru.store.database import open_database
from followthru.web.app import create_app

# Hypothesis draws requests for every operation of the API.
pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 20)


@pytest.fixture
def api_schema(tmp_path: Path, sqlite_template: Path, config_file: Path) -> Iterator[Any]:
    path = tmp_path / "api.db"
    shutil.copy(sqlite_template, path)
    database = open_database(sqlite_url(path))
    ctx = Context(settings=Settings.load(), db=database)
    events.add(ctx, "RustConf", held_on=TODAY, where=None)
    for i, name in enumerate(("Ada Lovelace", "Lin Chen", "Sam Lee")):
        added = contacts.add(
            ctx, contacts.NewContact(name=name, event="RustConf", pile=None), today=TODAY
        )
        promises.add(ctx, f"#{added.contact.id}", f"coffee {i}", owner="me", due=TODAY, today=TODAY)
    # Any host name: the loopback Host check would otherwise answer 400 to every call.
    app = create_app(ctx, host="0.0.0.0", today=TODAY)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    database.dispose()


def test_no_operation_answers_with_a_server_error(api_schema: Any) -> None:
    """Each operation in turn (schemathesis' pytest fixture loader does not support this
    pytest), with Hypothesis drawing cases from the operation's own strategy."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, (
                case.method,
                case.formatted_path,
                response.text[:500],
            )
            documented = case.operation.definition.raw["responses"]
            assert str(response.status_code) in documented, (
                case.method,
                case.formatted_path,
                response.status_code,
            )
            if response.status_code >= 400:
                assert set(response.json()) == {"error", "hint"}, response.text[:500]

        call()
