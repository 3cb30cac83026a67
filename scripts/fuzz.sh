#!/usr/bin/env bash
# Fuzzes the simulator core with cargo-fuzz (libFuzzer):
#   session   arbitrary bytes into a session of every built-in scenario and profile (SECONDS);
#   scenario  arbitrary bytes as a scenario file (a third of SECONDS, at least 10 s);
#   client    arbitrary server bytes into the real-server mode's reply reader (the same).
#   scripts/fuzz.sh          a bounded run (30 s + 10 s + 10 s), as the test command does
#   scripts/fuzz.sh 3600     an hour (+ 20 min each); the last lines say how many executions were made
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP lets this machine's stable rustc accept them.
set -euo pipefail
cd "$(dirname "$0")/../crates/pop3-sim"
seconds=${1:-30}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/session fuzz/corpus/scenario fuzz/corpus/client
# Seed the corpora: the reference sessions' client lines (a selector byte, a world byte, the lines), so the
# fuzzer starts from real dialogues; the built-in scenario files.
python3 - <<'PY'
import json, pathlib
out = pathlib.Path("fuzz/corpus/session")
for f in pathlib.Path("tests/reference").glob("*.json"):
    for i, s in enumerate(json.load(open(f))):
        data = bytes([i % 256, i % 15]) + "".join(l + "\r\n" for l in s["client_lines"]).encode("latin-1")
        (out / f"{f.stem}-{s['name']}").write_bytes(data)
for f in pathlib.Path("scenarios/library").glob("*.json"):
    (pathlib.Path("fuzz/corpus/scenario") / f.name).write_bytes(f.read_bytes())
PY

run() { # TARGET SECONDS
  local target=$1 secs=$2 log status runs
  log=$(mktemp)
  set +e
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  grep -E "^(#[0-9]+ +(DONE|INITED)|Done|==|SUMMARY|ERROR|stat::number_of_executed_units)" "$log" || true
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || true)
  if [[ $status -ne 0 ]]; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    echo "fuzzing $target found a failure (exit $status; the input is in crates/pop3-sim/fuzz/artifacts/$target)" >&2
    exit "$status"
  fi
  rm -f "$log"
  echo "fuzz $target: ${runs:-?} executions in ${secs} s, no failure"
}

run session "$seconds"
third=$((seconds / 3))
run scenario $((third < 10 ? 10 : third))
run client $((third < 10 ? 10 : third))
