"""clubs: the schedule pattern of a group, and when and why a participant left with a recommendation

Revision ID: 0006_clubs
Revises: 0005_drafts
Create Date: 2026-12-04

``club.schedule`` keeps the recurring pattern the samlinger were generated from (so the group can be
re-planned the same way); ``club_enrolment.left_on`` is the day a participant left or completed, and
``club_enrolment.recommendation`` the facilitators' recommendation (fortsette / individuell
oppfølging / trenger mer kartlegging) shown in the youth's record.

Only columns are added (``ALTER TABLE … ADD COLUMN``, which SQLite does in place), so the deadline
cache's triggers on ``club_enrolment`` (decisions 0008, 0009) stay as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_clubs"
down_revision = "0005_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("club") as batch:
        batch.add_column(sa.Column("schedule", sa.JSON(), nullable=True))
    with op.batch_alter_table("club_enrolment") as batch:
        batch.add_column(sa.Column("left_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("recommendation", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("club_enrolment") as batch:
        batch.drop_column("recommendation")
        batch.drop_column("left_on")
    with op.batch_alter_table("club") as batch:
        batch.drop_column("schedule")
