#!/usr/bin/env bash
# The full crash test of issue 8: CrashIT with KILLS SIGKILLs (default 50) at seeded random moments
# (SEED default: random, printed so that a failure can be rerun). Needs socat and mosquitto; the
# kill log is gateway/target/CrashIT-kills.log, the daemon's logs gateway/target/CrashIT-run*.log.
#   packaging/reliability/crash.sh [KILLS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "crash: ${1:-50} kills, seed $seed"
mvn -B ${MVN_OFFLINE--o} -pl gateway -am verify -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CrashIT -Dcrash.kills="${1:-50}" -Dcrash.seed="$seed"
