#!/usr/bin/env bash
# Times the video step (4 scenes rendered two at a time, then the stitch) for a 30 s 720p ad
# and the ffmpeg command line doing comparable work with the same encoder and settings.
#
#   bench/render.sh [--gpl] [runs] [work folder]
#
# --gpl builds with the GPL FFmpeg natives, so both sides use libx264 instead of libopenh264.
# Both sides are CPU-bound on all cores: on a machine shared with other work, run the script
# under `nice -n -15` (as root) so that the other work does not decide the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=()
if [[ "${1:-}" == "--gpl" ]]; then
  profile=(-Pgpl)
  shift
fi

# The ffmpeg program inside the bytedeco jar links against PulseAudio's client library.
if ! ldconfig -p | grep -q 'libpulse\.so\.0'; then
  apt-get update -qq && apt-get install -y -qq libpulse0 >/dev/null
fi

mvn -B -q "${profile[@]}" -pl bench -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt

exec java -Djava.awt.headless=true -Xms1g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.reelsmith.bench.RenderBenchmark "$@"
