"""Everything an import keeps is visible (show, JSON, web), editable, and exported again."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from test_web import client_for

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really").decode()
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\n"
    "URL:https://www.linkedin.com/in/jane-doe-42/\r\nURL:https://janedoe.example\r\n"
    "ADR;TYPE=work:;;1 Main Street;Springfield;;12345;USA\r\nBDAY:1980-03-22\r\n"
    f"X-SPOUSE:Sam\r\nPHOTO;ENCODING=b;TYPE=PNG:{PNG}\r\nEND:VCARD\r\n"
)
KEPT = ("urls", "addresses", "birthday", "extras", "photo")


def kept(shown: dict[str, Any]) -> dict[str, Any]:
    return {k: shown[k] for k in KEPT}


def test_show_edit_and_export_every_kept_field(
    cli: Any, ctx: Any, tmp_path: Path, config_file: Path
) -> None:
    card = tmp_path / "jane.vcf"
    card.write_text(CARD, encoding="utf-8")
    cli.ok("import", str(card))
    shown = cli.json("show", "jane")
    assert shown["urls"] == ["https://www.linkedin.com/in/jane-doe-42/", "https://janedoe.example"]
    assert shown["addresses"] and "Springfield" in shown["addresses"][0]
    assert (shown["birthday"], shown["extras"], shown["photo"]) == (
        "1980-03-22",
        ["X-SPOUSE:Sam"],
        "image/png",
    )
    text = " ".join(cli.ok("show", "jane").output.split())
    assert "Web https://janedoe.example" in text and "Other X-SPOUSE:Sam" in text
    with client_for(ctx) as web:
        page = web.get(f"/contacts/{shown['id']}")
        assert "Springfield" in page.text and "X-SPOUSE:Sam" in page.text
        photo = web.get(f"/contacts/{shown['id']}/photo")
        assert photo.headers["content-type"] == "image/png" and photo.content.startswith(b"\x89PNG")
    cli.ok(
        "edit", "jane",
        "--remove-url", "janedoe.example", "--add-url", "https://github.com/janedoe",
        "--add-address", "2 Side Road, Shelbyville", "--remove-line", "X-SPOUSE:Sam",
        "--add-line", "X-ASSISTANT:Lee", "--birthday=--03-22",
    )  # fmt: skip
    edited = kept(cli.json("show", "jane"))
    assert edited["urls"] == [
        "https://www.linkedin.com/in/jane-doe-42/",
        "https://github.com/janedoe",
    ]
    assert edited["addresses"][1] == "2 Side Road, Shelbyville"
    assert (edited["birthday"], edited["extras"]) == ("--03-22", ["X-ASSISTANT:Lee"])
    bad = cli("edit", "jane", "--remove-url", "nope.example")
    assert bad.exit_code == 2 and "has no web page nope.example" in bad.output
    assert cli("edit", "jane", "--birthday", "March").exit_code == 2
    # A vCard export read into a new database gives every field back.
    out = tmp_path / "out.vcf"
    cli.ok("export", "-o", str(out))
    other = type(cli)(f"sqlite:///{tmp_path / 'other.db'}", cli.runner)
    other.ok("import", str(out))
    assert kept(other.json("show", "jane")) == edited
    cli.ok("edit", "jane", "--remove-photo", "--birthday", "")
    assert kept(cli.json("show", "jane"))["photo"] is None
    cli.ok("undo")
    assert kept(cli.json("show", "jane")) == edited
