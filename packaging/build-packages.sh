#!/usr/bin/env bash
# Builds the Linux packages of Cooperation Desk: .deb and .rpm always, the AppImage when its tools are
# available offline (see below). Windows (MSI, NSIS) and macOS (.app, .dmg) packages are configured in
# src-tauri/tauri.conf.json and built by the same command on those systems (packaging/README.md,
# .github/workflows/release.yml).
#
#   bash packaging/build-packages.sh [--appimage]
#
# Output: target/release/bundle/{deb,rpm,appimage}/ and a size summary.
set -euo pipefail
cd "$(dirname "$0")/.."

appimage=false
for arg in "$@"; do
  case "$arg" in
    --appimage) appimage=true ;;
    *) echo "usage: bash packaging/build-packages.sh [--appimage]" >&2; exit 2 ;;
  esac
done

bash packaging/setup-debian.sh >/dev/null
npm --prefix ui run build >/dev/null

bundles="deb,rpm"
if $appimage; then
  # Tauri's AppImage bundler downloads linuxdeploy and its GTK plugin from GitHub unless they are in its
  # tool cache. On an air-gapped build machine, put them there first (packaging/README.md lists the files).
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/tauri"
  if [ -x "$cache/linuxdeploy-x86_64.AppImage" ] && [ -f "$cache/linuxdeploy-plugin-gtk.sh" ]; then
    bundles="$bundles,appimage"
  else
    echo "AppImage skipped: linuxdeploy is not in $cache (this machine cannot download it); see packaging/README.md" >&2
  fi
fi

# The CLI comes from ui/node_modules (@tauri-apps/cli, a prebuilt binary from the npm registry), so
# nothing is compiled or downloaded besides what `npm ci` fetched.
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles "$bundles" --ci)

echo
echo "packages:"
for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm target/release/bundle/appimage/*.AppImage; do
  [ -f "$f" ] || continue
  printf "  %-70s %6.1f MB\n" "$f" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1048576 }')"
done
