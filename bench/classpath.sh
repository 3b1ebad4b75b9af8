#!/usr/bin/env bash
# Builds the bench module and what it needs (no tests) and prints its runtime classpath.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -pl bench -am -DskipTests -Dspotless.check.skip=true package \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime >&2
echo "$root/bench/target/classes:$(cat bench/target/bench.classpath)"
