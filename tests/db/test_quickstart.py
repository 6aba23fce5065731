"""The fast start path reads the same first screen as the normal path, without SQLAlchemy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from navdesk.db.keys import Secret
from navdesk.db.opening import create_database
from navdesk.demo import build_demo
from navdesk.errors import WrongKey
from navdesk.quickstart import quick_open
from navdesk.services.context import actor_for
from navdesk.services.office import office_name
from navdesk.services.youths import portfolio_rows
from tests.conftest import TEST_PASSPHRASE

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize("encrypted", [False, True])
def test_quick_rows_equal_the_normal_path(tmp_path, monkeypatch, encrypted):
    path = tmp_path / "x.db"
    secret = Secret(TEST_PASSPHRASE, raw=False) if encrypted else None
    db, _ = create_database(path, unencrypted=not encrypted, secret=secret)
    with db.session() as s, s.begin():
        build_demo(s, youths=25, seed=2, today=date(2026, 11, 24))
    with db.session() as s:
        expected = sorted(portfolio_rows(s), key=lambda r: r.id)
        actor, name = actor_for(s), office_name(s)
    db.close()
    if encrypted:
        monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)
    quick = quick_open(path)
    assert quick is not None
    assert sorted(quick.rows, key=lambda r: r.id) == expected
    assert quick.actor == actor and quick.office_name == name and quick.encrypted is encrypted
    assert {r.last_contact for r in quick.rows} - {None}  # contacts were read


def test_quick_open_leaves_upgrades_and_servers_to_the_normal_path(tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "navdesk-0001_initial.db", old)
    before = old.read_bytes()
    assert quick_open(old) is None
    assert old.read_bytes() == before
    assert quick_open("postgresql+psycopg://u@127.0.0.1:1/x") is None
    assert quick_open(tmp_path / "missing.db") is None


def test_quick_open_refuses_a_wrong_key(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    db, _ = create_database(path, secret=Secret(TEST_PASSPHRASE, raw=False))
    db.close()
    monkeypatch.setenv("NAVDESK_PASSPHRASE", "feil")
    with pytest.raises(WrongKey):
        quick_open(path)


def test_the_fast_path_does_not_import_sqlalchemy():
    code = "import sys, navdesk.quickstart, navdesk.domain.portfolio; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_last_contact_is_the_oslo_day():
    from navdesk.domain.portfolio import _local_day

    assert str(_local_day("2026-03-29 21:59:00.000000")) == "2026-03-29"
    assert str(_local_day("2026-03-29 22:30:00.000000")) == "2026-03-30"  # summer time: UTC+2
    assert str(_local_day("2026-01-10 22:30:00.000000")) == "2026-01-10"  # winter time: UTC+1
    assert str(_local_day("2026-01-10 23:30:00")) == "2026-01-11"
