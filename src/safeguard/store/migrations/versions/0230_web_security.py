"""web app security: server-side sessions, per-account lock-out, the access log's child id and
hash chain, one current decision per flagged phrase

Revision ID: 0230_web_security
Revises: 0210_additions
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0230_web_security"
down_revision: str | None = "0210_additions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _drop_append_only(dialect: str) -> None:
    if dialect == "sqlite":
        for what in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS web_access_log_no_{what}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS web_access_log_append_only ON web_access_log")


def _add_append_only(dialect: str) -> None:
    if dialect == "sqlite":
        for what in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER web_access_log_no_{what.lower()} BEFORE {what} ON web_access_log "
                "BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE TRIGGER web_access_log_append_only BEFORE UPDATE OR DELETE ON web_access_log "
            "FOR EACH ROW EXECUTE FUNCTION web_access_log_append_only()"
        )


def upgrade() -> None:
    from safeguard.web.logchain import GENESIS, entry_digest

    bind = op.get_bind()
    dialect = bind.dialect.name
    with op.batch_alter_table("web_users") as t:
        t.add_column(sa.Column("failed_signins", sa.Integer(), nullable=False, server_default="0"))
        t.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
    with op.batch_alter_table("web_users") as t:
        t.alter_column("failed_signins", server_default=None)
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_web_sessions_user", "web_sessions", ["user_id"])
    op.create_table(
        "web_session_purposes",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("child_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", "child_id"),
    )

    # The access log gains a child id and a hash chain; entries written before are chained
    # now, in the order they were written (the append-only guard is lifted for this alone).
    _drop_append_only(dialect)
    with op.batch_alter_table("web_access_log") as t:
        t.add_column(sa.Column("child_id", sa.String(length=64), nullable=True))
        t.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
        t.create_index("ix_web_access_log_child", ["child_id"])
    log = sa.table(
        "web_access_log",
        *(
            sa.column(c)
            for c in [
                "id",
                "at",
                "user_id",
                "username",
                "role",
                "action",
                "record_type",
                "record_id",
                "reason",
                "child_id",
                "entry_hash",
            ]
        ),
    )
    prev = GENESIS
    rows = bind.execute(sa.select(log).order_by(log.c.id)).all()
    for r in rows:
        prev = entry_digest(
            prev,
            id=r.id,
            at=r.at,
            user_id=r.user_id,
            username=r.username,
            role=r.role,
            action=r.action,
            record_type=r.record_type,
            record_id=r.record_id,
            reason=r.reason,
            child_id=None,
        )
        bind.execute(sa.update(log).where(log.c.id == r.id).values(entry_hash=prev))
    _add_append_only(dialect)

    with op.batch_alter_table("web_challenge_decisions") as t:
        t.add_column(sa.Column("current", sa.Boolean(), nullable=True))
        t.add_column(sa.Column("superseded_by", sa.Integer(), nullable=True))
    # Of several decisions already made on one phrase, the latest stands.
    d = sa.table(
        "web_challenge_decisions",
        *(sa.column(c) for c in ["id", "note_id", "rule", "start", "current", "superseded_by"]),
    )
    latest: dict[tuple[str, str, int], int] = {}
    for r in bind.execute(sa.select(d).order_by(d.c.id)).all():
        key = (r.note_id, r.rule, r.start)
        if key in latest:
            bind.execute(sa.update(d).where(d.c.id == latest[key]).values(superseded_by=r.id))
        latest[key] = r.id
    if latest:
        bind.execute(sa.update(d).where(d.c.id.in_(list(latest.values()))).values(current=True))
    with op.batch_alter_table("web_challenge_decisions") as t:
        t.create_index(
            "ux_web_challenge_current", ["note_id", "rule", "start", "current"], unique=True
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("web_challenge_decisions") as t:
        t.drop_index("ux_web_challenge_current")
        t.drop_column("superseded_by")
        t.drop_column("current")
    _drop_append_only(dialect)
    with op.batch_alter_table("web_access_log") as t:
        t.drop_index("ix_web_access_log_child")
        t.drop_column("entry_hash")
        t.drop_column("child_id")
    _add_append_only(dialect)
    op.drop_table("web_session_purposes")
    op.drop_index("ix_web_sessions_user", table_name="web_sessions")
    op.drop_table("web_sessions")
    with op.batch_alter_table("web_users") as t:
        t.drop_column("locked_until")
        t.drop_column("failed_signins")
