"""indexes for reading stored results at force size: the Now queue's pages by check (open
findings, obligations), the dashboard's aggregates (covering indexes, so the wide result rows
are never read) and the children list's order

Revision ID: 0280_result_indexes
Revises: 0270_import_source_hash
Create Date: 2026-11-30
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0280_result_indexes"
down_revision: str | None = "0270_import_source_hash"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, index, columns) dropped: replaced by the wider ones below.
OLD = (
    ("engine_case_results", "ix_engine_case_results_team_grade", ["team", "grade"]),
    ("engine_case_results", "ix_engine_case_results_last_activity", ["last_activity"]),
    ("engine_findings", "ix_engine_findings_open", ["open", "team", "at"]),
    ("engine_findings", "ix_engine_findings_child_id", ["child_id"]),
)
SUMMARY = ["grade", "max_repeat", "period", "child_id"]
NEW: tuple[tuple[str, str, list[Any]], ...] = (
    ("engine_case_results", "ix_engine_case_results_activity", ["last_activity", "team", *SUMMARY]),
    ("engine_case_results", "ix_engine_case_results_team", ["team", "last_activity", *SUMMARY]),
    (
        "engine_case_results",
        "ix_engine_case_results_order",
        [sa.text("open_episodes DESC"), sa.text("episodes DESC"), "child_id"],
    ),
    (
        "engine_case_results",
        "ix_engine_case_results_team_order",
        ["team", sa.text("open_episodes DESC"), sa.text("episodes DESC"), "child_id"],
    ),
    ("engine_findings", "ix_engine_findings_open_check", ["open", "check_id", "at"]),
    ("engine_findings", "ix_engine_findings_open_team", ["open", "team", "check_id", "at"]),
    ("engine_findings", "ix_engine_findings_child_check", ["child_id", "check_id"]),
    ("engine_obligations", "ix_engine_obligations_check", ["check_id", "due_at"]),
    ("engine_obligations", "ix_engine_obligations_team", ["team", "check_id", "due_at"]),
)


def upgrade() -> None:
    for table, name, _cols in OLD:
        op.drop_index(name, table_name=table)
    for table, name, cols in NEW:
        op.create_index(name, table, cols)


def downgrade() -> None:
    for table, name, _cols in NEW:
        op.drop_index(name, table_name=table)
    for table, name, cols in OLD:
        op.create_index(name, table, cols)
