namespace MLOps.Core.Paging;

/// <summary>Percentiles by linear interpolation between closest ranks (NumPy's default), so the median of an even count is the mean of the middle two.</summary>
internal static class Percentiles
{
    /// <param name="sorted">Ascending, not empty.</param>
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        var position = (sorted.Count - 1) * fraction;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    public static double? OfOrNull(List<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return Of(values, fraction);
    }
}
