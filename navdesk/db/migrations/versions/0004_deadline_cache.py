"""deadline cache: per-youth facts version, office-wide epoch, cached results

Revision ID: 0004_deadline_cache
Revises: 0003_portfolio_summary
Create Date: 2026-11-24

Computing every deadline of a 50,000-youth office from the data takes seconds; most youths'
results do not change from one start to the next. The engine's result per youth is stored in
``deadline_cache`` and used only while it holds (decision 0009). Triggers keep what decides that:

* ``youth.facts_version`` goes up whenever a row the engine reads about that youth is written
  (directly, or through its period, meeting, enrolment or consent);
* ``cache_epoch.value`` goes up when an office-wide row the engine reads is written (catalogue
  entries, clubs, club sessions, employers).

A later migration that rebuilds one of these tables in SQLite batch mode drops its triggers and
must create them again; ``tests/db/test_deadline_cache.py`` checks every table at head.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_deadline_cache"
down_revision = "0003_portfolio_summary"
branch_labels = None
depends_on = None

# table -> how to find the youth of a row (R stands for NEW or OLD)
YOUTH_OF = {
    "school_status": "R.youth_id",
    "follow_up_period": "R.youth_id",
    "contact": "R.youth_id",
    "meeting": "R.youth_id",
    "activity": "R.youth_id",
    "club_enrolment": "R.youth_id",
    "consent": "R.youth_id",
    "placement": "R.youth_id",
    "task": "R.youth_id",
    "innsats_decision": "(SELECT p.youth_id FROM follow_up_period p WHERE p.id = R.period_id)",
    "status_snapshot": "(SELECT p.youth_id FROM follow_up_period p WHERE p.id = R.period_id)",
    "benefit_period": "(SELECT p.youth_id FROM follow_up_period p WHERE p.id = R.period_id)",
    "meeting_action": "(SELECT m.youth_id FROM meeting m WHERE m.id = R.meeting_id)",
    "attendance": "(SELECT e.youth_id FROM club_enrolment e WHERE e.id = R.enrolment_id)",
    "consent_partner": "(SELECT k.youth_id FROM consent k WHERE k.id = R.consent_id)",
}
OFFICE_WIDE = ["catalogue_entry", "club", "club_session", "employer"]


def _bump(table: str, row: str) -> str:
    youth = YOUTH_OF[table].replace("R.", f"{row}.")
    return f"UPDATE youth SET facts_version = facts_version + 1 WHERE id = {youth};"


EPOCH = "UPDATE cache_epoch SET value = value + 1;"


def _sqlite() -> list[str]:
    out = []
    for table in YOUTH_OF:
        name = f"trg_{table}_facts"
        out += [
            f"CREATE TRIGGER {name}_ins AFTER INSERT ON {table} BEGIN {_bump(table, 'NEW')} END",
            f"CREATE TRIGGER {name}_upd AFTER UPDATE ON {table} BEGIN {_bump(table, 'OLD')} {_bump(table, 'NEW')} END",
            f"CREATE TRIGGER {name}_del AFTER DELETE ON {table} BEGIN {_bump(table, 'OLD')} END",
        ]
    for table in OFFICE_WIDE:
        out += [
            f"CREATE TRIGGER trg_{table}_epoch_{op_} AFTER {op_.upper()} ON {table} BEGIN {EPOCH} END"
            for op_ in ("insert", "update", "delete")
        ]
    out.append(
        "CREATE TRIGGER trg_youth_facts_birth AFTER UPDATE OF birth_date ON youth BEGIN "
        "UPDATE youth SET facts_version = facts_version + 1 WHERE id = NEW.id; END"
    )
    return out


def _pg() -> list[str]:
    out = []
    for table in YOUTH_OF:
        function = f"navdesk_{table}_facts"
        out += [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {_bump(table, "OLD")} END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN {_bump(table, "NEW")} END IF;
  RETURN NULL;
END $$""",
            f"CREATE TRIGGER trg_{table}_facts AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    out.append(
        f"CREATE OR REPLACE FUNCTION navdesk_cache_epoch() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {EPOCH} RETURN NULL; END $$"
    )
    out += [
        f"CREATE TRIGGER trg_{table}_epoch AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION navdesk_cache_epoch()"
        for table in OFFICE_WIDE
    ]
    out += [
        """CREATE OR REPLACE FUNCTION navdesk_youth_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.birth_date IS DISTINCT FROM OLD.birth_date THEN NEW.facts_version := OLD.facts_version + 1; END IF;
  RETURN NEW;
END $$""",
        "CREATE TRIGGER trg_youth_facts_birth BEFORE UPDATE ON youth FOR EACH ROW EXECUTE FUNCTION navdesk_youth_facts()",
    ]
    return out


def upgrade() -> None:
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.add_column(sa.Column("facts_version", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "cache_epoch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cache_epoch")),
    )
    op.execute("INSERT INTO cache_epoch (id, value) VALUES (1, 0)")
    op.create_table(
        "deadline_cache",
        sa.Column("youth_id", sa.Uuid(), nullable=False),
        sa.Column("facts_version", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("rules_stamp", sa.String(length=64), nullable=False),
        sa.Column("computed_for", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["youth_id"], ["youth.id"], name=op.f("fk_deadline_cache_youth_id_youth"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("youth_id", name=op.f("pk_deadline_cache")),
    )
    for statement in _sqlite() if op.get_bind().dialect.name == "sqlite" else _pg():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in YOUTH_OF:
            for suffix in ("ins", "upd", "del"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_facts_{suffix}")
        for table in OFFICE_WIDE:
            for suffix in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_epoch_{suffix}")
        op.execute("DROP TRIGGER IF EXISTS trg_youth_facts_birth")
    else:
        for table in YOUTH_OF:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_facts ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS navdesk_{table}_facts()")
        for table in OFFICE_WIDE:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_epoch ON {table}")
        op.execute("DROP FUNCTION IF EXISTS navdesk_cache_epoch()")
        op.execute("DROP TRIGGER IF EXISTS trg_youth_facts_birth ON youth")
        op.execute("DROP FUNCTION IF EXISTS navdesk_youth_facts()")
    op.drop_table("deadline_cache")
    op.drop_table("cache_epoch")
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.drop_column("facts_version")
