#!/usr/bin/env bash
# The benchmark of docs/benchmarks.md: an authenticated GET through the gateway with the whole edge
# chain (rate limit + JWT + session, one Redis round trip) vs the same route on a gateway without it.
# Usage (from the repository root, after `./mvnw -q -pl gateway-service verify`):
#   gateway-service/bench/run.sh [duration=20s] [connections=32] [threads=2] [rounds=3]
# WARMUP (default 60s per gateway): load before the measured rounds; on 2 cores the JIT needs minutes.
# PACED_ROUNDS (default 2) latency rounds after the throughput rounds: each connection waits THINK_MS (20) ms
#   between requests (paced.lua), below saturation, so p50/p99 show the chain's own latency.
# BENCH_JAVA_OPTS (e.g. -XX:StartFlightRecording=..., -Dbench.countRestores=true) is passed to the harness JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}; CONNECTIONS=${2:-32}; THREADS=${3:-2}; ROUNDS=${4:-3}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

mkdir -p target/bench
../mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/classpath.txt
rm -f target/bench/bench.env
java ${BENCH_JAVA_OPTS:-} -Xms512m -Xmx1g -Djava.io.tmpdir=target/bench \
  -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
  io.wayfarer.gateway.EdgeBenchmark target/bench/bench.env > target/bench/harness.log 2>&1 &
HARNESS=$!
trap 'kill $HARNESS 2>/dev/null || true; wait $HARNESS 2>/dev/null || true' EXIT
# a loaded machine can take minutes to start the registry and two gateways
for _ in $(seq 1 300); do [ -s target/bench/bench.env ] && break; sleep 1; done
[ -s target/bench/bench.env ] || { echo "harness did not start; see target/bench/harness.log"; exit 1; }
# shellcheck disable=SC1091
source target/bench/bench.env

path=/v1/users/me
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)
run() { # name port [wrk script]
  local before; before=$(cpu_ticks "$HARNESS")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" \
    ${3:+-s "$3"} "http://127.0.0.1:$2$path" > "target/bench/$1.txt"
  local ticks=$(( $(cpu_ticks "$HARNESS") - before ))
  # CPU of the harness JVM (gateway + trivial backend) per request: robust to other load on the machine
  awk -v name="$1" -v ticks="$ticks" -v tick="$TICK" \
    '/requests in/ {n=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {printf "%-6s %9s req/s  p50 %8s  p99 %8s  JVM CPU %6.0f us/req  non-2xx %s\n", name, rps, p50, p99,
         ticks * 1000000 / tick / n, (bad==""?0:bad)}' "target/bench/$1.txt"
}

echo "sanity: chain $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$CHAIN_PORT$path)," \
  "chain without token $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$CHAIN_PORT$path)," \
  "bare $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$BARE_PORT$path)"
echo "warm-up (${WARMUP:-60s} each, not reported)"
DURATION_SAVED=$DURATION; DURATION=${WARMUP:-60s}
run warm-bare "$BARE_PORT" >/dev/null; run warm-chain "$CHAIN_PORT" >/dev/null
DURATION=$DURATION_SAVED
echo "measured: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, alternating"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
# Redis' own CPU time per script (INFO commandstats; every client's EVALSHA counts, so only a rough figure on a shared Redis)
evalsha() { command -v redis-cli >/dev/null && redis-cli info commandstats | tr -d '\r' \
  | sed -n 's/^cmdstat_evalsha:calls=\([0-9]*\),usec=\([0-9]*\),.*/\1 \2/p'; }
EVALSHA_BEFORE=$(evalsha || true)
for round in $(seq 1 "$ROUNDS"); do
  run "bare$round" "$BARE_PORT"
  run "chain$round" "$CHAIN_PORT"
done
if [ "${PACED_ROUNDS:-2}" -gt 0 ]; then
  echo "latency below saturation: paced.lua, ${THINK_MS:-20} ms between a response and the next request per connection"
  for round in $(seq 1 "${PACED_ROUNDS:-2}"); do
    run "pbare$round" "$BARE_PORT" bench/paced.lua
    run "pchain$round" "$CHAIN_PORT" bench/paced.lua
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
EVALSHA_AFTER=$(evalsha || true)
if [ -n "$EVALSHA_BEFORE" ] && [ -n "$EVALSHA_AFTER" ]; then
  echo "$EVALSHA_BEFORE $EVALSHA_AFTER" | awk '$3 > $1 {printf "Redis: %d EVALSHA during the rounds, %.2f us of Redis CPU each\n", $3 - $1, ($4 - $2) / ($3 - $1)}'
fi
if command -v redis-cli >/dev/null; then
  # MONITOR sees every command with its arguments: count the top-level commands (not the ones a script
  # runs, tagged "lua") that touch this harness's keys, so other Redis clients on the machine do not count
  monitor=target/bench/monitor.txt
  redis-cli monitor > "$monitor" & MONITOR=$!
  sleep 0.5
  for _ in $(seq 1 100); do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$CHAIN_PORT$path"; done
  sleep 0.5; kill $MONITOR 2>/dev/null || true; wait $MONITOR 2>/dev/null || true
  ours=$(grep -F "$KEY_PREFIX" "$monitor" | grep -v ' lua\]' || true)
  echo "Redis commands for 100 chained requests: $(printf '%s\n' "$ours" | grep -c . || true)" \
    "($(printf '%s\n' "$ours" | grep -ci '"evalsha"' || true) EVALSHA, $(printf '%s\n' "$ours" | grep -ci '"eval"' || true) EVAL)"
fi
