"""The PyInstaller recipe bundles every file NavDesk reads at run time, and finds them frozen."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest

import navdesk
from navdesk import resources
from tests.packaging.bundle import INSTALLERS, ROOT, load_bundle

bundle = load_bundle()


def _relative(paths: list[Path], base: Path) -> set[str]:
    return {str(p.relative_to(base)) for p in paths if "__pycache__" not in p.parts}


def test_every_migration_catalogue_font_and_icon_is_bundled() -> None:
    bundled = bundle.bundled_paths()
    migrations = ROOT / "navdesk" / "db" / "migrations"
    needed = {f"navdesk/db/migrations/{p}" for p in _relative(list(migrations.rglob("*.py")), migrations)}
    needed -= {"navdesk/db/migrations/__init__.py"}  # a module PyInstaller compiles in; not read as a file
    needed |= {"navdesk/db/migrations/script.py.mako"}
    res = ROOT / "resources"
    for pattern in ("locale/*/LC_MESSAGES/*.mo", "fonts/*.ttf", "qt/*.qm", "icons/**/*.svg"):
        needed |= {f"resources/{p}" for p in _relative(list(res.glob(pattern)), res)}
    assert any(p.endswith("versions/0001_initial.py") for p in needed)
    assert {"resources/locale/nn/LC_MESSAGES/navdesk.mo", "resources/fonts/DejaVuSans-Bold.ttf"} <= needed
    assert needed - bundled == set()
    # nothing but run-time files: no .po sources, no .ts, no caches
    assert not [p for p in bundled if p.endswith((".po", ".pot", ".ts", ".pyc"))]
    for src, _dest in bundle.data_files():
        assert Path(src).is_file()


def test_the_user_guide_and_its_pictures_are_bundled() -> None:
    import re

    bundled = bundle.bundled_paths()
    guide = (ROOT / "docs" / "brukerveiledning.md").read_text(encoding="utf-8")
    pictures = set(re.findall(r"!\[[^\]]*\]\((screenshots/[^)]+)\)", guide))
    assert len(pictures) >= 5
    assert {"docs/brukerveiledning.md"} | {f"docs/{p}" for p in pictures} <= bundled
    assert not any(p.startswith("docs/decisions") for p in bundled)  # only what the guide shows


def test_the_migrations_imports_are_hidden_imports() -> None:
    hidden = set(bundle.hidden_imports())
    assert {"alembic", "alembic.op", "sqlalchemy", "navdesk.db.models", "navdesk.db.base"} <= hidden
    assert "__future__" not in hidden and "tzdata" in hidden
    assert "keyring.backends" in bundle.COLLECT_SUBMODULES and "holidays" in bundle.COLLECT_SUBMODULES


def test_the_spec_reads_the_bundle_list_and_builds_one_folder() -> None:
    spec = (INSTALLERS / "navdesk.spec").read_text(encoding="utf-8")
    assert "import navdesk_bundle as bundle" in spec and "bundle.data_files()" in spec
    assert "COLLECT(" in spec and "upx=False" in spec  # one folder, no UPX (breaks Qt DLLs)
    assert "exclude_binaries=True" in spec
    compile(spec, "navdesk.spec", "exec")


def _recorded(kind: str, *args: object, **kwargs: object) -> dict[str, object]:
    return {"type": kind, "args": args, **kwargs}


def test_version_has_one_source() -> None:
    assert bundle.app_version() == navdesk.__version__
    assert bundle.version_numbers("1.2.0rc1") == (1, 2, 0) and bundle.version_numbers("2") == (2, 0, 0)
    text = bundle.version_info_text()
    major, minor, patch = bundle.version_numbers(navdesk.__version__)
    assert f"filevers=({major}, {minor}, {patch}, 0)" in text and "@" not in text
    # PyInstaller eval()s the file with its version classes; the same with classes that record their arguments
    names = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )
    made = {name: functools.partial(_recorded, name) for name in names}
    info = eval(text, {"__builtins__": {}}, made)
    assert info["type"] == "VSVersionInfo" and info["ffi"]["filevers"] == (major, minor, patch, 0)
    strings = {s["args"][0]: s["args"][1] for s in info["kids"][0]["args"][0][0]["args"][1]}
    assert strings["ProductVersion"] == navdesk.__version__ and strings["OriginalFilename"] == "navdesk.exe"


def test_pyproject_takes_the_version_from_the_package() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "navdesk/__init__.py"
    assert any(
        dep.startswith("pyinstaller>=6") for dep in project["project"]["optional-dependencies"]["package"]
    )


def test_resources_are_found_in_a_frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    assert (
        resources.resource_path("fonts", "DejaVuSans.ttf")
        == tmp_path / "resources" / "fonts" / "DejaVuSans.ttf"
    )


def test_navdesk_version_on_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "navdesk", "--version"], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"NavDesk {navdesk.__version__}"
