"""deadline rules as office data

Revision ID: 0002_deadline_rules
Revises: 0001_initial
Create Date: 2026-11-24
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002_deadline_rules"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rules = op.create_table(
        "deadline_rule",
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.String(length=40), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_deadline_rule_office_id_office"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_rule")),
        sa.UniqueConstraint("office_id", "rule_id", name=op.f("uq_deadline_rule_office_id_rule_id")),
    )
    with op.batch_alter_table("deadline_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_rule_office_id"), ["office_id"], unique=False)

    # Existing offices get every rule, enabled, with empty params: "this NavDesk's defaults"
    # (navdesk.services.deadlines.rule_settings merges the office's params over the defaults).
    # The ids are written out so this migration never changes when the code's defaults do.
    rule_ids = [
        "followup_8w", "first_contact", "answer_contact", "no_contact", "notify_ot", "club_absence",
        "activity_end", "after_start", "consent_expiry", "aap_end", "age_milestone", "school_year",
        "outcome_snapshot", "reassess", "placement_followup", "meeting_action", "manual",
    ]  # fmt: skip
    bind = op.get_bind()
    office = sa.table("office", sa.column("id", sa.Uuid()))
    now = datetime.now(UTC)
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    rows = [
        {"id": uuid.uuid4(), "office_id": office_id, "rule_id": rule_id, "enabled": True, "params": {},
         "version": 1, "created_at": now, "updated_at": now}
        for (office_id,) in bind.execute(sa.select(office.c.id))
        for rule_id in rule_ids
    ]  # fmt: skip
    if rows:
        op.bulk_insert(rules, rows)


def downgrade() -> None:
    with op.batch_alter_table("deadline_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_rule_office_id"))
    op.drop_table("deadline_rule")
