#!/usr/bin/env bash
# Ingestion benchmark: the same N telemetry rows stored three ways, each into a fresh database with the
# same schema (partitioned telemetry_samples with its unique series+time key):
#   1. mlops import            (CSV -> validation -> binary COPY into staging -> INSERT ... ON CONFLICT)
#   2. POST /telemetry          (CSV batches over HTTP to the API started with dotnet run, same store path)
#   3. psql \copy               (straight into telemetry_samples: no validation, no staging, no conflict check)
# Prints rows/s for each, the ratio to \copy, and peak RSS (/usr/bin/time -v, or VmHWM for the API).
#
#   bench/ingest.sh [ROWS] [API_BATCH_ROWS]     defaults: 2000000 rows, 50000 rows per POST
# Needs the dev PostgreSQL (deploy/dev/services.sh up) and psql.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rows=${1:-2000000}
batch_rows=${2:-50000}
api_port=${BENCH_API_PORT:-5190}
pg_host=${PGHOST:-127.0.0.1} pg_port=${PGPORT:-61432} pg_user=${PGUSER:-mlops}
export PGPASSWORD=${PGPASSWORD:-mlops}
work=.dev/bench-ingest
mkdir -p "$work"
csv=$work/telemetry-$rows.csv

connection() { printf 'Host=%s;Port=%s;Database=%s;Username=%s;Password=%s' "$pg_host" "$pg_port" "$1" "$pg_user" "$PGPASSWORD"; }
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$@"; }
fresh_db() {
  psql_db mlops -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
  dotnet src/Cli/bin/Release/net10.0/mlops.dll db migrate --connection-string "$(connection "$1")" >/dev/null
}
now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

# 1000 series (20 services x 10 hosts x 5 metrics), one row per series and minute.
if [ ! -s "$csv" ]; then
  echo "generating $rows rows -> $csv"
  /usr/bin/python3 - "$rows" "$csv" <<'PY'
import sys, datetime
rows, path = int(sys.argv[1]), sys.argv[2]
start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
series = [(f"svc-{s:02d}", f"host-{h:02d}", f"metric_{m}") for s in range(20) for h in range(10) for m in range(5)]
with open(path, "w") as out:
    out.write("time,service,host,region,environment,metric,value\n")
    written, minute = 0, 0
    while written < rows:
        stamp = (start + datetime.timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ")
        for i, (service, host, metric) in enumerate(series):
            if written == rows:
                break
            out.write(f"{stamp},{service},{host},eu-west-1,prod,{metric},{(minute * 7 + i) % 1000 / 10}\n")
            written += 1
        minute += 1
PY
fi

echo "building (Release)"
dotnet build -c Release src/Cli -v q -nologo >/dev/null
dotnet build -c Release src/Api -v q -nologo >/dev/null

# --- 1. mlops import ------------------------------------------------------------------------------
fresh_db mlops_bench_import
start=$(now)
/usr/bin/time -v -o "$work/import.time" dotnet src/Cli/bin/Release/net10.0/mlops.dll import --kind telemetry "$csv" \
  --batch-size "$batch_rows" --connection-string "$(connection mlops_bench_import)" >"$work/import.log"
import_seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
import_rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$work/import.time")
# The same import of a quarter of the file: peak memory should not grow with the number of batches.
head -n $((rows / 4 + 1)) "$csv" >"$work/quarter.csv"
fresh_db mlops_bench_quarter
/usr/bin/time -v -o "$work/quarter.time" dotnet src/Cli/bin/Release/net10.0/mlops.dll import --kind telemetry "$work/quarter.csv" \
  --batch-size "$batch_rows" --connection-string "$(connection mlops_bench_quarter)" >/dev/null
quarter_rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$work/quarter.time")

# --- 2. POST /telemetry ---------------------------------------------------------------------------
fresh_db mlops_bench_api
rm -rf "$work/chunks" && mkdir -p "$work/chunks"
tail -n +2 "$csv" | split -l "$batch_rows" -d -a 5 - "$work/chunks/part-"
header=$(head -n 1 "$csv")
for part in "$work"/chunks/part-*; do { printf '%s\n' "$header"; cat "$part"; } >"$part.csv" && rm "$part"; done
ConnectionStrings__Postgres="$(connection mlops_bench_api)" Urls="http://127.0.0.1:$api_port" Logging__LogLevel__Default=Warning \
  Ingestion__MaxBatchRows="$batch_rows" Ingestion__MaxRequestBytes=$((batch_rows * 200)) \
  dotnet run -c Release --no-build --project src/Api >"$work/api.log" 2>&1 &
api_pid=$!
trap 'kill "$api_pid" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$api_port/healthz" >/dev/null; do
  kill -0 "$api_pid" 2>/dev/null || { cat "$work/api.log"; exit 1; }
  sleep 0.2
done
start=$(now)
for part in "$work"/chunks/part-*.csv; do
  curl -sf -X POST -H 'Content-Type: text/csv' --data-binary "@$part" "http://127.0.0.1:$api_port/telemetry" >/dev/null
done
api_seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
# dotnet run starts the API as a child process; its peak RSS is the high-water mark of that child.
api_process=$(pgrep -P "$api_pid" -f MLOps.Api || echo "$api_pid")
api_rss=$(awk '/VmHWM/ { print $2 }' "/proc/$api_process/status")
kill "$api_pid" 2>/dev/null || true

# --- 3. psql \copy --------------------------------------------------------------------------------
fresh_db mlops_bench_copy
psql_db mlops_bench_copy -c "SELECT ensure_telemetry_partition(m) FROM generate_series('2026-01-01'::timestamptz, '2026-12-01', interval '1 month') AS m" >/dev/null
start=$(now)
psql_db mlops_bench_copy -c "\\copy telemetry_samples (time, service, host, region, environment, metric, value) FROM '$csv' WITH (FORMAT csv, HEADER true)"
copy_seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')

for db in mlops_bench_import mlops_bench_api mlops_bench_copy; do
  stored=$(psql_db "$db" -At -c "SELECT count(*) FROM telemetry_samples")
  [ "$stored" -eq "$rows" ] || { echo "$db holds $stored rows, expected $rows" >&2; exit 1; }
done

copy_rate=$(rate "$rows" "$copy_seconds")
printf '\nIngestion of %s rows (1000 series), batches of %s rows\n' "$rows" "$batch_rows"
printf '%-16s %10s %12s %10s %s\n' method seconds rows/s "vs \\copy" "peak RSS"
printf '%-16s %10.1f %12s %9.0f%% %s\n' "mlops import" "$import_seconds" "$(rate "$rows" "$import_seconds")" \
  "$(awk -v a="$copy_seconds" -v b="$import_seconds" 'BEGIN { print 100 * a / b }')" "${import_rss} kB (quarter of the rows: ${quarter_rss} kB)"
printf '%-16s %10.1f %12s %9.0f%% %s\n' "POST /telemetry" "$api_seconds" "$(rate "$rows" "$api_seconds")" \
  "$(awk -v a="$copy_seconds" -v b="$api_seconds" 'BEGIN { print 100 * a / b }')" "${api_rss} kB (API process)"
printf '%-16s %10.1f %12s %9s\n' "psql \\copy" "$copy_seconds" "$copy_rate" "100%"
