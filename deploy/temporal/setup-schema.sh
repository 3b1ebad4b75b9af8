#!/bin/sh
# Creates Temporal's two PostgreSQL databases and brings their schemas up to the version this
# admin-tools image ships. Every step is idempotent (an existing database is kept, a schema
# already at or past a version is left alone), so the stack runs it on every `up`; upgrading the
# Temporal images therefore migrates the schema before the new server starts.
#
# temporal-sql-tool reads its connection from SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER and
# SQL_PASSWORD (set in docker-compose.yml).
set -eu

schemas=/etc/temporal/schema/postgresql/v12

migrate() {
  db=$1
  dir=$2
  echo "temporal-schema: database $db"
  temporal-sql-tool --db "$db" create
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema -d "$dir"
}

# The names are the temporal server image's defaults (DBNAME, VISIBILITY_DBNAME).
migrate temporal "$schemas/temporal/versioned"
migrate temporal_visibility "$schemas/visibility/versioned"
echo "temporal-schema: done"
