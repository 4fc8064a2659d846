using System.Text.RegularExpressions;

namespace MLOps.Core.Artifacts;

/// <summary>
/// Where artifacts live in the store. Datasets are content-addressed; model files sit in a folder
/// per version; when MLflow tracks the run, a copy also goes under the run's artifact path in MLflow's bucket.
/// </summary>
public static partial class ArtifactKeys
{
    public const string ModelFileName = "model.zip";
    public const string ManifestFileName = "manifest.json";

    public static string ModelFolder(string modelName, string version) =>
        $"models/{Segment(modelName, nameof(modelName))}/{Segment(version, nameof(version))}";

    /// <summary>
    /// The run's artifact root as an MLflow server proxying to a bucket (<c>--artifacts-destination</c>) maps it:
    /// &lt;experiment_id&gt;/&lt;run_id&gt;/artifacts, below the destination's prefix.
    /// </summary>
    public static string MlflowRunArtifacts(string experimentId, string runId) =>
        $"{Segment(experimentId, nameof(experimentId))}/{Segment(runId, nameof(runId))}/artifacts";

    public static string Dataset(string sha256) => $"datasets/{Sha256Hex(sha256)}.csv.gz";

    public static string Report(string modelName, string version, string reportName) =>
        $"reports/{Segment(modelName, nameof(modelName))}/{Segment(version, nameof(version))}/{Segment(reportName, nameof(reportName))}.json";

    /// <summary>A key segment must not escape its folder or smuggle separators into another one.</summary>
    private static string Segment(string value, string what)
    {
        if (!SafeSegment().IsMatch(value))
        {
            throw new ArgumentException($"{what} '{value}' must be 1-128 characters of letters, digits, '.', '_' or '-', and not start with '.'.", what);
        }

        return value;
    }

    private static string Sha256Hex(string value)
    {
        if (!Sha256Pattern().IsMatch(value))
        {
            throw new ArgumentException($"'{value}' is not a lower-case hex sha256.", nameof(value));
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex SafeSegment();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
