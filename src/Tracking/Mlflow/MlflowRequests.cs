namespace MLOps.Tracking.Mlflow;

// What callers pass to the client. Wire bodies are built inside MlflowClient so that these stay
// free of MLflow's spelling.

public sealed record CreateRunRequest(
    string ExperimentId,
    string RunName,
    DateTimeOffset StartTime,
    IReadOnlyList<MlflowTag> Tags);

public sealed record SearchRunsRequest(IReadOnlyList<string> ExperimentIds)
{
    /// <summary>MLflow search syntax, e.g. <c>tags.`mlops.workflow_id` = 'x'</c>; see <see cref="MlflowFilter"/>.</summary>
    public string? Filter { get; init; }

    public IReadOnlyList<string> OrderBy { get; init; } = [];

    public int MaxResults { get; init; } = 1000;

    public MlflowViewType ViewType { get; init; } = MlflowViewType.ActiveOnly;

    public string? PageToken { get; init; }
}

public sealed record SearchModelVersionsRequest
{
    /// <summary>Keys MLflow accepts: <c>name</c>, <c>run_id</c>, <c>source_path</c>, <c>version_number</c>, <c>tags.*</c>.</summary>
    public string? Filter { get; init; }

    public IReadOnlyList<string> OrderBy { get; init; } = [];

    public int MaxResults { get; init; } = 200;

    public string? PageToken { get; init; }
}

public sealed record CreateModelVersionRequest(
    string ModelName,
    string Source,
    string RunId,
    IReadOnlyList<MlflowTag> Tags)
{
    public string? Description { get; init; }
}

/// <summary>Everything one log-batch call of the client takes; the client splits it into requests within MLflow's limits.</summary>
public sealed record MlflowBatch(
    IReadOnlyList<MlflowMetric> Metrics,
    IReadOnlyList<MlflowParam> Params,
    IReadOnlyList<MlflowTag> Tags)
{
    public static MlflowBatch Empty { get; } = new([], [], []);

    public int Count => Metrics.Count + Params.Count + Tags.Count;
}
