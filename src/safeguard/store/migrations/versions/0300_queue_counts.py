"""the Now queue's totals kept as results are written (engine_queue_counts): open obligations
and open findings by check and team, so that the queue never counts the whole store's rows

Revision ID: 0300_queue_counts
Revises: 0280_result_indexes
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0300_queue_counts"
down_revision: str | None = "0280_result_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "engine_queue_counts",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("check_id", sa.String(64), primary_key=True),
        sa.Column("team", sa.String(64), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    # The totals of the results already stored (one pass over each table, at upgrade only).
    op.execute(
        "INSERT INTO engine_queue_counts (kind, check_id, team, n) "
        "SELECT 'obligation', check_id, team, COUNT(*) FROM engine_obligations "
        "GROUP BY check_id, team"
    )
    op.execute(
        "INSERT INTO engine_queue_counts (kind, check_id, team, n) "
        "SELECT 'finding', check_id, team, COUNT(*) FROM engine_findings WHERE open "
        "GROUP BY check_id, team"
    )


def downgrade() -> None:
    op.drop_table("engine_queue_counts")
