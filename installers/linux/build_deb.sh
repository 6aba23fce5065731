#!/usr/bin/env bash
# Build the NavDesk Debian package from the PyInstaller one-folder build:
#   PYTHON=.venv-pkg/bin/python installers/linux/build_deb.sh [--no-pyinstaller]
# writes build/navdesk_<version>_<arch>.deb with
#   /opt/navdesk/                      the one-folder build (navdesk + _internal/)
#   /usr/bin/navdesk                   -> ../../opt/navdesk/navdesk
#   /usr/share/applications/no.navdesk.NavDesk.desktop
#   /usr/share/icons/hicolor/scalable/apps/no.navdesk.NavDesk.svg
#   /usr/share/metainfo/no.navdesk.NavDesk.metainfo.xml   (AppStream)
#   /usr/share/doc/navdesk/copyright
# The desktop file and the AppStream metadata are validated when the tools are installed
# (desktop-file-utils, appstream); otherwise the XML is checked for well-formedness.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
python=${PYTHON:-python3}
build=$root/build
here=$root/installers/linux

if [ "${1:-}" != "--no-pyinstaller" ]; then
  start=$(date +%s)
  "$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$build/dist" --workpath "$build/pyinstaller" installers/navdesk.spec
  echo "build_deb: PyInstaller took $(( $(date +%s) - start )) s"
fi
[ -x "$build/dist/navdesk/navdesk" ] || { echo "build_deb: $build/dist/navdesk/navdesk is missing" >&2; exit 1; }

version=$("$python" -c 'import sys; sys.path.insert(0, "installers"); import navdesk_bundle; print(navdesk_bundle.app_version())')
arch=$(dpkg --print-architecture)
app_id=no.navdesk.NavDesk
stage=$build/deb/navdesk_${version}_${arch}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/metainfo" "$stage/usr/share/doc/navdesk"

cp -a "$build/dist/navdesk" "$stage/opt/navdesk"
ln -s ../../opt/navdesk/navdesk "$stage/usr/bin/navdesk"
install -m 644 "$here/$app_id.desktop" "$stage/usr/share/applications/$app_id.desktop"
icon=$root/resources/icons/navdesk.svg
install -m 644 "$icon" "$stage/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -u +%Y-%m-%d)/" "$here/$app_id.metainfo.xml.in" \
  > "$stage/usr/share/metainfo/$app_id.metainfo.xml"
cat > "$stage/usr/share/doc/navdesk/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: NavDesk

Files: *
Copyright: NavDesk-teamet
License: proprietary
 NavDesk is made for NAV offices and may be used by them.

Files: opt/navdesk/_internal/PySide6/*
License: LGPL-3.0
 Qt and PySide6, installed as separate, replaceable libraries.

Files: opt/navdesk/_internal/resources/fonts/*
License: Bitstream-Vera and public domain (DejaVu fonts), see resources/fonts/LICENSE
EOF

# checks of what desktops and software centres read
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$stage/usr/share/applications/$app_id.desktop"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$stage/usr/share/metainfo/$app_id.metainfo.xml"
elif command -v xmllint >/dev/null; then
  xmllint --noout "$stage/usr/share/metainfo/$app_id.metainfo.xml"
else
  "$python" -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$stage/usr/share/metainfo/$app_id.metainfo.xml"
fi
xmllint --noout "$stage/usr/share/icons/hicolor/scalable/apps/$app_id.svg" 2>/dev/null || true

installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: navdesk
Version: $version
Architecture: $arch
Maintainer: NavDesk-teamet <navdesk@invalid>
Installed-Size: $installed_kb
Depends: libc6 (>= 2.34), libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libdbus-1-3
Recommends: gnome-keyring | kwalletmanager
Section: misc
Priority: optional
Description: Arbeidsverktøy for NAV-veiledere som følger opp ungdom
 NavDesk er for veiledere i små kommuner som følger opp ungdom mellom 16
 og 29 år: portefølje, frister, møtereferat, aktivitetsplan, jobbklubb og
 rapporter. Databasen er kryptert (SQLCipher); nøkkelen ligger i systemets
 nøkkelring, eller en passfrase brukes.
EOF

deb=$build/navdesk_${version}_${arch}.deb
rm -f "$deb"
start=$(date +%s)
# zstd: xz took ~10 min here for a 325 MB tree; zstd a fraction of it (dpkg >= 1.21.18: Debian 12, Ubuntu 22.04)
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-zstd}" -z"${DEB_LEVEL:-9}" --build "$stage" "$deb" >/dev/null
echo "build_deb: dpkg-deb took $(( $(date +%s) - start )) s"
echo "build_deb: $deb ($(du -h "$deb" | cut -f1), installed $(( installed_kb / 1024 )) MB)"
