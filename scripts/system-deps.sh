#!/usr/bin/env bash
# Debian/Ubuntu packages NavDesk needs to run and to be tested: Qt's X11/EGL libraries, fonts,
# PostgreSQL (the test suite starts its own server), poppler-utils (PDF checks), Xvfb, and the
# installer tools (wixl/msitools for the MSI recipe, appstream and desktop-file-utils for the .deb).
# Installs what is missing when run as root (or with sudo); otherwise says what to install.
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libdbus-1-3
          libfontconfig1 fonts-dejavu-core postgresql poppler-utils xvfb
          wixl msitools appstream desktop-file-utils libxml2-utils gnome-keyring)  # the last six: installers (make package, tests/packaging)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt 6 runtime libraries and PostgreSQL yourself."; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "system-deps: please install: ${missing[*]}"; exit 1; fi
echo "system-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
