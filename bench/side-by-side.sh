#!/usr/bin/env bash
# FastTree (mlops train) against xgboost 1.7 hist, sklearn HGB and IsolationForest on the same SMD features and
# time split: 4 machines, label "anomaly within 15 min", 70/30 time split (55% train + 15% validation, 30% test).
# Usage: bench/side-by-side.sh [SMD_DIR] [WORK_DIR]   (needs python3-pandas, python3-sklearn, python3-xgboost)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
smd="${1:-/work/shared/data/smd}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
dotnet build "$repo/src/Cli" -c Release -v q -nologo >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
ArtifactStore__RootPath="$work/artifacts" dotnet "$repo/src/Cli/bin/Release/net10.0/mlops.dll" train \
  --dataset smd --path "$smd" --machines 4 --horizon-minutes 15 \
  --train-fraction 0.55 --validation-fraction 0.15 \
  --report "$work/smd-report.json" --export-features "$work/smd-features.csv"
echo "load average after mlops train: $(cut -d' ' -f1-3 /proc/loadavg)"
# The subsample size the platform's isolation forest chose on validation, for scikit-learn's like-for-like forest.
chosen="$(grep -ho '"isolation_forest.subsample_chosen": *"[0-9]*"' "$work"/artifacts/models/smd/*/manifest.json | head -1 | grep -o '[0-9]*"$' | tr -d '"')"
/usr/bin/python3 "$repo/bench/side_by_side.py" "$work/smd-features.csv" $chosen
echo "load average after side_by_side.py: $(cut -d' ' -f1-3 /proc/loadavg)"
