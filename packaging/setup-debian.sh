#!/usr/bin/env bash
# Installs what Cooperation Desk needs to build, run and test on Debian 12 / Ubuntu, given Rust and Node.
# Idempotent: installs only what is missing. Usage: bash packaging/setup-debian.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

APT_PACKAGES=(
  build-essential pkg-config file libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver dbus-x11 poppler-utils imagemagick
  # Partner names in Chinese characters: without a CJK font the window shows empty boxes.
  fonts-noto-cjk
  # Team mode's tests run against a real PostgreSQL: pg_virtualenv (postgresql-common) starts a
  # throw-away cluster of the server (postgresql) for one command.
  postgresql postgresql-common
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # `env` because sudo resets the environment: apt must not stop to ask questions.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js with npm is required" >&2; exit 1; }

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "installing UI packages (npm ci)"
  npm --prefix ui ci --no-audit --no-fund
fi

if ! command -v tauri-driver >/dev/null; then
  say "installing tauri-driver (WebDriver bridge for the end-to-end tests)"
  cargo install tauri-driver --version '^2' --locked
fi
say "setup complete"
