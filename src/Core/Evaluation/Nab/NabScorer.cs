namespace MLOps.Core.Evaluation.Nab;

/// <summary>
/// Scores a detector's output on one file as the Numenta Anomaly Benchmark does (written from NAB's
/// published description; the per-row results NAB publishes are the acceptance test).
/// </summary>
public static class NabScorer
{
    private const double ProbationFraction = 0.15;
    private const int ProbationCap = 750;

    /// <summary>
    /// Rows at the start of a file where a detector is still learning: min(floor(0.15 N), 750).
    /// Detections there count for nothing.
    /// </summary>
    public static int ProbationLength(int rows) => Math.Min((int)Math.Floor(ProbationFraction * rows), ProbationCap);

    /// <summary>
    /// A row is a detection when its anomaly score is at or above <paramref name="threshold"/>.
    /// Each window earns tpWeight * sigma(-(last - i + 1) / width) / sigma(-1) for its first detection
    /// i (later detections in it add nothing), or -fnWeight when it has none. A detection outside
    /// every window costs fpWeight * sigma((i - last) / (width - 1)) measured from the preceding
    /// window, or -fpWeight when no window precedes it. A window lying wholly in the probationary
    /// period is not scored; one that reaches past it is scored from its first row after it.
    /// </summary>
    /// <param name="windows">Windows in file order, not overlapping (see <see cref="NabWindowLocator"/>).</param>
    public static NabFileScore Score(IReadOnlyList<double> anomalyScores, IReadOnlyList<NabRowRange> windows, NabProfile profile, double threshold)
    {
        ArgumentNullException.ThrowIfNull(anomalyScores);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(profile);
        ValidateWindows(windows, anomalyScores.Count);

        var rows = anomalyScores.Count;
        var probation = ProbationLength(rows);
        var rowScores = new double[rows];
        int truePositives = 0, trueNegatives = 0, falsePositives = 0, falseNegatives = 0;
        int scoredWindows = 0, detectedWindows = 0;
        var nextWindow = 0;
        NabRowRange? current = null;
        NabRowRange? previous = null;
        int? firstDetection = null;

        for (var row = 0; row < rows; row++)
        {
            if (current is null && nextWindow < windows.Count && windows[nextWindow].First == row)
            {
                current = windows[nextWindow++];
                firstDetection = null;
            }

            var scored = row >= probation;
            var detected = anomalyScores[row] >= threshold;
            if (current is { } window)
            {
                if (scored)
                {
                    truePositives += detected ? 1 : 0;
                    falseNegatives += detected ? 0 : 1;
                    if (detected && firstDetection is null)
                    {
                        firstDetection = row;
                    }
                }

                if (row == window.Last)
                {
                    if (scored)
                    {
                        // The window's outcome is written on its first scored row, where NAB's S(t) column shows it.
                        var outcome = WindowOutcome(window, firstDetection, profile);
                        rowScores[Math.Max(window.First, probation)] += outcome;
                        scoredWindows++;
                        detectedWindows += firstDetection is null ? 0 : 1;
                    }

                    previous = window;
                    current = null;
                }
            }
            else if (scored)
            {
                trueNegatives += detected ? 0 : 1;
                falsePositives += detected ? 1 : 0;
                if (detected)
                {
                    rowScores[row] = profile.FalsePositiveWeight * FalsePositivePosition(row, previous);
                }
            }
        }

        return new NabFileScore(
            rowScores.Sum(),
            rowScores,
            truePositives,
            trueNegatives,
            falsePositives,
            falseNegatives,
            scoredWindows,
            detectedWindows);
    }

    private static double WindowOutcome(NabRowRange window, int? firstDetection, NabProfile profile)
    {
        if (firstDetection is not { } row)
        {
            return -profile.FalseNegativeWeight;
        }

        // -1 at the window's first row, just above 0 at its last: earlier detections earn more.
        var relativePosition = -(window.Last - row + 1) / (double)window.Width;
        return profile.TruePositiveWeight * NabSigmoid.Scaled(relativePosition) / NabSigmoid.WindowStartValue;
    }

    // A false positive shortly after a window is likely the tail of the same anomaly and costs little;
    // the cost grows with the distance, in units of the preceding window's width.
    private static double FalsePositivePosition(int row, NabRowRange? previous) =>
        previous is { } window
            ? NabSigmoid.Scaled((row - window.Last) / (double)(window.Width - 1))
            : -1.0;

    private static void ValidateWindows(IReadOnlyList<NabRowRange> windows, int rows)
    {
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            if (window.First < 0 || window.Last < window.First || window.Last >= rows)
            {
                throw new ArgumentException($"Window {i} spans rows {window.First}..{window.Last}, outside the file's {rows} rows.", nameof(windows));
            }

            if (i > 0 && window.First <= windows[i - 1].Last)
            {
                throw new ArgumentException($"Window {i} starts at row {window.First}, inside or before window {i - 1}; windows must be in order and apart.", nameof(windows));
            }
        }
    }
}
