"""case records: what the records must be able to say (all optional)

Free-text risk rationale; an action's end time; whether the child was seen and spoken to at
a safe and well check; return home interview offered by whom, declined, not offered and why;
investigation outcome text, charge and closure dates, the evidence-led decision and reason;
referral type and agency; suspect age, address and whether located; how an update was given;
placement location and whether out of area; the supervisor review's reviewer is optional.

Revision ID: 0210_additions
Revises: 0200_engine
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0210_additions"
down_revision: str | None = "0200_engine"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table -> [(column, type)] added, every one nullable.
ADDED: dict[str, list[tuple[str, sa.types.TypeEngine]]] = {
    "children": [
        ("placement_location", sa.String(length=120)),
        ("placement_out_of_area", sa.Boolean()),
    ],
    "risk_assessments": [("rationale", sa.Text())],
    "episode_actions": [("ended_at", sa.DateTime())],
    "safe_and_well_checks": [("child_seen", sa.Boolean()), ("child_spoken_to", sa.Boolean())],
    "return_home_interviews": [
        ("offered_by", sa.String(length=64)),
        ("declined_at", sa.DateTime()),
        ("not_offered_reason", sa.String(length=500)),
    ],
    "investigations": [
        ("evidence_led_decision", sa.String(length=32)),
        ("evidence_led_reason", sa.Text()),
        ("outcome_text", sa.Text()),
        ("charged_at", sa.DateTime()),
        ("closed_at", sa.DateTime()),
    ],
    "suspects": [
        ("age", sa.Integer()),
        ("address", sa.String(length=200)),
        ("located", sa.Boolean()),
    ],
    "victim_contacts": [("method", sa.String(length=32))],
    "referrals": [("referral_type", sa.String(length=32)), ("agency", sa.String(length=120))],
}


def upgrade() -> None:
    for table, cols in ADDED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, type_ in cols:
                batch_op.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table("supervisor_reviews", schema=None) as batch_op:
        batch_op.alter_column("reviewer", existing_type=sa.String(length=64), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("supervisor_reviews", schema=None) as batch_op:
        batch_op.alter_column("reviewer", existing_type=sa.String(length=64), nullable=False)
    for table, cols in reversed(list(ADDED.items())):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _ in reversed(cols):
                batch_op.drop_column(name)
