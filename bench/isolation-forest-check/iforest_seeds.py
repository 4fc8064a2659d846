#!/usr/bin/python3
"""scikit-learn's IsolationForest (100 trees, SUBSAMPLE-row subsamples, default 256, all features) on the rows
`mlops train --export-features FILE` wrote, fitted on "train" and on "train+validation" with seeds 0..SEEDS-1,
scored on "test"; the counterpart of isolation-forest-check.cs.
    /usr/bin/python3 bench/isolation-forest-check/iforest_seeds.py FILE [SEEDS] [SUBSAMPLE]
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score


def main(path, seeds, subsample):
    frame = pd.read_csv(path)
    features = [column for column in frame.columns if column not in ("split", "label")]
    test = frame[frame["split"] == "test"]
    test_x = test[features].to_numpy(dtype=np.float32)
    test_y = test["label"].to_numpy()
    for name, part in (("train", frame[frame["split"] == "train"]), ("train+validation", frame[frame["split"] != "test"])):
        fit_x = part[features].to_numpy(dtype=np.float32)
        for seed in range(seeds):
            scores = -IsolationForest(n_estimators=100, max_samples=subsample, random_state=seed, n_jobs=2).fit(fit_x).score_samples(test_x)
            print(json.dumps({"model": "sklearn-isolation-forest", "subsample": subsample, "fit": name, "seed": seed,
                              "roc_auc": round(float(roc_auc_score(test_y, scores)), 4),
                              "pr_auc": round(float(average_precision_score(test_y, scores)), 4)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5, int(sys.argv[3]) if len(sys.argv) > 3 else 256)
