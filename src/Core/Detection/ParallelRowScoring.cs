namespace MLOps.Core.Detection;

/// <summary>Scores one row of features; the row is a slice of a row-major block.</summary>
public delegate float RowScorer(ReadOnlySpan<float> row);

/// <summary>Batch scoring of a row-major block for scorers whose rows are independent (trees, forests).</summary>
public static class ParallelRowScoring
{
    // Ranges of a few thousand rows keep the scheduling cost far below the per-row work.
    private const int RangeSize = 4_096;

    /// <summary>Writes <paramref name="score"/> of every row into <paramref name="scores"/>, in parallel over row ranges.</summary>
    /// <exception cref="ArgumentException">The block is not whole rows of <paramref name="width"/> features, or the output is too short.</exception>
    public static void Score(float[] rows, int width, float[] scores, RowScorer score)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(score);
        if (rows.Length % width != 0)
        {
            throw new ArgumentException($"The scorer takes rows of {width} features; {rows.Length} values are not whole rows of that width.", nameof(rows));
        }

        var count = rows.Length / width;
        if (scores.Length < count)
        {
            throw new ArgumentException($"Need room for {count} scores, got {scores.Length}.", nameof(scores));
        }

        Parallel.For(0, (count + RangeSize - 1) / RangeSize, range =>
        {
            var end = Math.Min(count, (range + 1) * RangeSize);
            for (var row = range * RangeSize; row < end; row++)
            {
                scores[row] = score(rows.AsSpan(row * width, width));
            }
        });
    }
}
