#!/usr/bin/env bash
# Load benchmark: the built server (api/target/reelsmith.jar, embedded Temporal, local providers)
# on a loopback port with ten users; 50 generations submitted at once while 500 SSE clients watch.
# Prints completions, 5xx count, lost or repeated SSE updates, progress latency, and the server's
# peak RSS and CPU. Stops by itself (20 minutes at most); takes its own data folder and removes it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cp="$("$root/bench/classpath.sh")"
data="$(mktemp -d)"
port="${REELSMITH_BENCH_PORT:-18086}"
users="$(for i in $(seq 1 10); do printf 'user%d:secret-%d,' "$i" "$i"; done)"
users="${users%,}"

REELSMITH_DATA_DIR="$data" REELSMITH_USERS="$users" \
  java -Xmx2g -Dorg.bytedeco.javacpp.cachedir="$root/bench/target/javacpp-cache" \
  -jar "$root/api/target/reelsmith.jar" --server.address=127.0.0.1 --server.port="$port" \
  > "$root/bench/target/load-server.log" 2>&1 &
server=$!
# The server ends by our SIGTERM (status 143): that is no failure of the benchmark, so the trap
# neither exits with it nor stops before removing the data folder.
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$root/bench/target/load-server.log"; exit 1; }
  sleep 1
done

java -Xmx1g -cp "$cp" dev.reelsmith.bench.LoadBenchmark \
  "http://127.0.0.1:$port" "$server" "$root/examples" "$users"
