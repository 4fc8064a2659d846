#!/bin/sh
# One-shot schema setup for Temporal's PostgreSQL stores, run by the temporal-admin-tools service
# (temporalio/admin-tools image) before the server starts. It replaces what the deprecated
# temporalio/auto-setup image used to do on every start.
#
# For each of the two databases: create (a no-op when deploy/postgres/10-databases.sql already
# made it), set up the schema-version tables (setup-schema -v 0.0 is idempotent), then apply every
# versioned migration newer than the recorded version (update-schema). Safe to run on every
# `docker compose up`; after a server upgrade it is what migrates the schema.
#
# Settings come from the environment (the compose file sets them):
#   SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD   read by temporal-sql-tool itself
#   TEMPORAL_DB, TEMPORAL_VISIBILITY_DB          database names
set -eu

plugin=postgres12 # the plugin for PostgreSQL 12 and newer
schema_root=/etc/temporal/schema/postgresql/v12
main_db=${TEMPORAL_DB:-temporal}
visibility_db=${TEMPORAL_VISIBILITY_DB:-temporal_visibility}

sql_tool() {
  # Host, port, user and password are taken from SQL_HOST/SQL_PORT/SQL_USER/SQL_PASSWORD, which
  # keeps the password out of the process list.
  temporal-sql-tool --plugin "$plugin" "$@"
}

# depends_on already waits for PostgreSQL's healthcheck; this only rides out a slow first start.
# `create` is harmless when the database exists, so it doubles as the connection check.
attempt=0
until sql_tool --db "$main_db" create; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "setup-schema: PostgreSQL at ${SQL_HOST:-?}:${SQL_PORT:-?} did not accept us after $attempt tries" >&2
    exit 1
  fi
  sleep 2
done

setup_database() {
  db=$1
  versioned_dir=$2
  echo "setup-schema: $db <- $versioned_dir"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$versioned_dir"
}

setup_database "$main_db" "$schema_root/temporal/versioned"
setup_database "$visibility_db" "$schema_root/visibility/versioned"

echo "setup-schema: done"
