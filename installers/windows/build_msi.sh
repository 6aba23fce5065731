#!/usr/bin/env bash
# Build the NavDesk MSI with wixl (msitools) from a PyInstaller folder:
#   installers/windows/build_msi.sh PAYLOAD_DIR OUT.msi
# PAYLOAD_DIR is dist/navdesk from PyInstaller on Windows (or make_stub_payload.sh's stand-in).
# The version comes from navdesk/__init__.py (the one source of truth), as numbers only (MSI).
set -euo pipefail
payload=${1:?usage: build_msi.sh PAYLOAD_DIR OUT.msi}
msi=${2:?usage: build_msi.sh PAYLOAD_DIR OUT.msi}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
# NAVDESK_MSI_VERSION overrides it (tests build an "older" MSI to check the upgrade wiring)
version=${NAVDESK_MSI_VERSION:-}
[ -n "$version" ] || version=$(cd "$here/../.." && "$python" -c 'import sys; sys.path.insert(0, "installers")
import navdesk_bundle as b
print(".".join(map(str, b.version_numbers(b.app_version()))))')
[ -f "$payload/navdesk.exe" ] || { echo "build_msi: $payload/navdesk.exe is missing" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
payload_abs=$(cd "$payload" && pwd)
# one component per file, under INSTALLDIR, in the component group the recipe's feature refers to
find "$payload_abs" -type f | LC_ALL=C sort \
  | wixl-heat -p "$payload_abs/" --directory-ref INSTALLDIR --component-group CG.Payload --var var.SourceDir > "$work/payload.wxs"
msi_abs=$(cd "$(dirname "$msi")" && pwd)/$(basename "$msi")
# wixl wants relative source paths: it runs in the work folder, with the payload linked and the icon copied there
ln -s "$payload_abs" "$work/payload"
cp "$here/navdesk.ico" "$work/navdesk.ico"
(cd "$work" && wixl --arch x64 -D Version="$version" -D SourceDir=payload -D IconFile=navdesk.ico \
   -o "$msi_abs" "$here/navdesk.wxs" payload.wxs)
echo "MSI: $msi (NavDesk $version)"
