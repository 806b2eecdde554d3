"""case records: one table per exchange entity

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "children",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column("in_care", sa.Boolean(), nullable=False),
        sa.Column("placement_type", sa.String(length=64), nullable=True),
        sa.Column("vulnerabilities", sa.JSON(), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_children_team"), ["team"], unique=False)

    op.create_table(
        "investigations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("exploitation_type", sa.String(length=32), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("reported_by", sa.String(length=32), nullable=False),
        sa.Column("crime_recorded_at", sa.DateTime(), nullable=True),
        sa.Column("crime_reference", sa.String(length=64), nullable=True),
        sa.Column("plan_recorded_at", sa.DateTime(), nullable=True),
        sa.Column("first_action_at", sa.DateTime(), nullable=True),
        sa.Column("team", sa.String(length=64), nullable=True),
        sa.Column("officer_in_charge", sa.String(length=64), nullable=True),
        sa.Column("needs_assessment_at", sa.DateTime(), nullable=True),
        sa.Column("child_supports_prosecution", sa.String(length=32), nullable=False),
        sa.Column("evidence_led_considered_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("outcome_at", sa.DateTime(), nullable=True),
        sa.Column("related_episode_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("investigations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_investigations_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_investigations_reported_at"), ["reported_at"], unique=False
        )

    op.create_table(
        "missing_episodes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.Column("last_seen_location", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=True),
        sa.Column("found_location", sa.String(length=200), nullable=True),
        sa.Column("team", sa.String(length=64), nullable=True),
        sa.Column("officer_in_charge", sa.String(length=64), nullable=True),
        sa.Column("exploitation_screening_at", sa.DateTime(), nullable=True),
        sa.Column("strategy_meeting_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("missing_episodes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_missing_episodes_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_missing_episodes_reported_at"), ["reported_at"], unique=False
        )

    op.create_table(
        "notes",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("author_role", sa.String(length=64), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("challenges_note_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["challenges_note_id"], ["notes.id"], initially="DEFERRED", deferrable=True
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notes_challenges_note_id"), ["challenges_note_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notes_child_id"), ["child_id"], unique=False)
        batch_op.create_index("ix_notes_record", ["record_type", "record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notes_written_at"), ["written_at"], unique=False)

    op.create_table(
        "episode_actions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("episode_id", sa.String(length=64), nullable=False),
        sa.Column("action_type", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["episode_id"], ["missing_episodes.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("episode_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_episode_actions_episode_id"), ["episode_id"], unique=False
        )

    op.create_table(
        "key_decisions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("investigation_id", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["investigation_id"], ["investigations.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("key_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_key_decisions_investigation_id"), ["investigation_id"], unique=False
        )

    op.create_table(
        "lines_of_enquiry",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("investigation_id", sa.String(length=64), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["investigation_id"], ["investigations.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lines_of_enquiry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lines_of_enquiry_investigation_id"), ["investigation_id"], unique=False
        )

    op.create_table(
        "referrals",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("investigation_id", sa.String(length=64), nullable=False),
        sa.Column("service", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["investigation_id"], ["investigations.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referrals_investigation_id"), ["investigation_id"], unique=False
        )

    op.create_table(
        "return_home_interviews",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("episode_id", sa.String(length=64), nullable=False),
        sa.Column("offered_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.Column("not_done_reason", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["episode_id"], ["missing_episodes.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("return_home_interviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_return_home_interviews_episode_id"), ["episode_id"], unique=False
        )

    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("episode_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("factors", sa.JSON(), nullable=False),
        sa.Column("graded_by", sa.String(length=64), nullable=False),
        sa.Column("graded_at", sa.DateTime(), nullable=False),
        sa.Column("supervisor_confirmed_by", sa.String(length=64), nullable=True),
        sa.Column("supervisor_confirmed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["episode_id"], ["missing_episodes.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("risk_assessments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_risk_assessments_episode_id"), ["episode_id"], unique=False
        )

    op.create_table(
        "safe_and_well_checks",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("episode_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["episode_id"], ["missing_episodes.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("safe_and_well_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_safe_and_well_checks_episode_id"), ["episode_id"], unique=False
        )

    op.create_table(
        "supervisor_reviews",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("investigation_id", sa.String(length=64), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("reviewer", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["investigation_id"], ["investigations.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervisor_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervisor_reviews_investigation_id"), ["investigation_id"], unique=False
        )

    op.create_table(
        "suspects",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("investigation_id", sa.String(length=64), nullable=False),
        sa.Column("identified_at", sa.DateTime(), nullable=False),
        sa.Column("is_adult", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["investigation_id"], ["investigations.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("suspects", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suspects_investigation_id"), ["investigation_id"], unique=False
        )

    op.create_table(
        "disruption_actions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("suspect_id", sa.String(length=64), nullable=False),
        sa.Column("action_type", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["suspect_id"], ["suspects.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disruption_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_disruption_actions_suspect_id"), ["suspect_id"], unique=False
        )

    op.create_table(
        "victim_contacts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("investigation_id", sa.String(length=64), nullable=False),
        sa.Column("contact_with", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("in_person", sa.Boolean(), nullable=False),
        sa.Column("key_decision_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["investigation_id"], ["investigations.id"], initially="DEFERRED", deferrable=True
        ),
        sa.ForeignKeyConstraint(
            ["key_decision_id"], ["key_decisions.id"], initially="DEFERRED", deferrable=True
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("victim_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_victim_contacts_investigation_id"), ["investigation_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("victim_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_victim_contacts_investigation_id"))

    op.drop_table("victim_contacts")
    with op.batch_alter_table("disruption_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disruption_actions_suspect_id"))

    op.drop_table("disruption_actions")
    with op.batch_alter_table("suspects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suspects_investigation_id"))

    op.drop_table("suspects")
    with op.batch_alter_table("supervisor_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervisor_reviews_investigation_id"))

    op.drop_table("supervisor_reviews")
    with op.batch_alter_table("safe_and_well_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safe_and_well_checks_episode_id"))

    op.drop_table("safe_and_well_checks")
    with op.batch_alter_table("risk_assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_assessments_episode_id"))

    op.drop_table("risk_assessments")
    with op.batch_alter_table("return_home_interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_home_interviews_episode_id"))

    op.drop_table("return_home_interviews")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_investigation_id"))

    op.drop_table("referrals")
    with op.batch_alter_table("lines_of_enquiry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lines_of_enquiry_investigation_id"))

    op.drop_table("lines_of_enquiry")
    with op.batch_alter_table("key_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_decisions_investigation_id"))

    op.drop_table("key_decisions")
    with op.batch_alter_table("episode_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_actions_episode_id"))

    op.drop_table("episode_actions")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_written_at"))
        batch_op.drop_index("ix_notes_record")
        batch_op.drop_index(batch_op.f("ix_notes_child_id"))
        batch_op.drop_index(batch_op.f("ix_notes_challenges_note_id"))

    op.drop_table("notes")
    with op.batch_alter_table("missing_episodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_missing_episodes_reported_at"))
        batch_op.drop_index(batch_op.f("ix_missing_episodes_child_id"))

    op.drop_table("missing_episodes")
    with op.batch_alter_table("investigations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_investigations_reported_at"))
        batch_op.drop_index(batch_op.f("ix_investigations_child_id"))

    op.drop_table("investigations")
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_children_team"))

    op.drop_table("children")
