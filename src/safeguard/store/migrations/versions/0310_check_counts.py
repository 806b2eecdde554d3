"""the dashboard's children-with-a-finding totals kept as results are written
(engine_check_counts): children with at least one finding of each check, by team and by the
day of the child's last activity, so that the dashboard never counts the whole store's findings

Revision ID: 0310_check_counts
Revises: 0300_queue_counts
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0310_check_counts"
down_revision: str | None = "0300_queue_counts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "engine_check_counts",
        sa.Column("check_id", sa.String(64), primary_key=True),
        sa.Column("team", sa.String(64), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    op.execute(fill_sql(op.get_bind().dialect.name))


def fill_sql(dialect: str) -> str:
    """The totals of the results already stored (one pass over the findings, at upgrade
    only; ``bench/dashboard.py`` runs it too). A child with no recorded activity is counted
    on 0001-01-01 (``safeguard.engine.models.NO_ACTIVITY_DAY``)."""
    if dialect == "postgresql":
        day = "COALESCE(CAST(r.last_activity AS DATE), DATE '0001-01-01')"
    else:
        day = "COALESCE(date(r.last_activity), '0001-01-01')"
    return (
        "INSERT INTO engine_check_counts (check_id, team, day, n) "
        f"SELECT f.check_id, r.team, {day}, COUNT(DISTINCT f.child_id) "
        "FROM engine_findings f JOIN engine_case_results r ON r.child_id = f.child_id "
        f"GROUP BY f.check_id, r.team, {day}"
    )


def downgrade() -> None:
    op.drop_table("engine_check_counts")
