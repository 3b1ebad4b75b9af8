#!/bin/sh
# Registers Reelsmith's namespace and the search attributes its workflows set, once the Temporal
# server answers. Idempotent: an existing namespace is kept, and an attribute that already exists
# with the same type is accepted (one with another type fails loudly, as it should).
#
# Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_RETENTION (set in docker-compose.yml).
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS must name the Temporal frontend, host:port}"
: "${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE must name the namespace to register}"
retention=${TEMPORAL_RETENTION:-72h}

# Up to two minutes: the server's port opens before its services have joined the ring.
tries=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "temporal-setup: the Temporal server at $TEMPORAL_ADDRESS is not serving after 2 minutes" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" \
  --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "temporal-setup: namespace $TEMPORAL_NAMESPACE exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" \
    --namespace "$TEMPORAL_NAMESPACE" --retention "$retention"
  echo "temporal-setup: namespace $TEMPORAL_NAMESPACE created (retention $retention)"
fi

# What operators filter on in Temporal Web (PRODUCT.md section 8). A namespace created a moment
# ago takes a few seconds to reach every frontend, hence the retries.
tries=0
until temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" \
  --namespace "$TEMPORAL_NAMESPACE" \
  --name ReelsmithUser --type Keyword \
  --name ReelsmithStep --type Keyword \
  --name ReelsmithStatus --type Keyword \
  --name ReelsmithProduct --type Text; do
  tries=$((tries + 1))
  if [ "$tries" -ge 10 ]; then
    echo "temporal-setup: could not register the search attributes in $TEMPORAL_NAMESPACE" >&2
    exit 1
  fi
  sleep 3
done
temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
echo "temporal-setup: done"
