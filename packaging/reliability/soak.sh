#!/usr/bin/env bash
# The full soak of issue 8: the daemon jar with the shipped JVM options for MINUTES (default 120)
# at 10x the average load of a 5,000-space site (gateway/README.md, Reliability harness), reference
# sample at REFERENCE minutes (default 10). Needs socat and mosquitto. Exit 0 on PASS.
#   packaging/reliability/soak.sh [MINUTES] [REFERENCE] [SEED] [REPORT]
set -euo pipefail
here="$(dirname "$0")"
exec "$here/run-main.sh" dev.parkedge.gateway.reliability.Soak "${1:-120}" "${2:-10}" \
  "${3:-$RANDOM}" "${4:-target/soak-report.txt}"
