"""plan indexes: the stored birthdays and the recent notes `today` reads

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 01:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with_birthday = sa.text("birthday IS NOT NULL")
    op.create_index(
        "ix_contacts_birthday",
        "contacts",
        ["birthday"],
        sqlite_where=with_birthday,
        postgresql_where=with_birthday,
    )
    op.create_index("ix_notes_written_on", "notes", ["written_on"])


def downgrade() -> None:
    op.drop_index("ix_notes_written_on", table_name="notes")
    op.drop_index("ix_contacts_birthday", table_name="contacts")
