#!/usr/bin/python3
"""The Python tools SREs and ML engineers reach for, on exactly the features and time split the
platform trained on (its own figures, FastTree and the isolation forest among them, are in the
`mlops train` output before this script's): `mlops train --export-features FILE` writes FILE, this script reads it.

Columns of FILE: split ("train", "validation" or "test"), label (0/1), then one column per feature.
Optional second argument: the subsample size the platform's isolation forest chose on validation, for a
scikit-learn forest with the same setting. Prints one JSON object per model: training seconds, scoring rows/s,
ROC-AUC and PR-AUC on the test part.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingClassifier, IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score


def measure(name, fit, score, train_x, train_y, test_x, test_y):
    started = time.perf_counter()
    model = fit(train_x, train_y)
    trained = time.perf_counter() - started
    started = time.perf_counter()
    scores = score(model, test_x)
    scored = time.perf_counter() - started
    print(json.dumps({
        "model": name,
        "train_seconds": round(trained, 3),
        "score_rows_per_second": round(len(test_x) / scored),
        "roc_auc": round(float(roc_auc_score(test_y, scores)), 4),
        "pr_auc": round(float(average_precision_score(test_y, scores)), 4),
    }), flush=True)


def main(path, forest_subsample=None):
    frame = pd.read_csv(path)
    features = [column for column in frame.columns if column not in ("split", "label")]
    # These fit on train + validation (the platform fits on train; validation picks its thresholds).
    fit_part = frame[frame["split"] != "test"]
    train_part = frame[frame["split"] == "train"]
    validation_part = frame[frame["split"] == "validation"]
    test_part = frame[frame["split"] == "test"]
    train_x = fit_part[features].to_numpy(dtype=np.float32)
    train_y = fit_part["label"].to_numpy()
    test_x = test_part[features].to_numpy(dtype=np.float32)
    test_y = test_part["label"].to_numpy()
    print(json.dumps({"rows_fit": len(train_x), "rows_test": len(test_x), "features": len(features),
                      "test_positive_share": round(float(test_y.mean()), 4)}), flush=True)

    measure("xgboost-hist-100",
            lambda x, y: xgb.XGBClassifier(tree_method="hist", n_estimators=100, n_jobs=2, random_state=42).fit(x, y),
            lambda m, x: m.get_booster().inplace_predict(x),
            train_x, train_y, test_x, test_y)
    measure("sklearn-hgb",
            lambda x, y: HistGradientBoostingClassifier(max_iter=100, random_state=42).fit(x, y),
            lambda m, x: m.predict_proba(x)[:, 1],
            train_x, train_y, test_x, test_y)
    # Unsupervised: labels unused in fitting; a higher score means more anomalous.
    measure("sklearn-isolation-forest",
            lambda x, y: IsolationForest(n_estimators=100, random_state=42, n_jobs=2).fit(x),
            lambda m, x: -m.score_samples(x),
            train_x, train_y, test_x, test_y)
    # Like for like with the platform's FastTree, which fits on train and stops on the validation error rate at 0.5
    # (patience 5).
    measure("xgboost-hist-early-stopping",
            lambda x, y: xgb.XGBClassifier(tree_method="hist", n_estimators=100, n_jobs=2, random_state=42,
                                           early_stopping_rounds=5, eval_metric="error").fit(
                x, y, eval_set=[(validation_part[features].to_numpy(dtype=np.float32),
                                 validation_part["label"].to_numpy())], verbose=False),
            lambda m, x: m.get_booster().inplace_predict(x, iteration_range=(0, m.best_iteration + 1)),
            train_part[features].to_numpy(dtype=np.float32), train_part["label"].to_numpy(), test_x, test_y)
    if forest_subsample:
        # Like for like with the platform's forest: the subsample it chose on validation, grown on train + validation.
        measure(f"sklearn-isolation-forest-max-samples-{forest_subsample}",
                lambda x, y: IsolationForest(n_estimators=100, max_samples=forest_subsample, random_state=42,
                                             n_jobs=2).fit(x),
                lambda m, x: -m.score_samples(x),
                train_x, train_y, test_x, test_y)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
