#!/usr/bin/env bash
# Runs every test of the solution against real local services: starts them first
# (deploy/dev/services.sh up installs what is missing), then `dotnet test`, then prints
#   tests: N passed, N failed, N skipped
# from the TRX results. Extra arguments go to `dotnet test` (e.g. --filter Category=Fast).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

deploy/dev/services.sh up
env_file=$(deploy/dev/services.sh env-file)
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a

results=.dev/test-results
rm -rf "$results"
status=0
# Normal verbosity is the lowest at which xunit prints why a test was skipped.
dotnet test MLOps.sln --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

# One TRX file per test project; sum their counters. A skipped test is counted in total but not
# in executed (notExecuted stays 0 for xunit skips), so skipped = total - executed.
summary=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  {
    for (i = 1; i <= NF; i++) {
      split($i, kv, "=")
      gsub(/"/, "", kv[2])
      if (kv[1] == "passed") passed += kv[2]
      if (kv[1] == "failed" || kv[1] == "error" || kv[1] == "timeout" || kv[1] == "aborted") failed += kv[2]
      if (kv[1] == "total") total += kv[2]
      if (kv[1] == "executed") executed += kv[2]
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, total - executed }')
printf '%s\n' "$summary" >"$results/summary.txt"
printf '%s\n' "$summary"
exit "$status"
