"""The acting user: who is doing something, for the audit trail and access checks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from navdesk.domain.enums import AccessRole


@dataclass(frozen=True)
class Actor:
    """Who is acting; recorded in the audit trail."""

    user_id: uuid.UUID
    initials: str
    access_role: AccessRole
    office_id: uuid.UUID
    source: str = "app"
