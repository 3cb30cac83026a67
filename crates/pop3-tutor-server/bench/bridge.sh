#!/usr/bin/env bash
# Benchmark the WebSocket bridge against websockify (PyPI) and direct TCP, all to the same Dovecot on loopback.
#
#   sudo bash crates/pop3-tutor-server/bench/bridge.sh        (root: Dovecot runs as root and drops privileges)
#
# What it does, in one run:
#  1. builds pop3-tutor-server and pop3-tutor-bench (release), installs websockify from PyPI into a virtualenv
#     under target/ (once), and dovecot-pop3d with apt-get when missing;
#  2. starts a Dovecot from bench/dovecot/ (the reference maildrop plus one message of BIG_MB MiB), the bridge
#     allowing only that Dovecot, and websockify forwarding to it;
#  3. RUNS rounds, alternating direct TCP, the bridge, websockify and socat within each round; each is one
#     `pop3-tutor-bench relay` session (after a warm-up one): login, NOOPS NOOPs one at a time (round-trip
#     times: the median is the sample), RETR of the big message (octets / time from the command to the final
#     `.`), QUIT. Prints per-round figures, then the medians: NOOP round trip and the latency each relay adds to
#     direct TCP, RETR throughput, and the two target ratios of issue 5 (bridge throughput / websockify's,
#     bridge added latency / websockify's). socat, forwarding plain TCP (no WebSocket at all), is the floor:
#     the latency of the two extra loopback hops any relay adds on this machine;
#  4. memory: SESSIONS logged-in sessions held through the bridge (its RSS growth per session), and
#     WSFY_SESSIONS through websockify (its processes' RSS growth per session: websockify forks a process per
#     client, so it is measured with fewer);
#  5. stops everything and removes the scratch directory.
#
# The client is the same Rust code for all three paths (tokio, one connection, TCP_NODELAY); the bridge runs
# with RUST_LOG=warn, websockify without --verbose. Traffic stays on 127.0.0.1.
# Tunables (environment): RUNS=5 NOOPS=200 BIG_MB=50 SESSIONS=1000 WSFY_SESSIONS=100
#   DOVECOT_PORT=21121 BRIDGE_PORT=21122 WSFY_PORT=21123 SOCAT_PORT=21124.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
WORKSPACE=$(cd "$HERE/../../.." && pwd)
RUNS=${RUNS:-5}
NOOPS=${NOOPS:-200}
BIG_MB=${BIG_MB:-50}
SESSIONS=${SESSIONS:-1000}
WSFY_SESSIONS=${WSFY_SESSIONS:-100}
DOVECOT_PORT=${DOVECOT_PORT:-21121}
BRIDGE_PORT=${BRIDGE_PORT:-21122}
WSFY_PORT=${WSFY_PORT:-21123}
SOCAT_PORT=${SOCAT_PORT:-21124}

[ "$(id -u)" = 0 ] || { echo "run as root (Dovecot needs it)" >&2; exit 1; }
command -v dovecot >/dev/null || apt-get install -y dovecot-pop3d >/dev/null
command -v socat >/dev/null || apt-get install -y socat >/dev/null
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$WORKSPACE/target}
VENV=$CARGO_TARGET_DIR/bench-venv
if [ ! -x "$VENV/bin/websockify" ]; then
  echo "== installing websockify (PyPI) into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet websockify
fi
echo "== building (release) into $CARGO_TARGET_DIR"
(cd "$WORKSPACE" && cargo build --quiet --release -p pop3-tutor-server --bins)
BIN=$CARGO_TARGET_DIR/release

SCRATCH=$(mktemp -d /tmp/pop3-bridge-bench.XXXXXX)
chmod 755 "$SCRATCH"
BRIDGE=""; WSFY=""; SOCAT=""
cleanup() {
  stop "$BRIDGE"
  stop "$WSFY"
  stop "$SOCAT"
  stop_dovecot_and_clean "$SCRATCH"
}
trap cleanup EXIT

echo "== Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$DOVECOT_PORT with a $BIG_MB MiB message 4"
sh "$HERE/dovecot/setup.sh" "$SCRATCH/dovecot" "$DOVECOT_PORT"
sed -i 's/^instance_name = pop3bench$/instance_name = pop3bridgebench/' "$SCRATCH/dovecot/dovecot.conf"
MD=$SCRATCH/dovecot/mail/tester/Maildir
{
  printf 'From: bench@example.com\r\nTo: tester@example.com\r\nSubject: %s MiB\r\n\r\n' "$BIG_MB"
  # Lines of 76 base64 characters: no line starts with a dot, so the octets on the wire equal the file's.
  head -c $((BIG_MB * 1024 * 1024 * 3 / 4)) /dev/urandom | base64 -w 76 | sed 's/$/\r/'
} > "$SCRATCH/big.eml"
SIZE=$(wc -c < "$SCRATCH/big.eml" | tr -d ' ')
BASE="1700000004.M4P1000.pop3ref,S=$SIZE,W=$SIZE"
mv "$SCRATCH/big.eml" "$MD/cur/$BASE:2,"
sed -i '1s/ N4$/ N5/' "$MD/dovecot-uidlist"
echo "4 :$BASE" >> "$MD/dovecot-uidlist"
chown -R "$(stat -c %u:%g "$MD")" "$MD"
dovecot -c "$SCRATCH/dovecot/dovecot.conf"
wait_port "$DOVECOT_PORT"
sleep 1

echo "== bridge on 127.0.0.1:$BRIDGE_PORT, websockify $("$VENV/bin/pip" show websockify 2>/dev/null | sed -n 's/^Version: //p') on 127.0.0.1:$WSFY_PORT"
RUST_LOG=warn "$BIN/pop3-tutor-server" bridge --listen "127.0.0.1:$BRIDGE_PORT" --allow "127.0.0.1:$DOVECOT_PORT" \
  --max-sessions 20000 --max-sessions-per-address 20000 >"$SCRATCH/bridge.out" 2>"$SCRATCH/bridge.err" &
BRIDGE=$!
"$VENV/bin/websockify" "127.0.0.1:$WSFY_PORT" "127.0.0.1:$DOVECOT_PORT" >"$SCRATCH/wsfy.log" 2>&1 &
WSFY=$!
socat "TCP-LISTEN:$SOCAT_PORT,bind=127.0.0.1,fork,reuseaddr,nodelay" "TCP:127.0.0.1:$DOVECOT_PORT,nodelay" &
SOCAT=$!
wait_port "$BRIDGE_PORT"
wait_port "$WSFY_PORT"
wait_port "$SOCAT_PORT"

relay() { # relay VIA ADDR [extra…] -> "noop_us mib_per_s"
  local out
  out=$("$BIN/pop3-tutor-bench" relay --via "$1" --addr "$2" --noops "$NOOPS" --retr 4 --runs 1 "${@:3}")
  grep -q "^retr_octets=" <<<"$out" || { echo "$out" >&2; return 1; }
  echo "$(sed -n 's/^median_noop_us=//p' <<<"$out") $(sed -n 's/^median_retr_mib_per_s=//p' <<<"$out")"
}

echo "== $RUNS rounds: $NOOPS NOOPs and RETR of $SIZE octets per path (alternating)"
d_noop=(); d_rate=(); b_noop=(); b_rate=(); w_noop=(); w_rate=(); s_noop=(); s_rate=()
for run in $(seq "$RUNS"); do
  read -r n r < <(relay direct "127.0.0.1:$DOVECOT_PORT"); d_noop+=("$n"); d_rate+=("$r")
  read -r n r < <(relay bridge "127.0.0.1:$BRIDGE_PORT" --target "127.0.0.1:$DOVECOT_PORT"); b_noop+=("$n"); b_rate+=("$r")
  read -r n r < <(relay websockify "127.0.0.1:$WSFY_PORT"); w_noop+=("$n"); w_rate+=("$r")
  read -r n r < <(relay direct "127.0.0.1:$SOCAT_PORT"); s_noop+=("$n"); s_rate+=("$r")
  echo "round $run: NOOP µs direct ${d_noop[-1]}, bridge ${b_noop[-1]}, websockify ${w_noop[-1]}, socat ${s_noop[-1]};" \
    "RETR MiB/s direct ${d_rate[-1]}, bridge ${b_rate[-1]}, websockify ${w_rate[-1]}, socat ${s_rate[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
DN=$(median "${d_noop[@]}"); BN=$(median "${b_noop[@]}"); WN=$(median "${w_noop[@]}")
DR=$(median "${d_rate[@]}"); BR=$(median "${b_rate[@]}"); WR=$(median "${w_rate[@]}")
SN=$(median "${s_noop[@]}"); SR=$(median "${s_rate[@]}")

echo "== memory: $SESSIONS sessions through the bridge, $WSFY_SESSIONS through websockify"
"$BIN/pop3-tutor-bench" hold --via bridge --addr "127.0.0.1:$BRIDGE_PORT" --target "127.0.0.1:$DOVECOT_PORT" \
  --sessions "$SESSIONS" --pid "$BRIDGE" | tee "$SCRATCH/hold-bridge"
"$BIN/pop3-tutor-bench" hold --via websockify --addr "127.0.0.1:$WSFY_PORT" --sessions "$WSFY_SESSIONS" \
  --children-of "$WSFY" | tee "$SCRATCH/hold-wsfy" || echo "(websockify memory measurement failed)"

echo
echo "== summary (medians of $RUNS rounds; message $SIZE octets)"
awk -v dn="$DN" -v bn="$BN" -v wn="$WN" -v dr="$DR" -v br="$BR" -v wr="$WR" -v sn="$SN" -v sr="$SR" 'BEGIN {
  printf "NOOP round trip: direct %.0f µs, bridge %.0f µs (+%.0f), websockify %.0f µs (+%.0f), socat %.0f µs (+%.0f)\n", dn, bn, bn - dn, wn, wn - dn, sn, sn - dn
  printf "RETR throughput: direct %.1f MiB/s, bridge %.1f MiB/s, websockify %.1f MiB/s, socat %.1f MiB/s\n", dr, br, wr, sr
  if (wr > 0) printf "bridge / websockify throughput: %.2fx (target >= 3)\n", br / wr
  if (wn - dn > 0) printf "bridge added latency / websockify added latency: %.2f (target <= 0.33)\n", (bn - dn) / (wn - dn)
  if (wn - dn > 0) printf "floor: socat (plain TCP, no WebSocket) added latency / websockify added latency: %.2f\n", (sn - dn) / (wn - dn)
}'
echo "memory per session: bridge $(sed -n 's/^rss_per_session_kib=//p' "$SCRATCH/hold-bridge") KiB ($SESSIONS sessions)," \
  "websockify $(sed -n 's/^rss_per_session_kib=//p' "$SCRATCH/hold-wsfy" 2>/dev/null || echo '?') KiB ($WSFY_SESSIONS sessions)"
if grep -q . "$SCRATCH/bridge.err"; then echo "bridge warnings:"; head -5 "$SCRATCH/bridge.err"; fi
