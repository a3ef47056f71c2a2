"""unanswered counts only messages: recount the stored summary under the new rule

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 19:00:00.000000

The pest guard used to count every outbound touch after the last inbound one; a like or
a meeting is not a message left unanswered, and a call or meeting ends the silence. The
count each contact stores (see store.touch_stats) is recomputed here so existing
databases follow the rule at once. Downgrading keeps the new counts: they are a cache.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_LAST_ANSWER = """(
    SELECT max(a.happened_on) FROM touches a
    WHERE a.contact_id = contacts.id
      AND (a.direction = 'in' OR a.channel IN ('call', 'meeting', 'in-person')
           OR a.kind = 'meeting')
)"""


def upgrade() -> None:
    op.execute(
        f"""
        UPDATE contacts SET unanswered = (
            SELECT count(*) FROM touches t
            WHERE t.contact_id = contacts.id
              AND t.direction = 'out'
              AND t.channel IN ('email', 'message', 'linkedin')
              AND t.kind NOT IN ('engage', 'meeting')
              AND ({_LAST_ANSWER} IS NULL OR t.happened_on > {_LAST_ANSWER})
        )
        """
    )


def downgrade() -> None:
    pass
