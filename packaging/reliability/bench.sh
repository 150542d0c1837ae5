#!/usr/bin/env bash
# The end-to-end benchmark of issue 8: start-up, frame-to-indicator latency over real
# pseudo-terminals, sustained ingest, bytes written per event and resident memory of a 5,000-space
# site (daemon on one core, shipped JVM options), then LoRaWAN uplinks/s through a real Mosquitto;
# prints one Markdown table with the machine, next to the previous figures. Needs socat, mosquitto
# and taskset. Takes about 13 minutes; run it on an otherwise idle machine.
#   packaging/reliability/bench.sh [SPACES] [LORAWAN_UPLINKS]
set -euo pipefail
here="$(dirname "$0")"
exec "$here/run-main.sh" dev.parkedge.gateway.bench.EndToEndBenchmark "${1:-5000}" \
  target/parkedge.jar "${2:-20000}"
