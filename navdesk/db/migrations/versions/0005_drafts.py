"""drafts: unsaved editor content kept in the (encrypted) database

Revision ID: 0005_drafts
Revises: 0004_deadline_cache
Create Date: 2026-11-24

The meeting editor saves what is being typed every few seconds as a row of ``draft`` (one per user,
kind and subject), so that a crash, the app lock or a closed window loses no text. The table lives in
the database and is therefore encrypted with it; no draft is ever written to a plain file.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_drafts"
down_revision = "0004_deadline_cache"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_draft_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft")),
    )
    op.create_index("ix_draft_user_kind_subject", "draft", ["user_id", "kind", "subject_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_draft_user_kind_subject", table_name="draft")
    op.drop_table("draft")
