namespace MLOps.Core.Detection;

/// <summary>
/// Isolation forest hyper-parameters. The defaults are those of Liu, Ting and Zhou (2008), which scikit-learn also
/// uses: 100 trees, each grown on a random subsample of 256 rows.
/// </summary>
public sealed record IsolationForestOptions
{
    public int Trees { get; init; } = 100;

    /// <summary>Rows drawn without replacement for each tree (capped at the row count); it also fixes the height limit.</summary>
    public int SubsampleSize { get; init; } = 256;

    /// <summary>Seeds the subsamples, features and split points: the same rows and options give the same forest.</summary>
    public int Seed { get; init; } = 42;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Trees, 1, nameof(Trees));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Trees, 10_000, nameof(Trees));
        ArgumentOutOfRangeException.ThrowIfLessThan(SubsampleSize, 2, nameof(SubsampleSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SubsampleSize, 1_000_000, nameof(SubsampleSize));
    }
}
