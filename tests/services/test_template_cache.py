"""Draft templates are compiled once and kept in the user's cache folder
(`services.template_cache`): a second run reads the bytecode, an edited template is
compiled afresh, and a cache that cannot be written costs only speed."""

from __future__ import annotations

from pathlib import Path

import pytest

from followthru.domain.drafting import DraftContext, render
from followthru.errors import BadInput
from followthru.services import template_cache

CONTEXT = DraftContext(first_name="Ann", name="Ann Lee", company="Acme")


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and no environment kept from another test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template_cache._environment.cache_clear()
    yield template_cache.cache_dir()
    template_cache._environment.cache_clear()


def filled(source: str) -> str:
    return render([source], CONTEXT, sent_before=0, compile=template_cache.compiled)


def test_a_template_compiled_once_is_read_back_from_the_cache(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = "Hi {{ first_name }}{% if company %} at {{ company }}{% endif %}."
    assert filled(source) == "Hi Ann at Acme."
    assert len(list(fresh.iterdir())) == 1
    template_cache._environment.cache_clear()  # as a new run starts

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again although the cache holds it")

    from jinja2 import Environment

    monkeypatch.setattr(Environment, "compile", no_compiling)
    assert filled(source) == "Hi Ann at Acme."


def test_an_edited_template_is_compiled_afresh(fresh: Path) -> None:
    assert filled("Hello {{ first_name }}.") == "Hello Ann."
    assert filled("Dear {{ name }}.") == "Dear Ann Lee."
    assert len(list(fresh.iterdir())) == 2


def test_a_cache_that_cannot_be_written_only_costs_speed(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert filled("Hi {{ first_name }}.") == "Hi Ann."  # no folder: no cache at all
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template_cache._environment.cache_clear()
    template_cache._environment()  # the folder is made …
    fresh.rmdir()
    fresh.write_text("… and taken away before a template is written into it")
    assert filled("Bye {{ first_name }}.") == "Bye Ann."


def test_a_broken_template_is_a_sentence(fresh: Path) -> None:
    with pytest.raises(BadInput, match="error on line 1"):
        filled("Hi {% if %}")


def test_a_damaged_cache_entry_is_compiled_afresh(fresh: Path) -> None:
    source = "Hi {{ first_name }}."
    assert filled(source) == "Hi Ann."
    (entry,) = fresh.iterdir()
    entry.write_bytes(entry.read_bytes()[:12])  # cut short, as by a full disk
    template_cache._environment.cache_clear()
    assert filled(source) == "Hi Ann."


def test_a_folder_others_can_write_to_is_not_used(fresh: Path) -> None:
    """Loading bytecode runs it: a folder anyone else may write into is left alone."""
    fresh.mkdir(parents=True)
    fresh.chmod(0o777)
    assert filled("Hi {{ first_name }}.") == "Hi Ann."
    assert list(fresh.iterdir()) == []
