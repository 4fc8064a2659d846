using System.Text.RegularExpressions;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// The commit in a code version, for MLflow's <c>mlflow.source.git.commit</c> tag, which the UI shows and links as a
/// commit: a bare sha (what CI puts in MLOPS_CODE_VERSION) or the <c>+&lt;sha&gt;</c> build metadata of an assembly's
/// informational version (<c>1.0.0+4f2a...</c>). Anything else names no commit, and the tag is left out.
/// </summary>
public static partial class GitCommit
{
    public static string? FromCodeVersion(string? codeVersion)
    {
        if (string.IsNullOrWhiteSpace(codeVersion))
        {
            return null;
        }

        var match = Sha().Match(codeVersion.Trim());
        return match.Success ? match.Groups["sha"].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"^(?:[^+\s]*\+)?(?<sha>[0-9a-fA-F]{7,40})$")]
    private static partial Regex Sha();
}
