#!/usr/bin/env bash
# Runs every test of pop3-tutor: the README's test command, and what .ci/run calls.
#   1. installs what a fresh machine lacks (scripts/install-tools.sh);
#   2. static checks (rustfmt, clippy, rustdoc with warnings as errors);
#   3. native tests of the whole workspace: the simulator core (reference transcripts, tables, properties,
#      bad input) and the TCP mode (the same transcripts over TCP, Python's poplib, curl, fetchmail);
#   4. a bounded fuzz run of the core (scripts/fuzz.sh);
#   5. the browser tests (wasm-bindgen-test in headless Chromium) and the end-to-end tests of the release
#      site (scripts/test-web.sh).
# Any failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m=== %s\033[0m\n' "$*"; }

step "tools"
scripts/install-tools.sh all

step "static checks"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

step "native tests (cargo test --workspace)"
cargo test --workspace --locked

step "bounded fuzz run of the core"
scripts/fuzz.sh 30

step "browser and end-to-end tests"
scripts/test-web.sh
