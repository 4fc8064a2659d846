#!/usr/bin/python3
"""Featurize a telemetry.csv written by `mlops simulate` the way a data scientist would in pandas.

The same features as MLOps.Core.Features (service value = mean over hosts per minute; per metric: last value,
first difference, largest host distance from the host median, and rolling mean / std / robust z-score over
5, 15 and 60 minutes; error ratio; hour of day and day of week), computed idiomatically: pivot wide, then
vectorized rolling windows. The robust z-score needs a rolling MAD, which pandas only offers through
rolling().apply(). Prints timings; run under /usr/bin/time -v for peak memory.

Usage: /usr/bin/python3 bench/featurize_pandas.py /path/to/telemetry.csv [--no-robust-z]
  --no-robust-z  skip the rolling MAD (and so the robust z-score): only pandas' vectorized rolling kernels run,
                 the most favourable comparison for pandas.
"""
import sys
import time

import numpy as np
import pandas as pd

WINDOWS = (5, 15, 60)


def mad(x):
    x = x[~np.isnan(x)]
    if x.size == 0:
        return np.nan
    return np.median(np.abs(x - np.median(x)))


def featurize(df, robust_z=True):
    df["time"] = df["time"].dt.floor("min")
    # Service value per minute and metric: mean over hosts; one column per (service, metric), gaps as NaN.
    wide = df.pivot_table(index="time", columns=["service", "metric"], values="value", aggfunc="mean")
    wide = wide.asfreq("min")

    # Host distance from the service median, per minute.
    per_host = df.pivot_table(index=["service", "time", "host"], columns="metric", values="value", aggfunc="mean")
    median = per_host.groupby(level=["service", "time"]).transform("median")
    host_delta = (per_host - median).abs().groupby(level=["service", "time"]).max()

    features = {"last": wide, "diff1": wide.diff()}
    for w in WINDOWS:
        rolling = wide.rolling(w, min_periods=1)
        features[f"mean_{w}m"] = rolling.mean()
        features[f"std_{w}m"] = rolling.std(ddof=0)
        med = rolling.median()
        if not robust_z:
            features[f"median_{w}m"] = med
            continue
        mad_w = rolling.apply(mad, raw=True)
        z = (wide - med) / (1.4826 * mad_w)
        features[f"robust_z_{w}m"] = z.where(mad_w != 0, 0.0).where(wide.notna())
    matrix = pd.concat(features, axis=1)

    errors = wide.xs("error_rate", axis=1, level="metric")
    requests = wide.xs("request_rate", axis=1, level="metric")
    error_ratio = errors / requests.where(requests > 0)
    calendar = pd.DataFrame({"hour_of_day": wide.index.hour, "day_of_week": wide.index.dayofweek}, index=wide.index)
    return matrix, host_delta, error_ratio, calendar


def main(path, robust_z):
    # Wall and CPU time: on a shared machine the CPU time is the comparable figure.
    t0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_csv(path, parse_dates=["time"])
    t1, c1 = time.perf_counter(), time.process_time()
    matrix, host_delta, error_ratio, calendar = featurize(df, robust_z)
    t2, c2 = time.perf_counter(), time.process_time()
    samples = len(df)
    cells = matrix.size + host_delta.size + error_ratio.size + calendar.size
    print(f"samples              {samples}")
    print(f"feature cells        {cells}")
    print(f"read_csv             wall {t1 - t0:.2f} s  cpu {c1 - c0:.2f} s")
    print(f"end to end           wall {t2 - t0:.2f} s  cpu {c2 - c0:.2f} s  {samples / (c2 - c0) / 1e6:.3f} M samples/cpu-s (read_csv + featurize)")
    print(f"featurize only       wall {t2 - t1:.2f} s  cpu {c2 - c1:.2f} s  {samples / (c2 - c1) / 1e6:.3f} M samples/cpu-s (pivot + features)")


if __name__ == "__main__":
    main(sys.argv[1], "--no-robust-z" not in sys.argv[2:])
