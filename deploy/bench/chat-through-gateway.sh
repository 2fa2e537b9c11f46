#!/usr/bin/env bash
# The W6 chat benchmark through the gateway (io.wayfarer.deploy.bench.ChatGatewayLoad): discovery, one
# gateway, auth, rbac, catalog and two chat-service instances from the built jars; idle sockets on one
# chat instance, then delivery latency across the two, every socket and request through the gateway.
#
# Builds nothing. Build the jars and deploy's test classes first:
#   ./mvnw -q install -DskipTests
#
# Usage: deploy/bench/chat-through-gateway.sh <idleSockets> <messagesPerSecond> <seconds> <pairs>
#   e.g. deploy/bench/chat-through-gateway.sh 10000 1000 30 200     (the W6 targets)
#        deploy/bench/chat-through-gateway.sh 300 200 10 20         (a quick check)
#        deploy/bench/chat-through-gateway.sh 0 1000 30 200         (latency only)
# Environment: CHAT_BENCH_WARMUP_SECONDS (default 30), CHAT_BENCH_JVM_OPTS (added to the gateway and chat
# JVMs, %p = port, e.g. -XX:StartFlightRecording=filename=deploy/target/bench-%p.jfr,settings=profile),
# CHAT_BENCH_SOCKETS_PER_USER (default 100), CHAT_BENCH_GATEWAYS (default 1; a proxied socket takes two
# file descriptors in the gateway, so with `ulimit -n` 20,000 one gateway carries < 10,000 sockets: use 2).
# Service logs: deploy/target/chat-gateway-bench/logs/.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ $# -ne 4 ]; then
  sed -n '2,18p' "$0"
  exit 2
fi
if [ ! -d deploy/target/test-classes/io/wayfarer/deploy/bench ]; then
  echo "deploy's test classes are missing: ./mvnw -q install -DskipTests first" >&2
  exit 1
fi
./mvnw -q -pl deploy dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP=deploy/target/test-classes:deploy/target/classes:$(cat deploy/target/test-classpath.txt)
mkdir -p deploy/target/chat-gateway-bench/tmp

echo "start load: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
java -Xmx3g -Djava.io.tmpdir=deploy/target/chat-gateway-bench/tmp -Dwayfarer.root="$PWD" -cp "$CP" \
  io.wayfarer.deploy.bench.ChatGatewayLoad "$@" || status=$?
echo "end load: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
