using Microsoft.Extensions.Logging;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Detection;
using MLOps.Core.Diagnostics;
using MLOps.Core.Features;
using MLOps.Storage.Registry;

namespace MLOps.Modeling.Scoring;

/// <summary>
/// Keeps the loaded, verified scorer of every staged version between passes (loading and checking a
/// model every minute would be wasted work) and decides what each stage serves: the assigned version
/// when it loads, otherwise the stage's last good version, marked stale, so a bad upload never stops
/// scoring. Used by one scoring pass at a time.
/// </summary>
public sealed partial class ServedModels(ModelArtifactStore artifacts, FeatureSet featureSet, TimeProvider time, ILogger<ServedModels> logger)
{
    private readonly Dictionary<(string Model, string Version, string Folder), IAnomalyScorer> _loaded = [];
    private readonly Dictionary<(string Model, ModelStage Stage), ServedModel> _serving = [];

    /// <summary>What each assigned stage serves this pass; a stage with no loadable version yet serves nothing.</summary>
    public async Task<IReadOnlyList<ServedModel>> ResolveAsync(IReadOnlyList<StageAssignment> assignments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var served = new List<ServedModel>();
        foreach (var assignment in assignments)
        {
            var stage = (assignment.Model, assignment.Stage);
            if (await TryLoadAsync(assignment, cancellationToken) is { } scorer)
            {
                _serving[stage] = new ServedModel(assignment, scorer, StaleSince: null);
            }
            else if (_serving.TryGetValue(stage, out var lastGood))
            {
                _serving[stage] = lastGood with { StaleSince = lastGood.StaleSince ?? time.GetUtcNow() };
                LogServingStale(logger, assignment.Model, assignment.Stage, lastGood.Assignment.Version, assignment.Version);
            }
            else
            {
                continue;
            }

            served.Add(_serving[stage]);
        }

        Forget(assignments, served);
        return served;
    }

    private async Task<IAnomalyScorer?> TryLoadAsync(StageAssignment assignment, CancellationToken cancellationToken)
    {
        var key = (assignment.Model, assignment.Version, assignment.ModelFolder);
        if (_loaded.TryGetValue(key, out var cached))
        {
            return cached;
        }

        try
        {
            var model = await artifacts.LoadModelAsync(assignment.ModelFolder, featureSet.SchemaHash, cancellationToken);
            var scorer = ScorerLoader.Load(model, featureSet.Columns.Count);
            _loaded[key] = scorer;
            LogLoaded(logger, assignment.Model, assignment.Version, assignment.Stage, assignment.ModelFolder);
            return scorer;
        }
        catch (Exception exception) when (exception is ArtifactException or Minio.Exceptions.MinioException or HttpRequestException or InvalidDataException or NotSupportedException or InvalidOperationException or FormatException or IOException or System.Text.Json.JsonException)
        {
            // Tampered, missing, mismatched or unreadable: the stage keeps its last good version and
            // the staleness gauge shows for how long; the next pass tries again.
            LogLoadFailed(logger, exception, assignment.Model, assignment.Version, assignment.Stage, assignment.ModelFolder);
            return null;
        }
    }

    // Drops stages that lost their assignment and scorers no stage serves any more.
    private void Forget(IReadOnlyList<StageAssignment> assignments, List<ServedModel> served)
    {
        var assigned = assignments.Select(assignment => (assignment.Model, assignment.Stage)).ToHashSet();
        foreach (var stage in _serving.Keys.Where(stage => !assigned.Contains(stage)).ToArray())
        {
            _serving.Remove(stage);
        }

        var inUse = served.Select(model => (model.Assignment.Model, model.Assignment.Version, model.Assignment.ModelFolder)).ToHashSet();
        foreach (var key in _loaded.Keys.Where(key => !inUse.Contains(key)).ToArray())
        {
            _loaded.Remove(key);
        }
    }

    [LoggerMessage(EventId = LogEvents.ServedModelLoaded, Level = LogLevel.Information, Message = "Loaded model {Model} version {Version} for stage {Stage} from {Folder}")]
    private static partial void LogLoaded(ILogger logger, string model, string version, ModelStage stage, string folder);

    [LoggerMessage(EventId = LogEvents.ServedModelLoadFailed, Level = LogLevel.Error, Message = "Model {Model} version {Version} for stage {Stage} could not be loaded from {Folder}")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string model, string version, ModelStage stage, string folder);

    [LoggerMessage(EventId = LogEvents.ServedModelKept, Level = LogLevel.Warning, Message = "Model {Model} stage {Stage} keeps serving version {ServedVersion} because version {AssignedVersion} does not load")]
    private static partial void LogServingStale(ILogger logger, string model, ModelStage stage, string servedVersion, string assignedVersion);
}
