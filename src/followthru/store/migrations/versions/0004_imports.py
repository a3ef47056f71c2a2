"""imports: urls, addresses, photos, extra vCard lines, sources, birthday

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 16:47:39.501808
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_addresses_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_addresses")),
    )
    with op.batch_alter_table("contact_addresses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_addresses_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "contact_extras",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_extras_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_extras")),
    )
    with op.batch_alter_table("contact_extras", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_extras_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "contact_photos",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_photos_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact_photos")),
    )
    op.create_table(
        "contact_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("imported_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_sources_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_contact_sources_key")),
    )
    with op.batch_alter_table("contact_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_sources_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "contact_urls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("url_key", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_urls_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_urls")),
    )
    with op.batch_alter_table("contact_urls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_urls_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_urls_url_key"), ["url_key"], unique=False)

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birthday", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("birthday")

    with op.batch_alter_table("contact_urls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_urls_url_key"))
        batch_op.drop_index(batch_op.f("ix_contact_urls_contact_id"))

    op.drop_table("contact_urls")
    with op.batch_alter_table("contact_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_sources_contact_id"))

    op.drop_table("contact_sources")
    op.drop_table("contact_photos")
    with op.batch_alter_table("contact_extras", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_extras_contact_id"))

    op.drop_table("contact_extras")
    with op.batch_alter_table("contact_addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_addresses_contact_id"))

    op.drop_table("contact_addresses")
