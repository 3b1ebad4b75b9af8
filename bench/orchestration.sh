#!/usr/bin/env bash
# Orchestration benchmark: the workflow's own overhead per generation and generations per second,
# with instant activities on the in-process Temporal server. Prints its figures.
set -euo pipefail
cp="$("$(dirname "$0")/classpath.sh")"
exec java -cp "$cp" dev.reelsmith.bench.OrchestrationBenchmark
