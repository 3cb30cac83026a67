#!/usr/bin/env bash
# Browser and end-to-end tests of the web app (pop3-tutor):
#   1. wasm-bindgen-test browser tests (tests/browser.rs) in headless Chromium via chromedriver;
#   2. the release site (`trunk build --release` into dist/), served on a loopback port and driven by
#      playwright-core in headless Chromium (tests/e2e/*.mjs).
# Fails loudly (non-zero exit, a message saying what) if a test fails or a tool is missing; the last line is the
# end-to-end summary, "e2e: N passed, N failed".
#
#   scripts/test-web.sh            everything
#   E2E_ONLY=name scripts/test-web.sh   only the end-to-end tests whose name contains "name" (skips step 1)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf '\033[1;31mtest-web: FAILED: %s\033[0m\n' "$*" >&2; exit 1; }
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed (run scripts/install-tools.sh)"; }

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

need cargo; need trunk; need wasm-bindgen; need wasm-bindgen-test-runner; need node
[[ -x $CHROMIUM ]] || fail "Chromium not found at $CHROMIUM (scripts/install-tools.sh installs Debian's chromium)"
[[ -x $CHROMEDRIVER ]] || fail "chromedriver not found at $CHROMEDRIVER (Debian package chromium-driver)"
[[ -x node_modules/.bin/wasm-opt && -d node_modules/playwright-core ]] \
  || fail "node_modules is missing wasm-opt or playwright-core (run scripts/install-tools.sh, which runs npm ci)"
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || fail "rustup target wasm32-unknown-unknown is missing"

# trunk must use exactly the tools installed here (Trunk.toml [tools], offline = true).
locked=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
pinned=$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' Trunk.toml)
installed=$(wasm-bindgen --version | awk '{print $2}')
[[ $locked == "$pinned" ]] || fail "Trunk.toml pins wasm-bindgen $pinned but Cargo.lock has $locked: update Trunk.toml [tools]"
[[ $installed == "$locked" ]] || fail "wasm-bindgen-cli $installed is installed but Cargo.lock has $locked (run scripts/install-tools.sh)"
opt_pinned=$(sed -n 's/^wasm_opt = "version_\(.*\)"/\1/p' Trunk.toml)
wasm-opt --version | grep -q "version $opt_pinned " || fail "wasm-opt on PATH is not version $opt_pinned (npm ci installs binaryen)"

cargo fetch --quiet || fail "cargo fetch"

if [[ -z ${E2E_ONLY:-} ]]; then
  say "browser tests: wasm-bindgen-test in headless Chromium"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test -p pop3-tutor --target wasm32-unknown-unknown --test browser || fail "browser tests (tests/browser.rs)"
fi

say "release build: trunk build --release"
trunk build --release || fail "trunk build --release"
[[ -f dist/index.html ]] && compgen -G 'dist/*.wasm' >/dev/null || fail "dist/ has no index.html or wasm"

say "end-to-end tests: the release site in headless Chromium"
args=(dist)
[[ -n ${E2E_ONLY:-} ]] && args+=(--only "$E2E_ONLY")
E2E_ARTIFACTS=${E2E_ARTIFACTS:-target/e2e} && mkdir -p "$E2E_ARTIFACTS" && export E2E_ARTIFACTS
node tests/e2e/run.mjs "${args[@]}" || fail "end-to-end tests (screenshots of failures in $E2E_ARTIFACTS)"
