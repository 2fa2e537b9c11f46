#!/usr/bin/env bash
# The W10 fault drill (docs/fault-drill.md): two instances of every service and two gateways on the
# drill's own PostgreSQL, Redis and Kafka, a steady mixed load, five kinds of fault, then a check that
# nothing was lost or duplicated. 18-25 minutes on 2 cores (most of it starting 15 JVMs); loopback only; stops by itself.
#
#   ./deploy/drill.sh           run it on the jars already in <module>/target/
#   ./deploy/drill.sh --build   ./mvnw -DskipTests install first (jars, and the poms/test-jar deploy needs)
#
# Result: deploy/target/drill/summary.md (logs in deploy/target/drill/logs/, data in deploy/target/drill/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${1:-}" == "--build" ]]; then ./mvnw -B -q -DskipTests install; fi
exec ./mvnw -B -pl deploy -Pfault-drill verify
