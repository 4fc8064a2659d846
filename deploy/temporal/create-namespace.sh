#!/bin/sh
# One-shot bootstrap run by the temporal-create-namespace service (temporalio/admin-tools image)
# once the server answers. Servers from 1.30 on create no namespace by themselves, and the
# platform's workflows need the custom search attributes below before the first one starts
# (ModelLifecycleWorkflow upserts them; the Temporal UI filters on them as the audit view).
#
# Idempotent: existing namespace and attributes are left alone, so it runs on every `up`.
#
# Settings come from the environment (the compose file sets them):
#   TEMPORAL_ADDRESS              frontend host:port               (default temporal:7233)
#   TEMPORAL_NAMESPACE            namespace to create              (default default)
#   TEMPORAL_NAMESPACE_RETENTION  how long closed runs are kept    (default 720h = 30 days)
set -eu

address=${TEMPORAL_ADDRESS:-temporal:7233}
namespace=${TEMPORAL_NAMESPACE:-default}
retention=${TEMPORAL_NAMESPACE_RETENTION:-720h}

# Keyword attributes; PostgreSQL visibility offers ten Keyword slots per namespace.
search_attributes="MlopsModel MlopsChampionVersion MlopsCandidateVersion MlopsStage"

log() { printf 'create-namespace: %s\n' "$*" >&2; }

# Retries a command for up to $1 seconds: the server's port opens (its healthcheck) a little
# before every internal service is serving, and a new namespace takes a few seconds to reach the
# namespace cache of every service.
retry() {
  seconds=$1
  shift
  deadline=$(($(date +%s) + seconds))
  until "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "gave up after ${seconds}s: $*"
      return 1
    fi
    sleep 2
  done
}

log "waiting for the cluster at $address"
retry 180 temporal operator cluster health --address "$address"

if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
  log "namespace '$namespace' exists"
else
  log "creating namespace '$namespace' (retention $retention)"
  retry 60 temporal operator namespace create --namespace "$namespace" \
    --retention "$retention" --address "$address"
fi

for name in $search_attributes; do
  # `list` also fails while the new namespace is still propagating, hence the retry.
  existing=$(retry 60 temporal operator search-attribute list --namespace "$namespace" --address "$address")
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    log "search attribute $name exists"
    continue
  fi
  log "creating search attribute $name (Keyword)"
  retry 60 temporal operator search-attribute create --namespace "$namespace" \
    --name "$name" --type Keyword --address "$address"
done

log "done"
