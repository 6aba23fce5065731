"""The WiX recipe compiles with Debian's wixl against a stub payload, and the MSI is what IT expects:
per-user (no administrator rights), a Start-menu entry, the version from navdesk/__init__.py, and a
major upgrade (fixed UpgradeCode) that replaces an older NavDesk and refuses a downgrade."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import navdesk
from tests.packaging.bundle import INSTALLERS

pytestmark = pytest.mark.skipif(shutil.which("wixl") is None, reason="wixl (msitools) not installed")
needs_msiinfo = pytest.mark.skipif(shutil.which("msiinfo") is None, reason="msiinfo (msitools) not installed")
UPGRADE_CODE = "{6E2C1F4A-2B7D-4C8E-9A51-3D0F7B6C8E21}"


def _run(*args: str | Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300,
                            env={**os.environ, **(env or {})})  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _run_bytes(*args: str | Path) -> bytes:
    return subprocess.run([str(a) for a in args], capture_output=True, check=True, timeout=60).stdout


def _table(msi: Path, name: str) -> list[dict[str, str]]:
    lines = _run("msiinfo", "export", msi, name).splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[3:]]


@pytest.fixture(scope="module")
def payload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("msi") / "payload"
    _run(INSTALLERS / "windows" / "make_stub_payload.sh", out)
    return out


@pytest.fixture(scope="module")
def msi(payload: Path) -> Path:
    out = payload.parent / "navdesk.msi"
    said = _run(INSTALLERS / "windows" / "build_msi.sh", payload, out)
    assert f"NavDesk {navdesk.__version__}" in said
    return out


def test_the_recipe_compiles_to_an_msi(msi: Path, payload: Path) -> None:
    data = msi.read_bytes()
    assert data[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE compound file, as every MSI is
    assert len(data) > 10_000
    assert (payload / "navdesk.exe").is_file() and (payload / "navdesk-cli.exe").is_file()
    assert (
        payload / "_internal" / "navdesk" / "db" / "migrations" / "versions" / "0001_initial.py"
    ).is_file()


@needs_msiinfo
def test_per_user_start_menu_and_version(msi: Path, payload: Path) -> None:
    props = {row["Property"]: row["Value"] for row in _table(msi, "Property")}
    assert props["ProductName"] == "NavDesk" and props["UpgradeCode"] == UPGRADE_CODE
    assert props["ProductVersion"] == navdesk.__version__
    assert "ALLUSERS" not in props  # per-user: ALLUSERS unset
    summary = _run("msiinfo", "suminfo", msi)
    source = int(summary.split("Source:")[1].split()[0])
    assert source & 8, "the package must not ask for elevation (per-user, no administrator rights)"
    dirs = {row["Directory"]: row for row in _table(msi, "Directory")}
    assert dirs["UserPrograms"]["Directory_Parent"] == "LocalAppDataFolder"
    assert dirs["UserPrograms"]["DefaultDir"] == "Programs" and dirs["INSTALLDIR"]["DefaultDir"] == "NavDesk"
    (shortcut,) = _table(msi, "Shortcut")
    assert shortcut["Directory_"] == "ProgramMenuFolder" and shortcut["Name"] == "NavDesk"
    assert (
        shortcut["Icon_"] == props["ARPPRODUCTICON"] == "navdesk.ico"
    )  # the shortcut and Programs and Features
    assert (
        _run_bytes("msiinfo", "extract", msi, "Icon.navdesk.ico")
        == (INSTALLERS / "windows" / "navdesk.ico").read_bytes()
    )
    assert shortcut["Target"] == "[INSTALLDIR]navdesk.exe"
    registry = _table(msi, "Registry")
    assert {r["Root"] for r in registry} == {"1"}  # HKCU only: nothing machine-wide
    files = _table(msi, "File")
    stub_files = [p for p in payload.rglob("*") if p.is_file()]
    assert len(files) == len(stub_files)
    assert {"navdesk.exe", "navdesk-cli.exe"} <= {f["FileName"].split("|")[-1] for f in files}


@needs_msiinfo
def test_an_older_navdesk_is_upgraded_and_a_newer_one_refuses_the_downgrade(msi: Path, payload: Path) -> None:
    older = payload.parent / "navdesk-old.msi"
    _run(INSTALLERS / "windows" / "build_msi.sh", payload, older, env={"NAVDESK_MSI_VERSION": "0.0.9"})
    old_props = {row["Property"]: row["Value"] for row in _table(older, "Property")}
    new_props = {row["Property"]: row["Value"] for row in _table(msi, "Property")}
    assert old_props["UpgradeCode"] == new_props["UpgradeCode"] == UPGRADE_CODE
    assert (
        old_props["ProductCode"] != new_props["ProductCode"]
    )  # a new product code per build: a major upgrade
    rows = _table(msi, "Upgrade")
    removes = next(r for r in rows if r["ActionProperty"] == "WIX_UPGRADE_DETECTED")
    assert removes["VersionMax"] == navdesk.__version__ and removes["VersionMin"] == ""  # every older version
    refuses = next(r for r in rows if r["ActionProperty"] == "WIX_DOWNGRADE_DETECTED")
    assert refuses["VersionMin"] == navdesk.__version__ and int(refuses["Attributes"]) & 2  # detect only
    sequence = {r["Action"]: int(r["Sequence"]) for r in _table(msi, "InstallExecuteSequence")}
    assert (
        sequence["FindRelatedProducts"] < sequence["RemoveExistingProducts"] < sequence["InstallInitialize"]
    )
    (condition,) = _table(msi, "LaunchCondition")
    assert (
        condition["Condition"] == "NOT WIX_DOWNGRADE_DETECTED" and "nyere versjon" in condition["Description"]
    )
