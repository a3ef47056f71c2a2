"""dav sync: the status of two-way CardDAV contacts and of items pushed by CalDAV

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 21:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_status",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("href", sa.String(length=500), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("local_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_card_status_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "href", name=op.f("pk_card_status")),
    )
    op.create_table(
        "pushed_items",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("href", sa.String(length=500), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_pushed_items_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "uid", name=op.f("pk_pushed_items")),
    )


def downgrade() -> None:
    op.drop_table("pushed_items")
    op.drop_table("card_status")
