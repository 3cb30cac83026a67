#!/usr/bin/env bash
# Builds the POP3 tutor and serves it together with a WebSocket bridge restricted to the given mail servers,
# in one command (real-server mode; see README, "WebSocket bridge"):
#   scripts/serve-bridge.sh --allow pop.example.com:110 --allow pop.example.com:995
# Listens on 127.0.0.1:8110 (LISTEN=0.0.0.0:8110 for others to reach it); prints the address to open. Any
# further arguments go to `pop3-tutor-server bridge` (--origin, --trust-ca, limits, …).
# The bridge answers only requests addressed to an IP address, localhost, or a name given with --public-host
# (against DNS rebinding). With LISTEN=0.0.0.0:… the machine's names (`hostname -f`, `hostname`) are passed
# as --public-host, so a class may open http://THIS-MACHINE:8110/; PUBLIC_HOST="tutor.example.com other.name"
# adds names (a DNS alias, the name behind a reverse proxy) and the first is the one printed.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ " $* " == *" --allow "* || " $* " == *" --allow-file "* ]] \
  || { echo "usage: $0 --allow HOST:PORT [--allow HOST:PORT]... [bridge options]" >&2; exit 2; }
scripts/install-tools.sh web
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo fetch --quiet
trunk build --release
cargo build --quiet --release -p pop3-tutor-server
listen=${LISTEN:-127.0.0.1:8110}
host=${listen%:*}
public=()
if [[ $host == 0.0.0.0 || $host == "[::]" ]]; then
  host=$(hostname -f 2>/dev/null || echo localhost)
  for name in "$host" "$(hostname 2>/dev/null)"; do
    [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9.-]*$ ]] && public+=(--public-host "$name")
  done
fi
read -r -a names <<< "${PUBLIC_HOST:-}"
if (( ${#names[@]} )); then
  host=${names[0]}
  for name in "${names[@]}"; do public+=(--public-host "$name"); done
fi
printf '\n\033[1mPOP3 tutor in real-server mode: open http://%s:%s/?bridge=ws://%s:%s/bridge (Ctrl+C stops)\033[0m\n\n' \
  "$host" "${listen##*:}" "$host" "${listen##*:}"
exec target/release/pop3-tutor-server bridge --listen "$listen" --static dist ${public[@]+"${public[@]}"} "$@"
