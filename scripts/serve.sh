#!/usr/bin/env bash
# Builds the POP3 tutor (release) and serves it on http://127.0.0.1:8080/ (PORT=... for another port).
# Installs what is missing first (scripts/install-tools.sh web). dist/ is a plain static site: any static
# host can serve it, from its root or from a sub-path. After one visit the tutor works offline (its service
# worker); POP3_OFFLINE=0 scripts/serve.sh builds it without one, for development (README, "Offline and
# installable").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh web
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo fetch --quiet
trunk build --release
port=${PORT:-8080}
printf '\n\033[1mPOP3 tutor: open http://127.0.0.1:%s/ (Ctrl+C stops)\033[0m\n' "$port"
printf 'The embed for help articles: http://127.0.0.1:%s/embed.html?scenario=seed\n' "$port"
printf 'A sample help article that embeds it: http://127.0.0.1:%s/examples/help-article/\n\n' "$port"
exec node tests/e2e/static-server.mjs dist "$port"
