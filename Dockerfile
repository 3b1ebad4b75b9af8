# syntax=docker/dockerfile:1
# Reelsmith's image: the one jar, for every role. docker-compose.yml runs it twice, as the api
# (REELSMITH_ROLE=api) and as the scalable worker (REELSMITH_ROLE=worker). The image has no
# HEALTHCHECK because the roles differ: the API answers /actuator/health, a worker serves no HTTP.

# Node for the ui module's npm build (Vite needs Node 20.19+ or 22.12+); only its binaries are
# copied into the build stage below.
FROM node:22-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && node --version && npm --version
WORKDIR /src
COPY . .
# The api module and what it needs (workflows, activities, ui); the benchmarks are left out.
# The caches keep Maven's and npm's downloads between builds.
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=cache,target=/root/.npm \
    mvn -B -DskipTests -pl api -am package

# glibc-based (Ubuntu), as bytedeco's linux-x86_64 FFmpeg natives need; has curl for the health
# check and fontconfig/freetype for the caption renderer.
FROM eclipse-temurin:17-jre-noble
RUN groupadd --system --gid 10001 reelsmith \
    && useradd --system --uid 10001 --gid reelsmith --home-dir /app --shell /usr/sbin/nologin reelsmith \
    && mkdir -p /app /data \
    && chown reelsmith:reelsmith /data
COPY --from=build /src/api/target/reelsmith.jar /app/reelsmith.jar
# Media and manifests. A new named volume mounted here starts owned by the reelsmith user.
ENV REELSMITH_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
# reelsmith, by number so that a runtime can check it is not root.
USER 10001:10001
# JavaCPP unpacks the FFmpeg natives on first use; /tmp is writable whatever user runs this.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.awt.headless=true", "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp", "-jar", "/app/reelsmith.jar"]
