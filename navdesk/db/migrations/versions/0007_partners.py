"""partners: last contact with an organisation, the veileder of a preventive activity, OT list washing

Revision ID: 0007_partners
Revises: 0006_clubs
Create Date: 2026-12-04

* ``partner_org.last_contact_on``: a contact with the organisation that is not about one youth (a
  phone call to the school's rådgiver); the directory shows the later of it and the contact log.
* ``preventive_activity.user_id``: the veileder who held the talk, fair or parents' meeting.
* ``ot_list_action``: what was done about each line of a list washing with OT (vaske lister).

None of these tables carries triggers (decisions 0008, 0009), so the SQLite batch rebuild loses none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_partners"
down_revision = "0006_clubs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partner_org", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_contact_on", sa.Date(), nullable=True))
    with op.batch_alter_table("preventive_activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_preventive_activity_user_id"), ["user_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_preventive_activity_user_id_app_user"), "app_user", ["user_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
    op.create_table(
        "ot_list_action",
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.Column("compared_on", sa.Date(), nullable=False),
        sa.Column("list_name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("youth_id", sa.Uuid(), nullable=True),
        sa.Column("ot_status", sa.String(length=100), nullable=False),
        sa.Column("our_status", sa.String(length=100), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name=op.f("fk_ot_list_action_office_id_office"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["youth_id"], ["youth.id"], name=op.f("fk_ot_list_action_youth_id_youth"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_ot_list_action_user_id_app_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ot_list_action")),
    )
    with op.batch_alter_table("ot_list_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ot_list_action_office_id"), ["office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ot_list_action_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_ot_list_action_youth_id"), ["youth_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ot_list_action_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_table("ot_list_action")
    with op.batch_alter_table("preventive_activity", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_preventive_activity_user_id_app_user"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_preventive_activity_user_id"))
        batch_op.drop_column("user_id")
    with op.batch_alter_table("partner_org", schema=None) as batch_op:
        batch_op.drop_column("last_contact_on")
