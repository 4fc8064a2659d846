using Microsoft.Extensions.Options;
using MLOps.Cli.OnCall;
using MLOps.Core;
using MLOps.Modeling.Training;
using MLOps.Tracking.Mlflow;
using Npgsql;

namespace MLOps.Cli.Training;

/// <summary>
/// What <c>mlops train</c> says when registering a stored training fails: one line with what failed, what is already
/// stored, and how to resume, and an exit code from the documented set (docs/runbook.md): 1 refused for good,
/// 2 configuration, 3 a dependency unavailable. Registering is idempotent, so resuming is running the same command.
/// </summary>
internal static class PublishFailure
{
    private const string Resume = "run the same mlops train command again: it finds the stored version and whatever the registry already holds instead of adding new ones.";

    /// <summary>The exit code and line for <paramref name="exception"/>, or null when it is not a registration failure the CLI explains.</summary>
    /// <param name="runId">The run the registry recorded before the failure, if it got that far.</param>
    public static (int ExitCode, string Line)? Describe(Exception exception, StoredTraining stored, string? runId)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var (exitCode, what) = exception switch
        {
            OptionsValidationException invalid => (ExitCodes.Usage, $"the registry settings are refused: {string.Join(" ", invalid.Failures)}"),
            MlflowTransientException transient => (ExitCodes.Unavailable, $"MLflow is unavailable ({transient.Message})"),
            MlflowPermissionException denied => (ExitCodes.Refused, $"MLflow refused access ({denied.Message})"),
            MlflowException mlflow when mlflow is IPermanentFailure => (ExitCodes.Refused, $"MLflow refused the registration ({mlflow.Message})"),
            NpgsqlException database => (ExitCodes.Unavailable, $"PostgreSQL is unavailable ({database.Message})"),
            IPermanentFailure => (ExitCodes.Refused, $"the registry refused it ({exception.Message})"),
            _ => (0, string.Empty),
        };
        if (exitCode == 0)
        {
            return null;
        }

        var manifest = stored.Manifest;
        var done = runId is null
            ? "no training run was recorded yet"
            : $"training run {runId} is recorded, the version is not registered yet";
        var resume = exitCode switch
        {
            ExitCodes.Unavailable => "To resume once it is back, ",
            ExitCodes.Usage => "To resume, fix the settings, then ",
            _ => "To resume, fix what was refused, then ",
        };
        return (exitCode, $"Registering {manifest.ModelName} version {manifest.Version} failed: {what.TrimEnd('.')}. Already stored: the model at {stored.ModelUri}; {done}. {resume}{Resume}");
    }
}
