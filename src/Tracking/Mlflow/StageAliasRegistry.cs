using Microsoft.Extensions.Logging;
using MLOps.Core;
using MLOps.Core.Diagnostics;
using MLOps.Core.Lifecycle;
using MLOps.Core.Tracking;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Moves stage aliases in the MLflow registry and keeps their history as version tags, so the
/// registry answers both "who is champion" (the alias) and "who was champion when" (the tags).
/// </summary>
public sealed partial class StageAliasRegistry(IMlflowClient client, ILogger<StageAliasRegistry> logger)
{
    /// <summary>Longest reason kept; a reason is a sentence for the audit trail, not a report.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Points the stage's alias at the version. Tags are written before the alias moves, so a retry
    /// after a crash at any step converges on the same tags: the new holder gets
    /// <c>.since/.by/.reason</c> = the change, the previous holder <c>.until/.until_by/.until_reason</c>.
    /// A version that already holds the stage is left as it is.
    /// </summary>
    public async Task MoveAsync(StageAliasChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        Validate(change);
        var alias = StageAliases.ToAlias(change.Stage);
        var target = await client.GetModelVersionAsync(change.ModelName, change.Version, cancellationToken);
        var holder = await client.FindVersionByAliasAsync(change.ModelName, alias, cancellationToken);
        var latest = StageTags.LatestTerm(target, change.Stage);

        if (holder?.Version == change.Version && latest is { Until: null })
        {
            LogAlreadyHolds(change.ModelName, change.Version, alias, latest.Since);
            await LeaveOtherStagesAsync(target, change, cancellationToken);
            return;
        }

        if (latest is { Until: not null })
        {
            await SetTagAsync(change, change.Version, StageTags.ArchivedTerm(change.Stage, latest.Since), StageTags.Archive(latest), cancellationToken);
        }

        await SetTagAsync(change, change.Version, StageTags.Since(change.Stage), StageTags.Format(change.At), cancellationToken);
        await SetTagAsync(change, change.Version, StageTags.By(change.Stage), change.Actor, cancellationToken);
        await SetTagAsync(change, change.Version, StageTags.Reason(change.Stage), change.Reason, cancellationToken);
        if (holder is not null && holder.Version != change.Version)
        {
            await EndTermAsync(change.ModelName, holder.Version, change.Stage, change.Actor, change.Reason, change.At, cancellationToken);
        }

        await client.SetAliasAsync(change.ModelName, alias, change.Version, cancellationToken);
        LogMoved(change.ModelName, alias, holder?.Version, change.Version, change.Actor, change.Reason);
        await LeaveOtherStagesAsync(target, change, cancellationToken);
    }

    /// <summary>
    /// A version holds one stage at a time, as in PostgreSQL (model_stages): the stage aliases it held before (shadow,
    /// once promoted to secondary) end their term and go, so <c>models:/name@shadow</c> no longer resolves to it. Done
    /// after the move and again when the move finds nothing to do, so a retry after a crash in between finishes it.
    /// </summary>
    private async Task LeaveOtherStagesAsync(MlflowModelVersion target, StageAliasChange change, CancellationToken cancellationToken)
    {
        foreach (var left in target.Aliases.Select(StageAliases.FromAlias).OfType<ModelStage>().Where(stage => stage != change.Stage).Distinct())
        {
            await EndTermAsync(change.ModelName, change.Version, left, change.Actor, change.Reason, change.At, cancellationToken);
            await client.DeleteAliasAsync(change.ModelName, StageAliases.ToAlias(left), cancellationToken);
        }
    }

    /// <summary>
    /// Takes the stage from whichever version holds it: that version gets <c>.until/.until_by/.until_reason</c>,
    /// then the alias is deleted. Clearing a stage nobody holds does nothing, so a retry is harmless.
    /// </summary>
    public async Task ClearAsync(StageAliasClear clear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clear);
        ValidateAudit(clear.ModelName, clear.Stage, clear.Actor, clear.Reason);
        var alias = StageAliases.ToAlias(clear.Stage);
        var holder = await client.FindVersionByAliasAsync(clear.ModelName, alias, cancellationToken);
        if (holder is null)
        {
            LogNothingToClear(clear.ModelName, alias);
            return;
        }

        await EndTermAsync(clear.ModelName, holder.Version, clear.Stage, clear.Actor, clear.Reason, clear.At, cancellationToken);
        await client.DeleteAliasAsync(clear.ModelName, alias, cancellationToken);
        LogCleared(clear.ModelName, alias, holder.Version, clear.Actor, clear.Reason);
    }

    /// <summary>Every stage term of every version of the model, oldest first.</summary>
    public async Task<StageHistory> GetStageHistoryAsync(string modelName, CancellationToken cancellationToken = default)
    {
        var terms = new List<StageTerm>();
        var search = new SearchModelVersionsRequest { Filter = MlflowFilter.Equal("name", modelName) };
        await foreach (var version in client.SearchAllModelVersionsAsync(search, cancellationToken))
        {
            terms.AddRange(StageTags.AllTerms(version));
        }

        return new StageHistory(modelName, [.. terms.OrderBy(term => term.Since).ThenBy(term => term.Stage)]);
    }

    private static void Validate(StageAliasChange change)
    {
        if (string.IsNullOrWhiteSpace(change.Version))
        {
            throw new MlflowInvalidParameterException($"Moving {change.Stage} of {change.ModelName} needs a version.");
        }

        ValidateAudit(change.ModelName, change.Stage, change.Actor, change.Reason);
    }

    private static void ValidateAudit(string modelName, ModelStage stage, string actor, string reason)
    {
        if (string.IsNullOrWhiteSpace(modelName))
        {
            throw new MlflowInvalidParameterException($"Changing {stage} needs a model name.");
        }

        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(reason))
        {
            throw new MlflowInvalidParameterException($"Changing {stage} of {modelName} needs an actor and a reason for the audit trail.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new MlflowInvalidParameterException($"The reason for changing {stage} of {modelName} is {reason.Length} characters; the limit is {MaxReasonLength}.");
        }
    }

    private async Task EndTermAsync(
        string modelName, string version, ModelStage stage, string actor, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await client.SetModelVersionTagAsync(modelName, version, StageTags.Until(stage), StageTags.Format(at), cancellationToken);
        await client.SetModelVersionTagAsync(modelName, version, StageTags.UntilBy(stage), actor, cancellationToken);
        await client.SetModelVersionTagAsync(modelName, version, StageTags.UntilReason(stage), reason, cancellationToken);
    }

    private Task SetTagAsync(StageAliasChange change, string version, string key, string value, CancellationToken cancellationToken) =>
        client.SetModelVersionTagAsync(change.ModelName, version, key, value, cancellationToken);

    [LoggerMessage(EventId = LogEvents.MlflowAliasSet, Level = LogLevel.Information,
        Message = "Moved alias {Alias} of model {ModelName} from version {PreviousVersion} to {Version} by {Actor}: {Reason}")]
    private partial void LogMoved(string modelName, string alias, string? previousVersion, string version, string actor, string reason);

    [LoggerMessage(EventId = LogEvents.MlflowAliasCleared, Level = LogLevel.Information,
        Message = "Cleared alias {Alias} of model {ModelName} from version {Version} by {Actor}: {Reason}")]
    private partial void LogCleared(string modelName, string alias, string version, string actor, string reason);

    [LoggerMessage(EventId = LogEvents.MlflowAliasNotSet, Level = LogLevel.Information, Message = "Alias {Alias} of model {ModelName} is not set; nothing to clear")]
    private partial void LogNothingToClear(string modelName, string alias);

    [LoggerMessage(EventId = LogEvents.MlflowAliasAlreadySet, Level = LogLevel.Information,
        Message = "Version {Version} of model {ModelName} already holds alias {Alias} since {Since}; nothing to move")]
    private partial void LogAlreadyHolds(string modelName, string version, string alias, DateTimeOffset since);
}
