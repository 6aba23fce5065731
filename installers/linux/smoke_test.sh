#!/usr/bin/env bash
# Smoke-test a built NavDesk .deb: unpack it into a temporary root (dpkg -x, no root rights needed)
# and run the FROZEN program from there, offscreen, in a clean environment (no PYTHONPATH, no venv):
#   installers/linux/smoke_test.sh build/navdesk_<version>_<arch>.deb
# 1. the package holds the program, /usr/bin/navdesk, the desktop file, icon and AppStream metadata;
# 2. `navdesk --version` says this version;
# 3. `navdesk smoke-test`: encrypted database (NAVDESK_PASSPHRASE), upgrade of the previous schema's
#    database (tests/fixtures, copied first), the keyring backend found, time-zone/holiday/Babel data,
#    a meeting summary PDF with æøå and Sami letters read back with pdftotext;
# 4. the same summary printed through the real command line (`navdesk print summary`), read back;
#    then once more inside a throwaway D-Bus session with gnome-keyring (when installed), keying a
#    database through the Secret Service keyring;
# 5. `navdesk check` on the encrypted database;
# 6. the desktop application opens that database and paints its first screen (offscreen; and on X11
#    under Xvfb when xvfb-run is installed), then quits.
# Exit code 0 when everything passed. The log is written to build/smoke-test.log as well.
set -euo pipefail
deb=${1:?usage: smoke_test.sh NAVDESK.deb}
cd "$(dirname "$0")/../.."
root=$PWD
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
work=$(mktemp -d /tmp/navdesk-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
log=$root/build/smoke-test.log
exec > >(tee "$log") 2>&1

fail() { echo "SMOKE: FAILED: $*"; exit 1; }

echo "SMOKE: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -x "$deb" "$work/root"
for f in usr/bin/navdesk opt/navdesk/navdesk usr/share/applications/no.navdesk.NavDesk.desktop \
         usr/share/icons/hicolor/scalable/apps/no.navdesk.NavDesk.svg usr/share/metainfo/no.navdesk.NavDesk.metainfo.xml \
         opt/navdesk/_internal/navdesk/db/migrations/env.py opt/navdesk/_internal/resources/fonts/DejaVuSans.ttf; do
  [ -e "$work/root/$f" ] || fail "$f is not in the package"
done
echo "SMOKE: package contents ok ($(find "$work/root/opt/navdesk" -type f | wc -l) files under /opt/navdesk)"

bin=$work/root/usr/bin/navdesk
mkdir -p "$work/home/.cache" "$work/home/.local/share"
passphrase='røyktest-passfrase-æøå'
run() {  # the frozen program in a clean environment: no Python, no display, a throwaway home
  env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    NAVDESK_DATA_DIR="$work/data" NAVDESK_PASSPHRASE="$passphrase" "$@"
}

said=$(run "$bin" --version)
expected="NavDesk $(python3 -c 'import sys; sys.path.insert(0, "installers"); import navdesk_bundle; print(navdesk_bundle.app_version())')"
[ "$said" = "$expected" ] || fail "--version said '$said', expected '$expected'"
echo "SMOKE: $bin --version: $said"

mkdir -p "$work/old"
cp tests/fixtures/navdesk-0006_clubs.db "$work/old/"
run "$bin" smoke-test --out "$work/out" --upgrade-from "$work/old/navdesk-0006_clubs.db" || fail "navdesk smoke-test"

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  # once more with a real (throwaway) Secret Service keyring, as on a desktop: keyring's SecretService
  # backend, D-Bus (jeepney) and cryptography must work frozen; a database is keyed through it
  run timeout 300 dbus-run-session -- sh -c 'echo -n smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$0" smoke-test --out "$1" --use-keyring' "$bin" "$work/out-keyring" 2> >(grep -v "fd limit" >&2) \
    | grep -E "^(ok|FAIL) +keyring|^SMOKE TEST" | sed 's/^/SMOKE: with gnome-keyring: /'
  grep -q "^ok   keyring db" "$work/out-keyring/smoke-test.txt" || fail "the database keyed through the Secret Service keyring"
else
  echo "SMOKE: gnome-keyring/dbus-run-session not installed: the Secret Service keyring was not tried"
fi

meeting=$(sed -n 's/.*; meeting \([0-9a-f-]*\)$/\1/p' "$work/out/smoke-test.txt")
[ -n "$meeting" ] || fail "no meeting id in the smoke test's output"
run "$bin" print summary "${meeting:0:8}" --db "$work/out/smoke.db" --out "$work/out/cli-summary.pdf" --user KN \
  || fail "navdesk print summary"
text=$(pdftotext -enc UTF-8 "$work/out/cli-summary.pdf" - | tr '\n' ' ')
for want in "Møtereferat" "Áigi" "Čáhppes-Ŋuolja" "æ ø å Æ Ø Å" "Ŋ ŋ Ŧ ŧ Ž ž Đ đ"; do
  [[ $text == *"$want"* ]] || fail "'$want' is not in the printed summary"
done
echo "SMOKE: navdesk print summary ${meeting:0:8}: PDF text has Møtereferat, Áigi Čáhppes-Ŋuolja, æøå, Ŋ ŧ ž Đ"

run "$bin" check --db "$work/out/smoke.db" | sed 's/^/SMOKE: check: /'

ready=$(run env NAVDESK_BENCH_READY=1 timeout 120 "$bin" --db "$work/out/smoke.db" --user KN) || fail "the desktop application (offscreen)"
[[ $ready == NAVDESK_READY* ]] || fail "the desktop application did not paint: $ready"
echo "SMOKE: desktop application (offscreen) opened the encrypted database and painted the portfolio"
if command -v xvfb-run >/dev/null; then
  ready=$(run env QT_QPA_PLATFORM=xcb NAVDESK_BENCH_READY=1 xvfb-run -a timeout 120 "$bin" --db "$work/out/smoke.db" --user KN) \
    || fail "the desktop application on X11 (Xvfb)"
  [[ $ready == *NAVDESK_READY* ]] || fail "the desktop application did not paint on X11: $ready"
  echo "SMOKE: desktop application (X11 under Xvfb, the xcb plugin) painted the portfolio"
fi
echo "SMOKE: ALL PASSED"
