#!/usr/bin/env bash
# The benchmark of issue 5: builds the dev launcher (the server plus an embedded Kafka broker) and the bench, then
# runs the bench, which starts PostgreSQL (embedded, durable, unless --pg-url is given) and the server as a separate
# process, and appends its results to docs/benchmarks.md. Arguments go to the bench; --help lists them.
#
#   infra/bench/run.sh                                   # embedded PostgreSQL 16, default settings
#   infra/bench/run.sh --pg-url=jdbc:postgresql://localhost:5432/postgres --pg-user=postgres --pg-password=…
#   infra/bench/run.sh --label="quiet official run" --concurrency=32
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl custody-dev,custody-bench -am package -DskipTests
exec java -jar custody-bench/target/custody-bench.jar "$@"
