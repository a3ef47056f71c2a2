"""work key: company and title folded for accent-insensitive search

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followthru.store.keys import work_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with a default: no table rebuild, so it is quick on 100k contacts.
    op.add_column(
        "contacts", sa.Column("work_key", sa.String(length=700), nullable=False, server_default="")
    )
    contacts = sa.table(
        "contacts",
        sa.column("id", sa.Integer),
        sa.column("company", sa.String),
        sa.column("title", sa.String),
        sa.column("work_key", sa.String),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(contacts.c.id, contacts.c.company, contacts.c.title).where(
            sa.or_(contacts.c.company.is_not(None), contacts.c.title.is_not(None))
        )
    ).all()
    update = (
        sa.update(contacts)
        .where(contacts.c.id == sa.bindparam("cid"))
        .values(work_key=sa.bindparam("key"))
    )
    batch = [{"cid": r.id, "key": work_key(r.company, r.title)} for r in rows]
    for start in range(0, len(batch), 1000):
        conn.execute(update, batch[start : start + 1000])


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("work_key")
