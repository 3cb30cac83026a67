#!/usr/bin/env bash
# Installs whatever this machine lacks to build, serve and test pop3-tutor. Idempotent: present tools are
# skipped. Everything comes from package registries (crates.io, npm, Debian); nothing is downloaded from
# elsewhere, so trunk is told to use the tools installed here (see Trunk.toml).
#
#   scripts/install-tools.sh          everything (build, serve, all tests)
#   scripts/install-tools.sh web      only what building and serving the site needs
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
need_cmd() { command -v "$1" >/dev/null 2>&1; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if ((${#missing[@]})); then
    say "apt-get install ${missing[*]}"
    local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The version of a crate as Cargo.lock pins it.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

install_web() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
    say "cargo install trunk 0.21.14 (about 9 minutes)"
    cargo install --locked trunk --version 0.21.14
  fi
  local wb; wb=$(locked_version wasm-bindgen)
  if [[ -n $wb ]] && ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
    say "cargo install wasm-bindgen-cli $wb (about 3 minutes)"
    cargo install wasm-bindgen-cli --version "$wb" --force
  fi
  need_cmd node || apt_install nodejs npm
  if [[ -f package-lock.json ]]; then
    [[ -x node_modules/.bin/wasm-opt ]] && [[ node_modules/.package-lock.json -nt package-lock.json ]] || { say "npm ci"; npm ci --no-audit --no-fund --loglevel=error; }
  fi
}

install_test() {
  # Headless Chromium and ChromeDriver (browser and end-to-end tests), real POP3 clients and a real Dovecot
  # (TCP-mode tests, benchmarks), and `openssl s_client` (the TCP mode's TLS tests and the TLS benchmark).
  apt_install chromium chromium-driver curl fetchmail dovecot-pop3d python3 procps openssl
}

case $what in
  web) install_web ;;
  all) install_web; install_test ;;
  *) echo "usage: $0 [all|web]" >&2; exit 2 ;;
esac
