"""The app lock's rules in the core: the idle time (office setting, a user's own choice, the default),
the password check, and the wait after wrong passwords. On the three backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from navdesk.db import models as m
from navdesk.errors import InvalidInput
from navdesk.services import lock
from navdesk.services.context import actor_for
from navdesk.services.office import add_user


def test_idle_time_default_office_and_own(office):  # type: ignore[no-untyped-def]
    db, admin = office
    with db.session() as s, s.begin():
        add_user(s, admin, name="Ola Berg", initials="OB", password="passord456")
        ola = actor_for(s, "OB")
    with db.session() as s:
        assert lock.idle_minutes(s, admin.user_id) == lock.DEFAULT_IDLE_MINUTES == 10
    with db.session() as s, s.begin():
        lock.set_idle_minutes(s, admin, 15, office_wide=True)
        lock.set_idle_minutes(s, ola, 5)
    with db.session() as s:
        assert lock.idle_minutes(s, admin.user_id) == 15 and lock.idle_minutes(s, ola.user_id) == 5
    with db.session() as s, s.begin():
        lock.set_idle_minutes(s, ola, 7)  # changed, not added
    with db.session() as s:
        assert lock.idle_minutes(s, ola.user_id) == 7
        keys = s.scalars(select(m.OfficeSetting.key).order_by(m.OfficeSetting.key)).all()
        assert keys == ["lock_idle_minutes", f"lock_idle_minutes:{ola.user_id.hex}"]
        audited = s.scalars(select(m.AuditEvent.action).where(m.AuditEvent.entity == "office_setting")).all()
        assert sorted(audited) == ["create", "create", "update"]
    for bad in (0, 241):
        with db.session() as s, s.begin(), pytest.raises(InvalidInput):
            lock.set_idle_minutes(s, ola, bad)
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        lock.set_idle_minutes(s, ola, 30, office_wide=True)  # only an admin


def test_password_check(office):  # type: ignore[no-untyped-def]
    db, admin = office
    with db.session() as s:
        assert lock.check_password(s, admin.user_id, "passord123")
        assert not lock.check_password(s, admin.user_id, "passord124")
        assert not lock.check_password(s, admin.user_id, "")
    with db.session() as s, s.begin():
        s.get(m.User, admin.user_id).active = False
    with db.session() as s:
        assert not lock.check_password(s, admin.user_id, "passord123")  # a deactivated user stays locked out


def test_the_wait_grows_after_three_wrong_passwords() -> None:
    assert [lock.unlock_wait(n) for n in range(1, 11)] == [0, 0, 5, 10, 20, 40, 80, 160, 300, 300]
