#!/usr/bin/env bash
# Runs a test-scope main of the gateway (a benchmark or the soak) against gateway/target/parkedge.jar,
# from gateway/ as the README's benchmarks do. Builds the jar and the test classes first (offline
# when the local repository has everything: set MVN_OFFLINE= to go online). Never `mvn install`.
#   packaging/reliability/run-main.sh dev.parkedge.gateway.reliability.Soak 120 10
set -euo pipefail
cd "$(dirname "$0")/../.."
main="$1"; shift
offline="${MVN_OFFLINE--o}"
mvn -B -q $offline -pl gateway -am package -DskipTests
cd gateway
mvn -B -q $offline dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$main" "$@"
