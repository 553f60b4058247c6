#!/usr/bin/env bash
# Fleet simulation: how a release travels through a large fleet, and what the fleet asks of its servers.
#
#   bench/fleet.sh [HOSTS [IMAGE_MIB [MBIT_PER_HOST [SEED]]]]      (defaults: 10000 500 100 1)
#
# It builds the reconciler module's test classes (Maven, no install) and runs
# dev.berth.reconciler.bench.FleetSimulation: HOSTS agents in one JVM, each a host made of the reconciler's fakes
# with its own random machine-id (seeded by SEED), running the real loop, reconciler, planner, targeting
# (FleetManifest.forHost) and rollout gate on one simulated clock, with the agents' default interval and jitter.
# One repository holds web 1.0; a commit moves it to 2.0 with waves [1 %, 10 %, 50 %, 100 %], every 30m. It prints
# Markdown tables (docs/benchmarks.md, "Fleet simulation", explains them):
#   - hosts on 1.0, waiting for their wave, halted, moving, on 2.0 and rolled back, over time after the commit;
#   - the same when 2.0 fails its health check: the first wave rolls back, every later wave halts;
#   - git fetches per second (average, busiest second), for a fleet running for a while, a fleet started in the
#     same second, and during the rollout (in waves; in waves from one `start:`; without `rollout:`);
#   - image downloads: the busiest second, the most at once and the image server's bandwidth then, for an image
#     of IMAGE_MIB MiB that each host downloads at MBIT_PER_HOST Mbit/s.
# It takes about a minute of CPU for 10,000 hosts. MVN_FLAGS (for example -o) are passed to Maven.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

for arg in "$@"; do
  [[ $arg =~ ^[0-9]+$ && $arg -gt 0 ]] || {
    echo "fleet.sh: arguments are positive whole numbers: HOSTS IMAGE_MIB MBIT_PER_HOST SEED, got '$arg'" >&2
    exit 2
  }
done

echo "fleet.sh: building the reconciler's test classes" >&2
# shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
mvn -B -q -ntp ${MVN_FLAGS:-} -pl reconciler -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
CP="reconciler/target/test-classes:reconciler/target/classes:$(cat reconciler/target/bench.classpath)"
exec java -cp "$CP" dev.berth.reconciler.bench.FleetSimulation "$@"
