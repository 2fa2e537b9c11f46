#!/usr/bin/env bash
# Cached vs uncached GET /v1/trips/{id}, Zipf-distributed ids over 10k demo trips, one script run.
# Needs: PostgreSQL and Redis on localhost, wrk, the built jar (./mvnw -pl catalog-service verify).
# Usage: catalog-service/src/test/bench/bench.sh [duration=30s] [connections=32]   (WARMUP=180s: load before measuring;
#   on 2 cores the JIT needs minutes of load before the cached path is compiled, and a short warm-up measures the compiler)
# NEAR=false: the cached run without the near cache (Redis only), for comparison.
# TRACING_SAMPLING (default 0.1, as deploy/k8s/base/config.yaml deploys it; the local profile samples every request).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../../../target/catalog-service.jar"
duration="${1:-30s}"
connections="${2:-32}"
port=18083
db="${BENCH_DB:-wayfarer_catalog_bench}"
work="$(mktemp -d)"
logs="$here/../../../target/bench"   # the services' logs survive the run (breaker warnings, channel losses)
pid=""

stop() { if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap 'stop; mkdir -p "$logs"; cp "$work"/service-*.log "$logs"/ 2>/dev/null || true; rm -rf "$work"' EXIT

psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null

start() { # $1 = cache enabled
  java -Xmx1g -jar "$jar" --server.port=$port --spring.profiles.active=local --wayfarer.catalog.demo.trips=10000 \
    --DB_NAME="$db" --eureka.client.enabled=false --wayfarer.catalog.cache.enabled="$1" \
    --wayfarer.catalog.cache.near.enabled="${NEAR:-true}" \
    --wayfarer.redis.key-prefix="bench:$$:" --logging.level.root=WARN \
    --management.tracing.sampling.probability="${TRACING_SAMPLING:-0.1}" >"$work/service-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    curl -fs "localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "service did not start"; tail -50 "$work/service-$1.log"; exit 1
}

gets() { # near-hits (this instance's memory) redis-hits misses near-bypassed (floor channel not proven live)
  curl -fs "localhost:$port/actuator/prometheus" | awk '
    /^catalog_cache_gets_total/ && /result="near-hit"/ {n=$NF}
    /^catalog_cache_gets_total/ && /result="hit"/ {h=$NF} /^catalog_cache_gets_total/ && /result="miss"/ {m=$NF}
    /^catalog_cache_near_bypassed_total/ {b=$NF}
    END {printf "%d %d %d %d\n", n, h, m, b}'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }            # the service JVM's user + system time
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; } # the whole machine's (PostgreSQL, Redis, wrk)

run() { # $1 = label, $2 = cache enabled
  start "$2"
  psql -h 127.0.0.1 -U postgres -d "$db" -tAc "SELECT id FROM trip WHERE status = 'PUBLISHED' AND deleted_at IS NULL
      ORDER BY md5(id::text)" > "$work/ids.txt"
  echo "== $1: $(wc -l < "$work/ids.txt") published trips, Zipf s=${ZIPF_S:-1.0}"
  IDS_FILE="$work/ids.txt" wrk -t2 -c"$connections" -d"${WARMUP:-180s}" -s "$here/zipf.lua" "http://localhost:$port" >/dev/null  # warm-up (JIT)
  read -r n0 h0 m0 b0 < <(gets)
  echo "load average as the measured run starts: $(cut -d' ' -f1-3 /proc/loadavg)"
  local service0 machine0; service0=$(cpu_ticks "$pid"); machine0=$(busy_ticks)
  IDS_FILE="$work/ids.txt" wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/zipf.lua" "http://localhost:$port" \
    > "$work/wrk.txt"
  grep -E "RESULT|Requests/sec" "$work/wrk.txt"
  awk -v service=$(( $(cpu_ticks "$pid") - service0 )) -v machine=$(( $(busy_ticks) - machine0 )) -v tick="$(getconf CLK_TCK)" \
    '/requests in/ {n = $1} END {printf "CPU per request: service JVM %.0f us, whole machine %.0f us\n",
      service * 1e6 / tick / n, machine * 1e6 / tick / n}' "$work/wrk.txt"
  read -r n1 h1 m1 b1 < <(gets)
  echo "load average as it ends: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ "$2" == "true" ]]; then
    echo "== ceiling: GET /v1/about/catalog-service (no database, no Redis) on the same instance"
    wrk -t2 -c"$connections" -d10s "http://localhost:$port/v1/about/catalog-service" >/dev/null  # its own warm-up
    wrk -t2 -c"$connections" -d"$duration" --latency "http://localhost:$port/v1/about/catalog-service" \
      | grep -E "Requests/sec|50%|99%"
    awk -v n=$((n1 - n0)) -v h=$((h1 - h0)) -v m=$((m1 - m0)) -v b=$((b1 - b0)) 'BEGIN {
      printf "hit ratio %.4f (%d near hits = %.4f, %d Redis hits, %d misses; near cache bypassed for %d reads)\n",
      (n + h) / (n + h + m), n, n / (n + h + m), h, m, b}'
  fi
  stop
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
run "cache disabled (PostgreSQL every time)" false
run "cache enabled (near cache ${NEAR:-true} + Redis, versioned entries)" true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
