#!/usr/bin/env bash
# Measures the cold start of the window (process start to the first paint of the start page, the dashboard) and the idle
# memory of all the app's processes (the app and WebKit's web and network processes, proportional set
# size), on the demo database under Xvfb, with the release build.
#
#   bash packaging/measure-startup.sh [RUNS]
#
# The app reports the first paint itself (COOPDESK_MEASURE_STARTUP, see src-tauri/src/commands.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

(cd ui && npm run build >/dev/null)
cargo build --release --locked -p coopdesk
bin=$PWD/target/release/coopdesk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" 2>/dev/null || true' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export WEBKIT_DISABLE_DMABUF_RENDERER=1
"$bin" --db "$tmp/demo.sqlite" demo >/dev/null
# One start to warm the file cache, as a user's second start would be.
COOPDESK_MEASURE_STARTUP=exit xvfb-run -a "$bin" --db "$tmp/demo.sqlite" >/dev/null

echo "cold start to first paint ($runs runs):"
for _ in $(seq 1 "$runs"); do
  COOPDESK_MEASURE_STARTUP=exit xvfb-run -a "$bin" --db "$tmp/demo.sqlite" | grep "first paint"
done

# Idle memory: start, wait for the first paint and 3 s more, then add up the PSS of the process tree.
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
COOPDESK_MEASURE_STARTUP=stay xvfb-run -a "$bin" --db "$tmp/demo.sqlite" >"$tmp/out" 2>/dev/null &
runner=$!
for _ in $(seq 1 100); do grep -q "first paint" "$tmp/out" && break; sleep 0.1; done
sleep 3
app=$(pgrep -n -f "$bin --db $tmp/demo.sqlite" || true)
total=0
for p in $app $(descendants "$app"); do
  kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
  printf '  %-28s %6d kB\n' "$(tr -d '\0' <"/proc/$p/comm" 2>/dev/null)" "${kb:-0}"
  total=$((total + ${kb:-0}))
done
echo "idle memory (PSS, all processes): $((total / 1024)) MB"
kill "$app" 2>/dev/null || true
wait "$runner" 2>/dev/null || true
