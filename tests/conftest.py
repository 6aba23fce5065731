"""Shared fixtures: real databases on three backends, a fake keyring, a clean environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

FAKES = Path(__file__).parent / "fakes"
sys.path.insert(0, str(FAKES))

BACKENDS = ["sqlite", "sqlcipher", "postgres"]
TEST_PASSPHRASE = "korrekt hest batteri «stift»'"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No real keyring, no inherited passphrase or user, bokmål, data folder in tmp."""
    import keyring.core

    for var in ("NAVDESK_PASSPHRASE", "NAVDESK_USER", "NAVDESK_LANG", "NAVDESK_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("NAVDESK_APPEARANCE", raising=False)  # light, as the offscreen platform reports
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("NAVDESK_DATA_DIR", str(tmp_path / "data"))
    keyring.core._keyring_backend = None  # type: ignore[attr-defined]
    from navdesk.i18n import set_language

    set_language("nb")
    yield
    keyring.core._keyring_backend = None  # type: ignore[attr-defined]


@pytest.fixture
def fake_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A recommended (priority 10) keyring stored in a JSON file; subprocesses see it too."""
    import keyring.core

    store = tmp_path / "keyring.json"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "fake_keyring.FileKeyring")
    monkeypatch.setenv("NAVDESK_TEST_KEYRING", str(store))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(FAKES), os.environ.get("PYTHONPATH", "")]))
    keyring.core._keyring_backend = None  # type: ignore[attr-defined]
    return store


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    from tests.pg import PASSWORD, PostgresServer

    server = PostgresServer()
    previous = os.environ.get("PGPASSWORD")
    os.environ["PGPASSWORD"] = PASSWORD
    try:
        yield server
    finally:
        server.stop()
        if previous is None:
            os.environ.pop("PGPASSWORD", None)


@pytest.fixture
def pg_url(pg_server: object, monkeypatch: pytest.MonkeyPatch) -> str:
    from tests.pg import PASSWORD

    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    return pg_server.new_database()  # type: ignore[attr-defined]


def make_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> object:
    """A new, empty NavDesk database on ``backend`` with the current schema."""
    from navdesk.db.keys import Secret
    from navdesk.db.opening import create_database

    if backend == "postgres":
        url = request.getfixturevalue("pg_url")
        db, _mode = create_database(url)
    elif backend == "sqlcipher":
        db, _mode = create_database(tmp_path / "office.db", secret=Secret(TEST_PASSPHRASE, raw=False))
    else:
        db, _mode = create_database(tmp_path / "office.db", unencrypted=True)
    return db


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """An empty database with the current schema, on each of the three backends."""
    database = make_db(backend, tmp_path, request)
    yield database
    database.close()  # type: ignore[attr-defined]


@pytest.fixture
def office(db: object) -> object:
    """The database with an office and its first admin (KN); returns (db, actor)."""
    from navdesk.services.office import create_office

    with db.session() as s, s.begin():  # type: ignore[attr-defined]
        actor = create_office(
            s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann", admin_initials="KN",
            password="passord123",
        )  # fmt: skip
    return db, actor


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before each test, top up the references to None that PySide6 6.12.0 loses (decision 0010)."""
    if "PySide6.QtCore" in sys.modules:
        from navdesk.ui import none_guard

        none_guard.top_up()
