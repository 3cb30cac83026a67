#!/usr/bin/env bash
# Benchmark pop3-tutor-server against a real Dovecot 2.3 on loopback, with the same client and load.
#
#   sudo bash crates/pop3-tutor-server/bench/run.sh        (root: Dovecot runs as root and drops privileges)
#
# What it does, in one run:
#  1. builds pop3-tutor-server and pop3-tutor-bench with the workspace's release profile (what ships; its
#     opt-level "z" is chosen for the wasm bundle, but opt-level 3 measured the same here within the noise:
#     the work is syscalls and TCP, not the simulator);
#  2. starts our server (dovecot-reference scenario, --no-delays, RUST_LOG=warn, the per-address cap lifted:
#     every client is 127.0.0.1) and a Dovecot configured from
#     bench/dovecot/ (the reference configuration that recorded the transcripts, plus the tuning documented in
#     dovecot-bench.conf.in: high-performance login processes, reused pop3 processes, raised
#     mail_max_userip_connections and client/process limits; the failed-login penalty never applies because
#     every login succeeds), both serving the same maildrop (STAT must answer "+OK 3 50787");
#  3. load: CLIENTS concurrent clients doing connect–USER–PASS–STAT–QUIT for SECONDS per run, RUNS runs each,
#     alternating servers run by run; prints each median and the ratio ours/Dovecot;
#  4. memory: IDLE idle connections (greeting read) to our server, RSS growth per connection; the same for
#     Dovecot's pop3-login processes (which hold its pre-login connections), for comparison;
#  5. the same over implicit TLS: both servers present one certificate (ECDSA P-256, signed by a CA made
#     here with openssl: the key type our server makes) on a second port, the client trusts that CA and
#     resumes no session (a full handshake each time); load runs alternate as above, and the memory per idle
#     TLS connection is measured at TLS_IDLE connections (our server restarted first);
#  6. stops both servers and removes the scratch directory.
#
# Tunables (environment): CLIENTS=64 RUN_SECONDS=5 RUNS=5 IDLE=10000 TLS_IDLE=1000 OUR_PORT=21110
# DOVECOT_PORT=21111 OUR_TLS_PORT=21995 DOVECOT_TLS_PORT=21996.
# Needs: cargo, openssl, dovecot-pop3d (installed with apt-get when missing). Traffic stays on 127.0.0.1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
WORKSPACE=$(cd "$HERE/../../.." && pwd)
CLIENTS=${CLIENTS:-64}
RUN_SECONDS=${RUN_SECONDS:-5}
RUNS=${RUNS:-5}
IDLE=${IDLE:-10000}
TLS_IDLE=${TLS_IDLE:-1000}
OUR_PORT=${OUR_PORT:-21110}
DOVECOT_PORT=${DOVECOT_PORT:-21111}
OUR_TLS_PORT=${OUR_TLS_PORT:-21995}
DOVECOT_TLS_PORT=${DOVECOT_TLS_PORT:-21996}
STAT="+OK 3 50787"

[ "$(id -u)" = 0 ] || { echo "run as root (Dovecot needs it)" >&2; exit 1; }
if ! command -v dovecot >/dev/null; then
  apt-get install -y dovecot-pop3d >/dev/null
fi
# 10 000 idle connections need more descriptors than the usual 1024, in both processes.
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((IDLE + 100)) ] || { echo "ulimit -n $(ulimit -n) is too low for IDLE=$IDLE" >&2; exit 1; }

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$WORKSPACE/target}
echo "== building (release) into $CARGO_TARGET_DIR"
(cd "$WORKSPACE" && cargo build --quiet --release -p pop3-tutor-server --bins)
BIN=$CARGO_TARGET_DIR/release

SCRATCH=$(mktemp -d /tmp/pop3-bench.XXXXXX)
chmod 755 "$SCRATCH"
OURS=""
cleanup() {
  stop "$OURS"
  stop_dovecot_and_clean "$SCRATCH"
}
trap cleanup EXIT

echo "== one certificate for both servers (ECDSA P-256) in $SCRATCH/tls"
TLS="$SCRATCH/tls"
mkdir -p "$TLS"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=pop3 bench CA" \
  -keyout "$TLS/ca-key.pem" -out "$TLS/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout "$TLS/key.pem" -out "$TLS/req.pem" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$TLS/ext.cnf"
openssl x509 -req -in "$TLS/req.pem" -CA "$TLS/ca.pem" -CAkey "$TLS/ca-key.pem" -CAcreateserial -days 2 \
  -extfile "$TLS/ext.cnf" -out "$TLS/cert.pem" 2>/dev/null
chmod 644 "$TLS/cert.pem" "$TLS/key.pem"

start_ours() { # (re)starts our server; sets OURS
  RUST_LOG=warn "$BIN/pop3-tutor-server" pop3 --listen "127.0.0.1:$OUR_PORT" --scenario dovecot-reference \
    --tls-listen "127.0.0.1:$OUR_TLS_PORT" --cert "$TLS/cert.pem" --key "$TLS/key.pem" \
    --no-delays --max-connections 20000 --max-connections-per-address 20000 \
    >>"$SCRATCH/ours.out" 2>>"$SCRATCH/ours.err" &
  OURS=$!
  wait_port "$OUR_PORT"
}
echo "== starting pop3-tutor-server on 127.0.0.1:$OUR_PORT (implicit TLS on $OUR_TLS_PORT)"
start_ours

echo "== starting Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$DOVECOT_PORT (implicit TLS on $DOVECOT_TLS_PORT)"
sh "$HERE/dovecot/setup.sh" "$SCRATCH/dovecot" "$DOVECOT_PORT"
CONF="$SCRATCH/dovecot/dovecot.conf"
grep -q '^ssl = no$' "$CONF" && grep -q '^    port = 0$' "$CONF" || { echo "bench config changed: cannot turn TLS on" >&2; exit 1; }
sed -i -e "s|^ssl = no$|ssl = yes\nssl_cert = <$TLS/cert.pem\nssl_key = <$TLS/key.pem|" \
  -e "s|^    port = 0$|    address = 127.0.0.1\n    port = $DOVECOT_TLS_PORT\n    ssl = yes|" "$CONF"
dovecot -c "$CONF"
wait_port "$DOVECOT_PORT"
wait_port "$DOVECOT_TLS_PORT"
sleep 1 # let process_min_avail processes start

load() { # load PORT [--tls-ca FILE] -> median sessions/s
  local port=$1; shift
  "$BIN/pop3-tutor-bench" load --addr "127.0.0.1:$port" --clients "$CLIENTS" --seconds "$RUN_SECONDS" --runs 1 \
    --expect-stat "$STAT" --quiet "$@" | sed -n 's/^median_sessions_per_s=//p'
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
compare() { # compare LABEL OUR_PORT DOVECOT_PORT [load options] -> sets OURS_MEDIAN, DOVECOT_MEDIAN
  local label=$1 our_port=$2 dovecot_port=$3; shift 3
  echo "== load ($label): $CLIENTS clients, login-STAT-QUIT, $RUNS runs of ${RUN_SECONDS}s per server (alternating)"
  local ours_rates=() dovecot_rates=() o d
  for run in $(seq "$RUNS"); do
    o=$(load "$our_port" "$@"); d=$(load "$dovecot_port" "$@")
    echo "run $run: pop3-tutor-server $o sessions/s, Dovecot $d sessions/s"
    ours_rates+=("$o"); dovecot_rates+=("$d")
  done
  OURS_MEDIAN=$(median "${ours_rates[@]}")
  DOVECOT_MEDIAN=$(median "${dovecot_rates[@]}")
}
ratio() { awk -v o="$1" -v d="$2" 'BEGIN { if (d > 0) printf "%.2f", o / d; else printf "?" }'; }

compare "plain TCP" "$OUR_PORT" "$DOVECOT_PORT"
PLAIN_OURS=$OURS_MEDIAN; PLAIN_DOVECOT=$DOVECOT_MEDIAN
compare "implicit TLS" "$OUR_TLS_PORT" "$DOVECOT_TLS_PORT" --tls-ca "$TLS/ca.pem"
TLS_OURS=$OURS_MEDIAN; TLS_DOVECOT=$DOVECOT_MEDIAN

echo "== memory: $IDLE idle connections"
"$BIN/pop3-tutor-bench" idle --addr "127.0.0.1:$OUR_PORT" --connections "$IDLE" --pid "$OURS" | tee "$SCRATCH/idle-ours"
sleep 1
"$BIN/pop3-tutor-bench" idle --addr "127.0.0.1:$DOVECOT_PORT" --connections "$IDLE" --proc-name pop3-login \
  | tee "$SCRATCH/idle-dovecot" || echo "(Dovecot idle measurement failed)"

echo "== memory: $TLS_IDLE idle implicit-TLS connections (our server restarted: memory the plain connections freed"
echo "   would be reused and hide the cost)"
stop "$OURS"
start_ours
"$BIN/pop3-tutor-bench" idle --addr "127.0.0.1:$OUR_TLS_PORT" --connections "$TLS_IDLE" --pid "$OURS" \
  --tls-ca "$TLS/ca.pem" | tee "$SCRATCH/idle-tls-ours"
sleep 1
"$BIN/pop3-tutor-bench" idle --addr "127.0.0.1:$DOVECOT_TLS_PORT" --connections "$TLS_IDLE" --proc-name pop3-login \
  --tls-ca "$TLS/ca.pem" | tee "$SCRATCH/idle-tls-dovecot" || echo "(Dovecot TLS idle measurement failed)"

per_connection() { sed -n 's/^rss_per_connection_kib=//p' "$1" 2>/dev/null | grep . || echo '?'; }
echo
echo "== summary"
echo "login-STAT-QUIT sessions/s (median of $RUNS):"
echo "  plain TCP:    pop3-tutor-server $PLAIN_OURS, Dovecot $PLAIN_DOVECOT, ratio $(ratio "$PLAIN_OURS" "$PLAIN_DOVECOT")"
echo "  implicit TLS: pop3-tutor-server $TLS_OURS, Dovecot $TLS_DOVECOT, ratio $(ratio "$TLS_OURS" "$TLS_DOVECOT")"
echo "RSS per idle connection at $IDLE plain: pop3-tutor-server $(per_connection "$SCRATCH/idle-ours") KiB," \
  "Dovecot pop3-login $(per_connection "$SCRATCH/idle-dovecot") KiB"
echo "RSS per idle TLS connection at $TLS_IDLE: pop3-tutor-server $(per_connection "$SCRATCH/idle-tls-ours") KiB," \
  "Dovecot pop3-login $(per_connection "$SCRATCH/idle-tls-dovecot") KiB"
if grep -q . "$SCRATCH/ours.err"; then echo "server warnings:"; head -5 "$SCRATCH/ours.err"; fi
