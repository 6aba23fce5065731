"""What the PyInstaller build bundles besides the Python modules it finds by itself.

Read by ``installers/navdesk.spec`` and by ``tests/packaging`` (which checks that every migration,
catalogue, font and icon in the checkout is in the list). Only the standard library is imported
here, so the tests run without PyInstaller installed.

Inside the bundle (``sys._MEIPASS``, the ``_internal`` folder of the one-folder build):

- ``resources/`` — fonts, compiled catalogues (``*.mo``), Qt's Norwegian ``*.qm``, icons; found
  at run time by ``navdesk.resources.resources_dir``;
- ``docs/`` — the user guide (Hjelp → Brukerveiledning) and the screenshots it shows, found by
  ``navdesk.resources.docs_dir``;
- ``navdesk/db/migrations/`` — Alembic's ``env.py`` and the revision files *as source files*
  (Alembic loads them from ``script_location``; ``navdesk.db.revisions`` reads them as text).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "navdesk"

RESOURCE_PATTERNS = (
    "fonts/*.ttf",
    "fonts/LICENSE",
    "locale/*/LC_MESSAGES/*.mo",
    "qt/*.qm",
    "icons/**/*.svg",
    "icons/**/*.png",
    "icons/**/*.ico",
)
MIGRATION_PATTERNS = ("env.py", "script.py.mako", "alembic.ini", "versions/*.py")

# Modules loaded by name at run time, which PyInstaller's import analysis cannot see.
HIDDEN_IMPORTS = (
    "alembic.context",
    "alembic.op",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg_binary",
    "sqlcipher3.dbapi2",
    "tzdata",  # zoneinfo falls back to it (Windows has no system time-zone database); its hook adds the data
    "navdesk.db.models",  # imported by migrations/env.py, which is loaded as a file
)
# Packages whose submodules are imported by name (holidays: one module per country; keyring: backends).
COLLECT_SUBMODULES = ("holidays", "keyring.backends")
# Packages whose data files are needed (holidays' translated names; the rest have PyInstaller hooks).
COLLECT_DATA = ("holidays",)
# Packages whose metadata (entry points) is read at run time.
COPY_METADATA = ("keyring",)
EXCLUDES = ("tkinter", "pytest", "hypothesis", "mypy", "ruff", "importlinter", "IPython")


def _files(base: Path, patterns: tuple[str, ...]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in base.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


GUIDE = "brukerveiledning.md"
_PICTURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def guide_files(root: Path = ROOT) -> list[Path]:
    """The user guide and every picture it shows (not the other screenshots in ``docs/``)."""
    guide = root / "docs" / GUIDE
    pictures = {guide.parent / ref for ref in _PICTURE.findall(guide.read_text(encoding="utf-8"))}
    return [guide, *sorted(p for p in pictures if p.is_file())]


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source file, folder inside the bundle)`` pairs for PyInstaller's ``datas``."""
    pairs: list[tuple[str, str]] = []
    docs = root / "docs"
    for path in guide_files(root):
        pairs.append((str(path), str(Path("docs") / path.parent.relative_to(docs))))
    resources = root / "resources"
    for path in _files(resources, RESOURCE_PATTERNS):
        pairs.append((str(path), str(Path("resources") / path.parent.relative_to(resources))))
    migrations = root / "navdesk" / "db" / "migrations"
    for path in _files(migrations, MIGRATION_PATTERNS):
        pairs.append((str(path), str(path.parent.relative_to(root))))
    return pairs


def bundled_paths(root: Path = ROOT) -> set[str]:
    """Where each data file ends up inside the bundle (``resources/fonts/DejaVuSans.ttf`` …)."""
    return {str(Path(dest) / Path(src).name) for src, dest in data_files(root)}


def migration_imports(root: Path = ROOT) -> list[str]:
    """The modules the migration files import: they are loaded from files, so PyInstaller never sees them."""
    names: set[str] = set()
    for path in _files(root / "navdesk" / "db" / "migrations", ("env.py", "versions/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    names.discard("__future__")
    return sorted(names)


def hidden_imports(root: Path = ROOT) -> list[str]:
    return sorted(set(HIDDEN_IMPORTS) | set(migration_imports(root)))


def app_version(root: Path = ROOT) -> str:
    """``navdesk.__version__``, read as text (the one source of truth; hatch reads it the same way)."""
    text = (root / "navdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if match is None:
        raise RuntimeError("navdesk/__init__.py has no __version__")
    return match.group(1)


def version_numbers(version: str) -> tuple[int, int, int]:
    """``major.minor.patch`` as numbers (Windows version resources and MSI accept nothing else)."""
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])[:3]] + [0, 0, 0]
    return parts[0], parts[1], parts[2]


def version_info_text(root: Path = ROOT) -> str:
    """``installers/windows/version_info.txt`` with this version filled in (PyInstaller's ``version=``)."""
    version = app_version(root)
    major, minor, patch = version_numbers(version)
    template = (root / "installers" / "windows" / "version_info.txt").read_text(encoding="utf-8")
    return (
        template.replace("@VERSION_TUPLE@", f"({major}, {minor}, {patch}, 0)")
        .replace("@VERSION_DOTTED@", f"{major}.{minor}.{patch}.0")
        .replace("@VERSION@", version)
    )
