"""findings engine: stored results per case, findings, open obligations, change counter

Revision ID: 0200_engine
Revises: 0100_web
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0200_engine"
down_revision: str | None = "0100_web"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "engine_case_results",
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.Column("grade", sa.String(length=32), nullable=False),
        sa.Column("serious", sa.Integer(), nullable=False),
        sa.Column("major", sa.Integer(), nullable=False),
        sa.Column("minor", sa.Integer(), nullable=False),
        sa.Column("episodes", sa.Integer(), nullable=False),
        sa.Column("open_episodes", sa.Integer(), nullable=False),
        sa.Column("investigations", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Integer(), nullable=False),
        sa.Column("last_activity", sa.DateTime(), nullable=True),
        sa.Column("period", sa.String(length=8), nullable=True),
        sa.Column("max_repeat", sa.Integer(), nullable=False),
        sa.Column("screened", sa.Boolean(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("valid_until", sa.DateTime(), nullable=True),
        sa.Column("records_fp", sa.String(length=64), nullable=False),
        sa.Column("rules_fp", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("child_id"),
    )
    op.create_index("ix_engine_case_results_team_grade", "engine_case_results", ["team", "grade"])
    op.create_index(
        "ix_engine_case_results_last_activity", "engine_case_results", ["last_activity"]
    )
    op.create_index("ix_engine_case_results_valid_until", "engine_case_results", ["valid_until"])
    op.create_index("ix_engine_case_results_rules_fp", "engine_case_results", ["rules_fp"])
    op.create_table(
        "engine_findings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("check_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("area", sa.String(length=16), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_engine_findings_child_id", "engine_findings", ["child_id"])
    op.create_index("ix_engine_findings_open", "engine_findings", ["open", "team", "at"])
    op.create_index("ix_engine_findings_check", "engine_findings", ["check_id", "child_id"])
    op.create_table(
        "engine_obligations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("check_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_engine_obligations_child_id", "engine_obligations", ["child_id"])
    op.create_index("ix_engine_obligations_due", "engine_obligations", ["due_at", "team"])
    op.create_table(
        "engine_case_themes",
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("theme", sa.String(length=64), nullable=False),
        sa.Column("phrases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("child_id", "theme"),
    )
    op.create_table(
        "engine_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("engine_state")
    op.drop_table("engine_case_themes")
    op.drop_table("engine_obligations")
    op.drop_table("engine_findings")
    op.drop_table("engine_case_results")
