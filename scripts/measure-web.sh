#!/usr/bin/env bash
# Builds the release site and an empty Yew app the same way, then measures in headless Chromium (figures, not
# tests): transfer size, time to an interactive console relative to the empty app, keystroke-to-reply latency
# with 10 000 lines of scrollback, and rendering RETR of a 5 MB message. See tests/perf/measure.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
cargo fetch --quiet
trunk build --release >/dev/null 2>&1 || trunk build --release
empty_dist=target/perf/empty-yew-dist
(cd tests/perf/empty-yew && cp ../../../Cargo.lock ../../../Trunk.toml . && CARGO_TARGET_DIR="$PWD/../../../target/perf/empty-yew" \
  trunk build --release --dist "../../../$empty_dist" >/dev/null 2>&1) \
  || { echo "measure-web: building the empty Yew app failed" >&2; exit 1; }
node tests/perf/measure.mjs dist "$empty_dist"
