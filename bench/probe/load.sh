#!/usr/bin/env bash
# The ingestion load table (on demand): POST /telemetry under closed-loop load at 1, 4, 16 and 64 connections,
# each client sending distinct ROWS-row CSV batches back to back for SECONDS, against the Release API over a
# throw-away PostgreSQL this script starts itself (never the shared dev services). Prints rows/s and p50/p99
# latency per connection count, then checks that acknowledged rows == stored rows.
#
#   bench/probe/load.sh            # STEP_SECONDS=20 ROWS=500 CONNECTIONS="1 4 16 64"
#
# Needs PostgreSQL's binaries (apt-get install postgresql); builds the API and the driver in Release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

seconds=${STEP_SECONDS:-20}
rows=${ROWS:-500}
connections=${CONNECTIONS:-"1 4 16 64"}
pg_port=${PROBE_PG_PORT:-61532}
api_port=${PROBE_API_PORT:-61580}

echo "building the API and the load driver (Release)" >&2
dotnet build -c Release src/Api -v q -nologo >/dev/null
dotnet build -c Release bench/MLOps.Benchmarks -v q -nologo >/dev/null
api_dll=src/Api/bin/Release/net10.0/MLOps.Api.dll
driver() { dotnet bench/MLOps.Benchmarks/bin/Release/net10.0/MLOps.Benchmarks.dll "$@"; }

. bench/probe/throwaway.sh
throwaway_start "$api_dll"

echo "ingestion load: POST /telemetry, $rows-row CSV batches, ${seconds}s per step, $(nproc) cores shared by API, PostgreSQL and driver"
driver ingest-load-header
: >"$work/table"
for c in $connections; do
  driver ingest-load "http://127.0.0.1:$api_port/" "$token" "$c" "$seconds" "$rows" | tee -a "$work/table"
done

acked=$(awk -v r="$rows" '{ s += $2 * r } END { print s + 0 }' "$work/table")
stored=$(psql_probe "SELECT count(*) FROM telemetry_samples WHERE service LIKE 'load-c%'")
echo "acknowledged rows: $acked; stored rows: $stored"
[ "$acked" -eq "$stored" ]
