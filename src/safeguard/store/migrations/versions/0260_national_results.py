"""national results: the distributed audit's results, one row per force and child

Revision ID: 0260_national_results
Revises: 0230_web_security
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0260_national_results"
down_revision: str | None = "0230_web_security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "national_results",
        sa.Column("force", sa.String(length=64), nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.Column("grade", sa.String(length=32), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("force", "child_id"),
    )
    op.create_index("ix_national_results_force_bucket", "national_results", ["force", "bucket"])
    op.create_index("ix_national_results_force_grade", "national_results", ["force", "grade"])


def downgrade() -> None:
    op.drop_index("ix_national_results_force_grade", table_name="national_results")
    op.drop_index("ix_national_results_force_bucket", table_name="national_results")
    op.drop_table("national_results")
