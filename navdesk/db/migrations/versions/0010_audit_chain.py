"""audit chain: each audit event carries a hash over the previous one and its own metadata

``audit_payload.salt`` keys the payload digest of new events (empty for the events already there).

Revision ID: 0010_audit_chain
Revises: 0009_plan_templates
Create Date: 2026-12-04

``audit_event.chain`` is computed for the events already there, in ``seq`` order, with the same
function new events use (:func:`navdesk.domain.audit_chain.link`). ``audit_event`` carries no
triggers, so the SQLite batch rebuild loses none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from navdesk.domain.audit_chain import GENESIS, link

revision = "0010_audit_chain"
down_revision = "0009_plan_templates"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain", sa.String(length=64), nullable=False, server_default=""))
    with op.batch_alter_table("audit_payload", schema=None) as batch_op:
        batch_op.add_column(sa.Column("salt", sa.String(length=32), nullable=False, server_default=""))
    bind = op.get_bind()
    event = sa.table(
        "audit_event",
        sa.column("id", sa.Uuid()), sa.column("seq", sa.Integer()), sa.column("at", sa.DateTime()),
        sa.column("user_id", sa.Uuid()), sa.column("user_initials", sa.String()),
        sa.column("action", sa.String()), sa.column("entity", sa.String()),
        sa.column("entity_id", sa.Uuid()), sa.column("youth_id", sa.Uuid()),
        sa.column("source", sa.String()), sa.column("payload_digest", sa.String()),
        sa.column("chain", sa.String()),
    )  # fmt: skip
    previous, last_seq = GENESIS, 0
    while True:
        rows = bind.execute(
            sa.select(event).where(event.c.seq > last_seq).order_by(event.c.seq).limit(BATCH)
        ).all()
        if not rows:
            break
        updates = []
        for row in rows:
            previous = link(
                previous, event_id=row.id, seq=row.seq, at=row.at, user_id=row.user_id,
                user_initials=row.user_initials, action=row.action, entity=row.entity,
                entity_id=row.entity_id, youth_id=row.youth_id, source=row.source,
                payload_digest=row.payload_digest,
            )  # fmt: skip
            updates.append({"key": row.id, "chain": previous})
        bind.execute(
            event.update().where(event.c.id == sa.bindparam("key")).values(chain=sa.bindparam("chain")),
            updates,
        )
        last_seq = rows[-1].seq


def downgrade() -> None:
    with op.batch_alter_table("audit_payload", schema=None) as batch_op:
        batch_op.drop_column("salt")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("chain")
