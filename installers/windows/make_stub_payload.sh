#!/usr/bin/env bash
# A stand-in for the Windows PyInstaller folder, so the MSI recipe can be compiled and checked on
# Linux: files with the names the real build has (the two programs, Python and Qt DLLs, the Qt
# platform plugin, SQLCipher, and every data file installers/navdesk_bundle.py bundles), each holding
# one line of text. The real payload is dist\navdesk from PyInstaller on Windows (installers/README.md).
#   installers/windows/make_stub_payload.sh OUT_DIR
set -euo pipefail
out=${1:?usage: make_stub_payload.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
rm -rf "$out"
mkdir -p "$out"
files=(
  navdesk.exe
  navdesk-cli.exe
  _internal/python311.dll
  _internal/base_library.zip
  _internal/VCRUNTIME140.dll
  _internal/PySide6/Qt6Core.dll
  _internal/PySide6/Qt6Gui.dll
  _internal/PySide6/Qt6Widgets.dll
  _internal/PySide6/Qt6Pdf.dll
  _internal/PySide6/plugins/platforms/qwindows.dll
  _internal/PySide6/plugins/platforms/qoffscreen.dll
  _internal/sqlcipher3/_sqlite3.cp311-win_amd64.pyd
  _internal/tzdata/zoneinfo/Europe/Oslo
)
while IFS= read -r line; do files+=("_internal/$line"); done < <(
  cd "$here/../.." && "$python" -c 'import sys; sys.path.insert(0, "installers")
import navdesk_bundle
print("\n".join(sorted(navdesk_bundle.bundled_paths())))')
for f in "${files[@]}"; do
  mkdir -p "$out/$(dirname "$f")"
  printf 'NavDesk stub payload: %s\n' "$f" > "$out/$f"
done
echo "stub payload: ${#files[@]} files in $out"
