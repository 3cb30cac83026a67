#!/usr/bin/env bash
# Benchmark pop3-tutor-server against a real Dovecot 2.3 on loopback, with the same client and load.
#
#   sudo bash crates/pop3-tutor-server/bench/run.sh        (root: Dovecot runs as root and drops privileges)
#
# What it does, in one run:
#  1. builds pop3-tutor-server and pop3-tutor-bench with the workspace's release profile (what ships; its
#     opt-level "z" is chosen for the wasm bundle, but opt-level 3 measured the same here within the noise:
#     the work is syscalls and TCP, not the simulator);
#  2. starts our server (dovecot-reference scenario, --no-delays, RUST_LOG=warn) and a Dovecot configured from
#     bench/dovecot/ (the reference configuration that recorded the transcripts, plus the tuning documented in
#     dovecot-bench.conf.in: high-performance login processes, reused pop3 processes, raised
#     mail_max_userip_connections and client/process limits; the failed-login penalty never applies because
#     every login succeeds), both serving the same maildrop (STAT must answer "+OK 3 50787");
#  3. load: CLIENTS concurrent clients doing connect–USER–PASS–STAT–QUIT for SECONDS per run, RUNS runs each,
#     alternating servers run by run; prints each median and the ratio ours/Dovecot;
#  4. memory: IDLE idle connections (greeting read) to our server, RSS growth per connection; the same for
#     Dovecot's pop3-login processes (which hold its pre-login connections), for comparison;
#  5. stops both servers and removes the scratch directory.
#
# Tunables (environment): CLIENTS=64 RUN_SECONDS=5 RUNS=5 IDLE=10000 OUR_PORT=21110 DOVECOT_PORT=21111.
# Needs: cargo, dovecot-pop3d (installed with apt-get when missing). Traffic stays on 127.0.0.1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
WORKSPACE=$(cd "$HERE/../../.." && pwd)
CLIENTS=${CLIENTS:-64}
RUN_SECONDS=${RUN_SECONDS:-5}
RUNS=${RUNS:-5}
IDLE=${IDLE:-10000}
OUR_PORT=${OUR_PORT:-21110}
DOVECOT_PORT=${DOVECOT_PORT:-21111}
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

echo "== starting pop3-tutor-server on 127.0.0.1:$OUR_PORT"
RUST_LOG=warn "$BIN/pop3-tutor-server" pop3 --listen "127.0.0.1:$OUR_PORT" --scenario dovecot-reference \
  --no-delays --max-connections 20000 >"$SCRATCH/ours.out" 2>"$SCRATCH/ours.err" &
OURS=$!
wait_port "$OUR_PORT"

echo "== starting Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$DOVECOT_PORT"
sh "$HERE/dovecot/setup.sh" "$SCRATCH/dovecot" "$DOVECOT_PORT"
dovecot -c "$SCRATCH/dovecot/dovecot.conf"
wait_port "$DOVECOT_PORT"
sleep 1 # let process_min_avail processes start

load() { # load PORT -> median sessions/s
  "$BIN/pop3-tutor-bench" load --addr "127.0.0.1:$1" --clients "$CLIENTS" --seconds "$RUN_SECONDS" --runs 1 \
    --expect-stat "$STAT" --quiet | sed -n 's/^median_sessions_per_s=//p'
}

echo "== load: $CLIENTS clients, login-STAT-QUIT, $RUNS runs of ${RUN_SECONDS}s per server (alternating)"
ours_rates=(); dovecot_rates=()
for run in $(seq "$RUNS"); do
  o=$(load "$OUR_PORT"); d=$(load "$DOVECOT_PORT")
  echo "run $run: pop3-tutor-server $o sessions/s, Dovecot $d sessions/s"
  ours_rates+=("$o"); dovecot_rates+=("$d")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
OURS_MEDIAN=$(median "${ours_rates[@]}")
DOVECOT_MEDIAN=$(median "${dovecot_rates[@]}")

echo "== memory: $IDLE idle connections"
"$BIN/pop3-tutor-bench" idle --addr "127.0.0.1:$OUR_PORT" --connections "$IDLE" --pid "$OURS" | tee "$SCRATCH/idle-ours"
sleep 1
"$BIN/pop3-tutor-bench" idle --addr "127.0.0.1:$DOVECOT_PORT" --connections "$IDLE" --proc-name pop3-login \
  | tee "$SCRATCH/idle-dovecot" || echo "(Dovecot idle measurement failed)"

echo
echo "== summary"
echo "login-STAT-QUIT sessions/s (median of $RUNS): pop3-tutor-server $OURS_MEDIAN, Dovecot $DOVECOT_MEDIAN"
awk -v o="$OURS_MEDIAN" -v d="$DOVECOT_MEDIAN" 'BEGIN { if (d > 0) printf "ratio pop3-tutor-server / Dovecot: %.2f\n", o / d }'
echo "RSS per idle connection: pop3-tutor-server $(sed -n 's/^rss_per_connection_kib=//p' "$SCRATCH/idle-ours") KiB," \
  "Dovecot pop3-login $(sed -n 's/^rss_per_connection_kib=//p' "$SCRATCH/idle-dovecot" 2>/dev/null || echo '?') KiB"
if grep -q . "$SCRATCH/ours.err"; then echo "server warnings:"; head -5 "$SCRATCH/ours.err"; fi
