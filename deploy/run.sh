#!/usr/bin/env bash
# Runs the whole of Wayfarer on this machine with one command (needs only Java 17+; Maven comes
# through the wrapper). See deploy/README.md.
#
#   ./deploy/run.sh [--build] [--timeout SECONDS] [--replicas N]   build what is stale, start everything
#                                                   (N instances of the gateway and each service), Ctrl-C stops
#   ./deploy/run.sh stop                            stop a run from another terminal
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

modules=(discovery-server gateway-service auth-service rbac-service catalog-service
         chat-service recommend-service payment-service deploy)

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "ERROR: no java on the PATH (and JAVA_HOME is not set). Wayfarer needs Java 17 or newer." >&2
  exit 1
fi
java_major="$("$java_bin" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
if [[ -z "$java_major" || "$java_major" -lt 17 ]]; then
  echo "ERROR: Wayfarer needs Java 17 or newer; $java_bin is version ${java_major:-unknown}." >&2
  exit 1
fi

launcher_jar="deploy/target/deploy.jar"

# A module needs building when its jar is missing or a file it is built from is newer (tests do not count).
stale_module() {
  local module="$1" jar="$1/target/$1.jar"
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find "$module/src/main" "$module/pom.xml" platform/src/main platform/pom.xml pom.xml \
            -type f -newer "$jar" -print -quit 2>/dev/null)" ]]
}

build=false
args=()
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    -h|--help|help)
      echo "Usage: ./deploy/run.sh [--build] [--timeout SECONDS]   start everything; Ctrl-C stops it"
      echo "       ./deploy/run.sh stop                            stop a run from another terminal"
      echo "See deploy/README.md for the environment variables and troubleshooting."
      exit 0 ;;
    stop)
      if [[ ! -f "$launcher_jar" ]]; then
        echo "Nothing to stop: the launcher was never built."
        exit 0
      fi
      exec "$java_bin" -Dwayfarer.root="$root" -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
        -jar "$launcher_jar" stop ;;
    *) args+=("$arg") ;;
  esac
done

if ! $build; then
  for module in "${modules[@]}"; do
    if stale_module "$module"; then
      echo "$module needs building."
      build=true
      break
    fi
  done
fi
if $build; then
  echo "Building Wayfarer (./mvnw -q -DskipTests package); the first build downloads dependencies and takes a few minutes..."
  ./mvnw -q -DskipTests package
fi

mkdir -p "$root/.wayfarer/tmp"
# The launcher JVM also hosts the Kafka broker: a bigger heap than a service, same start-up flags.
exec "$java_bin" -Dwayfarer.root="$root" -Djava.io.tmpdir="$root/.wayfarer/tmp" \
  -Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k \
  ${WAYFARER_LAUNCHER_OPTS:-} -jar "$launcher_jar" ${args[@]+"${args[@]}"}
