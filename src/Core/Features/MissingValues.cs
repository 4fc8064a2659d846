namespace MLOps.Core.Features;

/// <summary>
/// The one missing-value policy of training and scoring: every non-finite feature (NaN: no data in the window,
/// no deploy yet, no traffic for a ratio) becomes 0 before any detector sees it.
/// </summary>
/// <remarks>
/// Why not keep NaN: FastTree bins NaN at training time while a tree walk compares <c>NaN &lt;= threshold</c>
/// (false, so right) at scoring time, and randomized PCA has no notion of missing at all. Replacing it once,
/// before the training set is written, means the stored dataset, ML.NET's scoring and the compiled ensemble all
/// see the same finite numbers; the pipeline tests check compiled scores against ML.NET's on pipeline output.
/// </remarks>
public static class MissingValues
{
    public const string PolicyName = "non-finite-to-zero";

    public static void ReplaceInPlace(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                values[i] = 0f;
            }
        }
    }
}
