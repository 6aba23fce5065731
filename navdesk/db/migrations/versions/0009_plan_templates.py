"""plan templates: the office's default aktivitetsplan templates for existing offices

Revision ID: 0009_plan_templates
Revises: 0007_partners
Create Date: 2026-12-04

Plan templates are catalogue entries (kind ``plan_template``, the activities in ``attrs.steps``).
A new office gets them from ``navdesk.domain.catalogues``; an office created before this release
gets the same three here. No table changes. The entries are written out so this migration never
changes when the code's defaults do.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009_plan_templates"
down_revision = "0007_partners"
branch_labels = None
depends_on = None


def _step(type_: str, title: str, offset: int, duration: int | None, responsible: str) -> dict[str, object]:
    return {"type": type_, "title": title, "offset_days": offset, "duration_days": duration,
            "responsible": responsible}


TEMPLATES = [
    ("ny_ungdom", "Ny ungdom: kartlegging → jobbklubb → praksis", "Ny ungdom: kartlegging → jobbklubb → praksis",
     [_step("egenaktivitet", "Kartlegging: hva vil du, hva kan du?", 0, 14, "nav"),
      _step("jobbklubb", "Jobbklubb", 14, 42, "ungdommen"),
      _step("arbeidstrening", "Praksis hos arbeidsgiver", 56, 90, "ungdommen")]),
    ("jobbsoking", "Jobbsøking med søkeavtale", "Jobbsøking med søkeavtale",
     [_step("egenaktivitet", "Lage CV sammen med veilederen", 0, 14, "ungdommen"),
      _step("jobbsoking", "Søke jobber", 7, 56, "ungdommen")]),
    ("tilbake_til_skolen", "Tilbake til skolen", "Tilbake til skulen",
     [_step("egenaktivitet", "Besøke skolen sammen med veilederen", 0, 14, "nav"),
      _step("utdanning", "Søke skoleplass på VGS", 0, 60, "ot")]),
]


def upgrade() -> None:
    bind = op.get_bind()
    office = sa.table("office", sa.column("id", sa.Uuid()))
    entry = sa.table(
        "catalogue_entry",
        sa.column("id", sa.Uuid()), sa.column("office_id", sa.Uuid()), sa.column("kind", sa.String()),
        sa.column("code", sa.String()), sa.column("label_nb", sa.String()), sa.column("label_nn", sa.String()),
        sa.column("hidden", sa.Boolean()), sa.column("sort_order", sa.Integer()), sa.column("attrs", sa.JSON()),
        sa.column("version", sa.Integer()), sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    if bind.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    taken = {(o, c) for o, c in bind.execute(
        sa.select(entry.c.office_id, entry.c.code).where(entry.c.kind == "plan_template"))}
    rows = [
        {"id": uuid.uuid4(), "office_id": office_id, "kind": "plan_template", "code": code, "label_nb": nb,
         "label_nn": nn, "hidden": False, "sort_order": order, "attrs": {"steps": steps}, "version": 1,
         "created_at": now, "updated_at": now}
        for (office_id,) in bind.execute(sa.select(office.c.id))
        for order, (code, nb, nn, steps) in enumerate(TEMPLATES)
        if (office_id, code) not in taken
    ]
    if rows:
        op.bulk_insert(entry, rows)


def downgrade() -> None:
    op.execute("DELETE FROM catalogue_entry WHERE kind = 'plan_template'")
