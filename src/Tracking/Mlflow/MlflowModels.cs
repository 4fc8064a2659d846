namespace MLOps.Tracking.Mlflow;

// The MLflow REST entities this platform reads. MLflow omits empty and default fields, so every
// property has a safe default instead of being required.

public sealed record MlflowTag(string Key, string Value);

public sealed record MlflowParam(string Key, string Value);

/// <summary>A metric point. <see cref="Value"/> may be NaN or ±Infinity; the server stores +Infinity as double.MaxValue.</summary>
public sealed record MlflowMetric(string Key, double Value, long Timestamp, long Step);

public enum MlflowRunStatus
{
    Running,
    Scheduled,
    Finished,
    Failed,
    Killed,
}

/// <summary>Which runs a search sees: MLflow soft-deletes runs into the <c>deleted</c> lifecycle stage.</summary>
public enum MlflowViewType
{
    ActiveOnly,
    DeletedOnly,
    All,
}

public sealed record MlflowExperiment
{
    public string ExperimentId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string ArtifactLocation { get; init; } = string.Empty;

    /// <summary><c>active</c> or <c>deleted</c>.</summary>
    public string LifecycleStage { get; init; } = "active";

    public long CreationTime { get; init; }

    public long LastUpdateTime { get; init; }

    public IReadOnlyList<MlflowTag> Tags { get; init; } = [];
}

public sealed record MlflowRunInfo
{
    public string RunId { get; init; } = string.Empty;

    public string ExperimentId { get; init; } = string.Empty;

    public string RunName { get; init; } = string.Empty;

    public string UserId { get; init; } = string.Empty;

    public MlflowRunStatus Status { get; init; }

    public long StartTime { get; init; }

    /// <summary>Omitted by the server while the run has not ended.</summary>
    public long? EndTime { get; init; }

    public string ArtifactUri { get; init; } = string.Empty;

    public string LifecycleStage { get; init; } = "active";
}

public sealed record MlflowRunData
{
    /// <summary>The latest value of each metric key (runs/get does not return the history).</summary>
    public IReadOnlyList<MlflowMetric> Metrics { get; init; } = [];

    public IReadOnlyList<MlflowParam> Params { get; init; } = [];

    public IReadOnlyList<MlflowTag> Tags { get; init; } = [];
}

public sealed record MlflowRun
{
    public MlflowRunInfo Info { get; init; } = new();

    public MlflowRunData Data { get; init; } = new();

    public string? Tag(string key) => Data.Tags.LastOrDefault(tag => tag.Key == key)?.Value;
}

public sealed record MlflowRegisteredModelAlias(string Alias, string Version);

public sealed record MlflowModelVersion
{
    public string Name { get; init; } = string.Empty;

    /// <summary>A string on the wire everywhere; the alias endpoint rejects a JSON number.</summary>
    public string Version { get; init; } = string.Empty;

    public long CreationTimestamp { get; init; }

    public long LastUpdatedTimestamp { get; init; }

    public string Description { get; init; } = string.Empty;

    public string Source { get; init; } = string.Empty;

    public string RunId { get; init; } = string.Empty;

    /// <summary><c>READY</c> once registered; <c>PENDING_REGISTRATION</c> or <c>FAILED_REGISTRATION</c> otherwise.</summary>
    public string Status { get; init; } = string.Empty;

    public IReadOnlyList<MlflowTag> Tags { get; init; } = [];

    /// <summary>Only filled by model-versions/get and the alias lookup; search results never carry aliases.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string? Tag(string key) => Tags.LastOrDefault(tag => tag.Key == key)?.Value;
}

public sealed record MlflowRegisteredModel
{
    public string Name { get; init; } = string.Empty;

    public long CreationTimestamp { get; init; }

    public long LastUpdatedTimestamp { get; init; }

    public string Description { get; init; } = string.Empty;

    public IReadOnlyList<MlflowModelVersion> LatestVersions { get; init; } = [];

    public IReadOnlyList<MlflowTag> Tags { get; init; } = [];

    public IReadOnlyList<MlflowRegisteredModelAlias> Aliases { get; init; } = [];
}

/// <summary>One page of a search; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record MlflowPage<T>(IReadOnlyList<T> Items, string? NextPageToken);

/// <summary>One entry of <c>artifacts/list</c>; <see cref="Path"/> is relative to the run's artifact root.</summary>
public sealed record MlflowFileInfo
{
    public string Path { get; init; } = string.Empty;

    public bool IsDir { get; init; }

    /// <summary>Omitted for folders.</summary>
    public long? FileSize { get; init; }
}

/// <summary>What <c>artifacts/list</c> answers; a run with no files has only <see cref="RootUri"/>.</summary>
public sealed record MlflowArtifactList
{
    public string RootUri { get; init; } = string.Empty;

    public IReadOnlyList<MlflowFileInfo> Files { get; init; } = [];
}
