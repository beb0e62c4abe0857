#!/usr/bin/env bash
# Sets up, builds and opens Cooperation Desk on the built-in demo database.
# Usage: bash packaging/run-demo.sh   (headless machines: xvfb-run -a bash packaging/run-demo.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup-debian.sh
npm --prefix ui run build
cargo build -p coopdesk --locked
exec "${CARGO_TARGET_DIR:-target}/debug/coopdesk" --demo "$@"
