"""Who may do what (issue 9, "Lock, users and roles"): the rules every use case checks, so that a refused
action is refused in the core and not only hidden in the UI.

* **admin** edits the office's rules and settings (deadline rules, lock time, small-number threshold, the
  group absence limit) and its users.
* **leder** (manager) sees every youth's restricted notes and edits the office's plan templates.
* **veileder** (counsellor) works with the youths; a youth's restricted notes (``Youth.health_note``,
  ``Meeting.health_section``: health, rus) only for the youths they follow themselves.

Restricted notes are seen by the youth's own veileder (``Youth.veileder_id``) and by a leder — nobody
else, not an administrator either unless they are the youth's veileder: administering the office is
not a reason to read about a youth's health (domain brief §9, data minimisation). A meeting not about
a youth has no restricted reader other than its own veileder and the leder.
"""

from __future__ import annotations

import uuid

from navdesk.domain.actor import Actor
from navdesk.domain.enums import AccessRole
from navdesk.errors import PermissionDenied
from navdesk.i18n import N_, _

RESTRICTED_TEXT = N_("Restricted: only the youth's counsellor and the manager can see this")
RESTRICTED_FIELDS = ("health_note", "health_section")


def restricted_text() -> str:
    """What someone not allowed sees instead of a restricted note (translated)."""
    return _(RESTRICTED_TEXT)


def is_admin(actor: Actor) -> bool:
    return AccessRole(actor.access_role) is AccessRole.ADMIN


def is_leder_or_admin(actor: Actor) -> bool:
    """Leaders and administrators: the audit log, retention and deletion."""
    return AccessRole(actor.access_role) in (AccessRole.LEDER, AccessRole.ADMIN)


def require_admin(actor: Actor, message: str | None = None) -> None:
    """Refuse (``PermissionDenied``) unless the actor is an administrator."""
    if not is_admin(actor):
        raise PermissionDenied(message or _("Only an administrator may change the office's rules and users."))


def may_see_restricted(actor: Actor, veileder_id: uuid.UUID | None) -> bool:
    """Whether the actor may read and write a youth's restricted notes (the youth's veileder, or a leder)."""
    if AccessRole(actor.access_role) is AccessRole.LEDER:
        return True
    return veileder_id is not None and veileder_id == actor.user_id


def require_restricted(actor: Actor, veileder_id: uuid.UUID | None) -> None:
    """Refuse (``PermissionDenied``) unless the actor may see the youth's restricted notes."""
    if not may_see_restricted(actor, veileder_id):
        raise PermissionDenied(
            _(
                "Only the youth's counsellor and the manager may see or change health and other sensitive notes."
            )
        )
