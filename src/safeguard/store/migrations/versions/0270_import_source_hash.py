"""import speed: a hash of every record row as read from the force's file (``source_hash``),
so that an import checks again only the rows that differ from what it last read

Revision ID: 0270_import_source_hash
Revises: 0250_engine_speed
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0270_import_source_hash"
down_revision: str | None = "0250_engine_speed"
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
    # Nullable, no default: rows held before this revision have none, so the next import
    # checks them once more and records their hash (safeguard.store.unchanged).
    for table in RECORD_TABLES:
        op.add_column(table, sa.Column("source_hash", sa.String(length=16), nullable=True))


def downgrade() -> None:
    for table in RECORD_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("source_hash")
