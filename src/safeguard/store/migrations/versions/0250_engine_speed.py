"""findings engine at force size: a content hash on every record row (an import writes and
re-audits only what changed) and a cache of the language checker's hits per child

Revision ID: 0250_engine_speed
Revises: 0260_national_results
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0250_engine_speed"
down_revision: str | None = "0260_national_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORD_TABLES = (
    "children",
    "missing_episodes",
    "risk_assessments",
    "episode_actions",
    "safe_and_well_checks",
    "return_home_interviews",
    "investigations",
    "supervisor_reviews",
    "lines_of_enquiry",
    "suspects",
    "disruption_actions",
    "key_decisions",
    "victim_contacts",
    "referrals",
    "notes",
)


def upgrade() -> None:
    for table in RECORD_TABLES:
        op.add_column(table, sa.Column("row_hash", sa.String(length=16), nullable=True))
    op.create_table(
        "engine_language_cache",
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("language_fp", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("child_id"),
    )


def downgrade() -> None:
    op.drop_table("engine_language_cache")
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_hash")
