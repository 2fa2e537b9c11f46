#!/usr/bin/env bash
# The offline evaluation of the recommendation models, ours and Apache Mahout Taste side by side
# (docs/recommendations.md). Builds the test class path (Mahout is a test-scope dependency of the module)
# and runs io.wayfarer.recommend.model.eval.EvaluateCli in its own JVM, in the caller's directory.
#
#   recommend-service/src/eval/evaluate.sh generate --seed 42 --out target/eval/travel-100k.data
#   recommend-service/src/eval/evaluate.sh evaluate --data target/eval/travel-100k.data --out target/eval/report.md
#   recommend-service/src/eval/evaluate.sh evaluate --data ml-100k/u.data --mahout none --ours ease/lambda=16
set -euo pipefail
module="$(cd "$(dirname "$0")/../.." && pwd)"
(cd "$module/.." && ./mvnw -B -q -pl recommend-service test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/eval.classpath -Dmdep.includeScope=test)
# run from a private copy: a concurrent build of the module rewrites target/test-classes
snapshot="$(mktemp -d "$module/target/eval-classes.XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT
cp -r "$module/target/classes" "$snapshot/main"
cp -r "$module/target/test-classes" "$snapshot/test"
test -f "$snapshot/test/io/wayfarer/recommend/model/eval/mahout/MahoutRecommenders.class" \
    || { echo "Mahout classes missing: was target/ rebuilt during this build? run again" >&2; exit 1; }
java -Xms2g -Xmx4g -Dlogback.configurationFile="$module/src/eval/logback-eval.xml" \
    -cp "$snapshot/test:$snapshot/main:$(cat "$module/target/eval.classpath")" \
    io.wayfarer.recommend.model.eval.EvaluateCli "$@"
