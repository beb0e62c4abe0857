#!/usr/bin/env bash
# Sets up and runs every check and test of Cooperation Desk, failing at the first failure.
# Usage: bash packaging/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# Plain logs under CI: Cargo's own switch, and NO_COLOR for the npm tools (svelte-check, vitest).
if [ -n "${CI:-}" ]; then export CARGO_TERM_COLOR=never NO_COLOR=1; fi
# Tests never touch a user's real data directory.
export COOPDESK_DATA_DIR="${COOPDESK_DATA_DIR:-$(mktemp -d)}"

current="setup"
step() { current="$*"; printf '\n======== %s ========\n' "$*"; }
fail() { printf '\n======== FAILED: %s ========\n' "$current" >&2; }
# Any failing command ends the run (set -e); say which step it was, last thing on the screen.
trap fail ERR

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
for crate in coopdesk-core coopdesk-assess coopdesk-screen coopdesk-brief coopdesk-store coopdesk-app coopdesk-cli; do
  # Captured first: with pipefail, `cargo tree | grep -q` can report the SIGPIPE of an early match.
  tree="$(cargo tree -p "$crate" -e normal --locked --prefix none)"
  if grep -Eq '^tauri( |-)' <<<"$tree"; then
    echo "$crate depends on tauri; only src-tauri may (see: cargo tree -p $crate -i tauri)" >&2
    false
  fi
done

step "The store holds SQL only: coopdesk-store depends on coopdesk-core alone"
store_deps="$(cargo tree -p coopdesk-store -e normal --locked --prefix none --depth 1 | grep -E '^coopdesk-' | grep -v '^coopdesk-store ' || true)"
if [ "$store_deps" != "$(cargo tree -p coopdesk-core -e normal --locked --prefix none --depth 0)" ]; then
  printf 'coopdesk-store may depend on coopdesk-core only; it depends on:\n%s\n' "$store_deps" >&2
  false
fi

step "Rust: tests (unit, store, CLI contract, generated types)"
cargo test --workspace --locked

step "Team mode: the store and the CLI against a real PostgreSQL (a throw-away cluster from pg_virtualenv)"
# The tests are #[ignore]d in plain runs (they need a server) and fail, never skip, without one.
# One thread: the group roles they create are shared by the whole cluster.
# The store's engine-neutral tests and the engine-neutral CLI contract tests (Env::new_any) run once
# more with COOPDESK_TEST_PG: each of their databases is then a fresh team database on the server.
pg_virtualenv -- bash -c 'cargo test -p coopdesk-store --features team --test team --locked -- --ignored --test-threads=1 &&
  COOPDESK_TEST_PG=1 cargo test -p coopdesk-store --features team --locked --test store --test concurrency --test decisions --test dashboard &&
  COOPDESK_TEST_PG=1 cargo test -p coopdesk --test cli --locked &&
  cargo test -p coopdesk --test cli --locked -- --ignored --test-threads=1 team::'

step "End to end: the real window over WebDriver under Xvfb"
# The team_ tests need a PostgreSQL server too: they run in the next step.
xvfb-run -a cargo test -p coopdesk --test e2e --locked -- --ignored --test-threads=1 --skip team_

step "End to end: the window on a team database (Xvfb and a throw-away PostgreSQL cluster)"
pg_virtualenv -- xvfb-run -a cargo test -p coopdesk --test e2e --locked -- --ignored --test-threads=1 team_

step "Packages: build the .deb and .rpm, install the .deb, start the installed app"
bash packaging/build-packages.sh
bash packaging/test-package.sh
