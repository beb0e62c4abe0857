#!/usr/bin/env bash
# Sets up and runs every check and test of Cooperation Desk, failing at the first failure.
# Usage: bash packaging/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${CI:-}" ] && export CARGO_TERM_COLOR=never
# Tests never touch a user's real data directory.
export COOPDESK_DATA_DIR="${COOPDESK_DATA_DIR:-$(mktemp -d)}"

step() { printf '\n======== %s ========\n' "$*"; }

step "setup"
bash packaging/setup-debian.sh

step "UI: type and accessibility check (svelte-check)"
npm --prefix ui run check
step "UI: unit tests (vitest)"
npm --prefix ui test
step "UI: build"
npm --prefix ui run build

step "Rust: formatting"
cargo fmt --all --check
step "Rust: clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Only src-tauri depends on tauri"
for crate in coopdesk-core coopdesk-store coopdesk-app coopdesk-cli; do
  if cargo tree -p "$crate" -e normal --locked --prefix none | grep -Eq '^tauri( |-)'; then
    echo "$crate depends on tauri; only src-tauri may" >&2
    exit 1
  fi
done

step "Rust: tests (unit, store, CLI contract, generated types)"
cargo test --workspace --locked

step "End to end: the real window over WebDriver under Xvfb"
xvfb-run -a cargo test -p coopdesk --test e2e --locked -- --ignored --test-threads=1
