#!/usr/bin/env bash
# Installs the .deb built by packaging/build-packages.sh on this machine, starts the installed app under
# Xvfb on a fresh database, checks that its window paints the case list, and removes the package again.
# Reports the package sizes, the install time and the time from start to first paint.
#
#   bash packaging/test-package.sh            # builds the packages first if there is no .deb yet
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
  bash packaging/build-packages.sh
  deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
fi
rpm=$(ls -t target/release/bundle/rpm/*.rpm 2>/dev/null | head -1 || true)

size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
echo "package sizes:"
echo "  $deb: $(size_mb "$deb") MB"
[ -n "$rpm" ] && echo "  $rpm: $(size_mb "$rpm") MB"

# What the package declares and holds: the command line and the window beside it, a desktop entry and
# icons, nothing under /usr/local.
dpkg-deb --info "$deb" | sed -n 's/^ *\(Package\|Version\|Depends\|Installed-Size\):/  \1:/p'
contents=$(dpkg-deb --contents "$deb")
for path in 'usr/bin/coopdesk$' 'usr/bin/coopdesk-window$' 'usr/share/applications/.*\.desktop$' 'usr/share/icons/hicolor/.*/apps/coopdesk\.png$'; do
  grep -Eq " (\./)?$path" <<<"$contents" || { echo "the package lacks $path" >&2; exit 1; }
done

package=$(dpkg-deb --field "$deb" Package)
tmp=$(mktemp -d)
cleanup() {
  $SUDO env DEBIAN_FRONTEND=noninteractive dpkg -r "$package" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

start=$(date +%s%N)
# apt-get resolves the package's dependencies from the configured Debian mirror, as IT would.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$PWD/$deb" >/dev/null
installed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "install: ${installed_ms} ms"

bin=$(dpkg -L "$package" | grep -E '/usr/bin/coopdesk$')
[ -x "$bin" ] || { echo "the installed binary $bin is missing" >&2; exit 1; }

# The installed command line works on its own database ...
"$bin" --db "$tmp/cases.sqlite" demo >/dev/null
cases=$("$bin" --db "$tmp/cases.sqlite" --json case list | grep -c '"id"' || true)
[ "$cases" -ge 8 ] || { echo "the installed app's demo database has $cases cases" >&2; exit 1; }

# ... and its window opens and paints the case list (the app reports its first paint, then exits).
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
out=$(COOPDESK_MEASURE_STARTUP=exit timeout 60 xvfb-run -a "$bin" --db "$tmp/cases.sqlite" 2>"$tmp/stderr" || true)
if ! grep -q "first paint" <<<"$out"; then
  echo "the installed app did not paint its window:" >&2
  cat "$tmp/stderr" >&2
  exit 1
fi
echo "installed app: $(grep 'first paint' <<<"$out")"
echo "package test passed"
