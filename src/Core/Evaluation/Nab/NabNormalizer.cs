namespace MLOps.Core.Evaluation.Nab;

/// <summary>NAB's 0-100 score: where a raw score falls between the null detector (0) and the perfect one (100).</summary>
public static class NabNormalizer
{
    /// <summary>
    /// 100 * (S - S_null) / (S_perfect - S_null) over a corpus of <paramref name="windows"/> scored
    /// windows: the null detector never fires, so S_null = -windows * fnWeight; the perfect one
    /// detects every window on its first row and nothing else, so S_perfect = windows * tpWeight.
    /// </summary>
    public static double Normalize(double rawScore, int windows, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (windows <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windows), windows, "A corpus needs at least one window for the normalized score to be defined.");
        }

        var nullScore = -windows * profile.FalseNegativeWeight;
        var perfectScore = windows * profile.TruePositiveWeight;
        return 100.0 * (rawScore - nullScore) / (perfectScore - nullScore);
    }
}
