"""Writes random (score, label) cases with many ties, and scikit-learn's ROC-AUC and average precision
for each, for sklearn-check.cs to compare with MLOps.Core's RankingMetrics.

    /usr/bin/python3 bench/sklearn-check/generate_cases.py OUT_DIR
    dotnet run bench/sklearn-check/sklearn-check.cs -- OUT_DIR
"""
import pathlib
import sys

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(7)
with open(out / "cases.txt", "w") as cases, open(out / "expected.txt", "w") as expected:
    for _ in range(200):
        n = rng.integers(2, 300)
        levels = rng.integers(2, 50)  # few distinct scores, so ties are common
        scores = rng.integers(0, levels, n) / levels
        labels = rng.random(n) < rng.uniform(0.05, 0.6)
        if labels.all() or (~labels).all():
            continue  # both metrics are undefined for one class
        cases.write(" ".join(repr(float(s)) for s in scores) + "|" + " ".join("1" if b else "0" for b in labels) + "\n")
        expected.write(f"{roc_auc_score(labels, scores)!r} {average_precision_score(labels, scores)!r}\n")
