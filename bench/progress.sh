#!/usr/bin/env bash
# Progress benchmark: the SSE progress stream with 20 generations in flight and 1,000 clients, the
# whole application in-process on loopback with slow no-op activities. Prints its figures and stops
# by itself within a few minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cp="$("$root/bench/classpath.sh")"
# api/target/classes first: the api jar on the classpath is the Spring Boot fat jar.
exec java -Xmx1g -Djava.awt.headless=true \
  -Dorg.bytedeco.javacpp.cachedir="$root/bench/target/javacpp-cache" \
  -cp "$root/api/target/classes:$cp" dev.reelsmith.bench.ProgressBenchmark "$root/examples"
