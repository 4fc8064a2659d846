#!/usr/bin/env bash
# The outage part of the probe (on demand; CI runs the fast part in tests/Probe.Tests): the API over a
# throw-away PostgreSQL this script starts itself (never the shared dev services), a bounded ingestion load,
# PostgreSQL stopped for OUTAGE_SECONDS under that load and started again. Checks that every refusal during the
# outage is 503 with Retry-After (never another 5xx; a request in flight when it stops may still succeed), that ingestion recovers without restarting the API, and
# that acknowledged rows == stored rows (each client retries a batch with its Idempotency-Key until it is
# acknowledged, as a collector would). Prints the figures; exits non-zero when a check fails.
#
#   bench/probe/outage.sh            # WORKERS=4 ROWS=100 OUTAGE_SECONDS=15 BEFORE_SECONDS=5 AFTER_SECONDS=10
#
# Needs the API built (dotnet build src/Api) and PostgreSQL's binaries (apt-get install postgresql).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

workers=${WORKERS:-4}
rows=${ROWS:-100}
before=${BEFORE_SECONDS:-5}
outage=${OUTAGE_SECONDS:-15}
after=${AFTER_SECONDS:-10}
pg_port=${PROBE_PG_PORT:-61532}
api_port=${PROBE_API_PORT:-61580}
api_dll=src/Api/bin/Debug/net10.0/MLOps.Api.dll
[ -f "$api_dll" ] || { echo "build the API first: dotnet build src/Api" >&2; exit 2; }

. bench/probe/throwaway.sh
throwaway_start "$api_dll"

# One client: distinct batches of $rows rows, each retried with its Idempotency-Key until acknowledged.
client() {
  local worker=$1 batch=0 body status retry
  while [ ! -f "$work/stop" ]; do
    body="time,service,host,region,environment,metric,value"$'\n'
    for ((row = 0; row < rows; row++)); do
      body+="2026-03-01T00:00:00Z,outage-$worker-$batch,h$row,eu,prod,up,1"$'\n'
    done
    local key
    key=$(cat /proc/sys/kernel/random/uuid)
    while :; do
      read -r status retry < <(curl -s -o /dev/null -w '%{http_code} %header{retry-after}\n' \
        -H "Authorization: Bearer $token" -H "Idempotency-Key: $key" -H 'Content-Type: text/csv' \
        --data-binary "$body" "http://127.0.0.1:$api_port/telemetry" || echo "000 -")
      printf '%s %s %s\n' "$(date +%s.%N)" "$status" "${retry:--}" >>"$work/answers.$worker"
      [ "$status" = 200 ] && break
      [ -f "$work/stop" ] && break 2
      sleep 0.2
    done
    printf '%s\n' "$rows" >>"$work/acked.$worker"
    batch=$((batch + 1))
  done
}

for ((worker = 0; worker < workers; worker++)); do client "$worker" & done
sleep "$before"
stopped=$(date +%s.%N); pg stop -m fast
sleep "$outage"
restarted=$(date +%s.%N); pg start
sleep "$after"
touch "$work/stop"; wait $(jobs -p | grep -v "^$api_pid$") 2>/dev/null || true

cat "$work"/answers.* | sort -n >"$work/answers"
acked=$(cat "$work"/acked.* 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
stored=$(psql_probe "SELECT count(*) FROM telemetry_samples WHERE service LIKE 'outage-%'")
during=$(awk -v a="$stopped" -v b="$restarted" '$1 >= a && $1 < b' "$work/answers")
recovered=$(awk -v b="$restarted" '$1 >= b && $2 == 200 { print $1 - b; exit }' "$work/answers")
other5xx=$(awk '$2 >= 500 && $2 != 503 || $2 == "000"' "$work/answers" | wc -l)
no_retry_after=$(awk '$2 == 503 && $3 == "-"' "$work/answers" | wc -l)
outage_logs=$(grep -c 'PostgreSQL is unreachable' "$work/api.log" || true)

echo "outage probe: $workers clients, $rows-row batches, PostgreSQL down ${outage}s"
echo "  answers: $(wc -l <"$work/answers") ($(awk '{ print $2 }' "$work/answers" | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }'))"
echo "  during the outage: $(printf '%s\n' "$during" | grep -c . || true) answers ($(printf '%s\n' "$during" | awk 'NF { print $2 }' | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }'))"
echo "  503 without Retry-After: $no_retry_after; other 5xx or no answer: $other5xx"
echo "  first 200 after restart: ${recovered:-never} s; 'PostgreSQL is unreachable' logged: $outage_logs time(s)"
echo "  acknowledged rows: $acked; stored rows: $stored"
[ "$other5xx" -eq 0 ] && [ "$no_retry_after" -eq 0 ] && [ -n "$recovered" ] && [ "$acked" -eq "$stored" ] \
  && printf '%s\n' "$during" | awk 'NF && $2 == 503 { seen = 1 } NF && $2 != 503 && $2 != 200 { bad = 1 } END { exit bad || !seen }'
