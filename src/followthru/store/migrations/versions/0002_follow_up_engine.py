"""follow-up engine: touch summary, snoozes, week plans, sessions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 14:33:27.743003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "followup_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_followup_sessions_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_sessions")),
        sa.UniqueConstraint("uid", name=op.f("uq_followup_sessions_uid")),
    )
    with op.batch_alter_table("followup_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_followup_sessions_event_id"), ["event_id"], unique=False
        )

    op.create_table(
        "week_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_of", sa.Date(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=8), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_week_items_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_week_items")),
    )
    with op.batch_alter_table("week_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_week_items_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_week_items_week", ["week_of", "position"], unique=False)

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snoozed_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_touch_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_in_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_out_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("unanswered", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("given_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("ask_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("last_given_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_ask_on", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_contacts_last_touch_on"), ["last_touch_on"], unique=False
        )

    # Existing touches: derive each contact's summary once (later kept by touch_stats).
    op.execute(SUMMARY_SQL)


SUMMARY_SQL = """
UPDATE contacts SET
  last_touch_on = (SELECT max(t.happened_on) FROM touches t WHERE t.contact_id = contacts.id),
  last_in_on = (SELECT max(t.happened_on) FROM touches t
                WHERE t.contact_id = contacts.id AND t.direction = 'in'),
  last_out_on = (SELECT max(t.happened_on) FROM touches t
                 WHERE t.contact_id = contacts.id AND t.direction = 'out'),
  given_count = (SELECT count(*) FROM touches t WHERE t.contact_id = contacts.id
                 AND t.direction = 'out' AND t.kind IN ('content', 'connect', 'congratulate')),
  ask_count = (SELECT count(*) FROM touches t WHERE t.contact_id = contacts.id
               AND t.direction = 'out' AND t.kind = 'ask'),
  last_given_on = (SELECT max(t.happened_on) FROM touches t WHERE t.contact_id = contacts.id
                   AND t.direction = 'out' AND t.kind IN ('content', 'connect', 'congratulate')),
  last_ask_on = (SELECT max(t.happened_on) FROM touches t WHERE t.contact_id = contacts.id
                 AND t.direction = 'out' AND t.kind = 'ask'),
  unanswered = (SELECT count(*) FROM touches t WHERE t.contact_id = contacts.id
                AND t.direction = 'out' AND NOT EXISTS (
                  SELECT 1 FROM touches i WHERE i.contact_id = contacts.id
                  AND i.direction = 'in' AND i.happened_on >= t.happened_on))
"""


def downgrade() -> None:

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_last_touch_on"))
        batch_op.drop_column("last_ask_on")
        batch_op.drop_column("last_given_on")
        batch_op.drop_column("ask_count")
        batch_op.drop_column("given_count")
        batch_op.drop_column("unanswered")
        batch_op.drop_column("last_out_on")
        batch_op.drop_column("last_in_on")
        batch_op.drop_column("last_touch_on")
        batch_op.drop_column("snoozed_until")

    with op.batch_alter_table("week_items", schema=None) as batch_op:
        batch_op.drop_index("ix_week_items_week")
        batch_op.drop_index(batch_op.f("ix_week_items_contact_id"))

    op.drop_table("week_items")
    with op.batch_alter_table("followup_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_followup_sessions_event_id"))

    op.drop_table("followup_sessions")
