using System.Globalization;
using System.Text.Json;
using MLOps.Core;
using MLOps.Core.Lifecycle;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// The version tags that keep stage history in the registry (aliases only say who holds a stage now).
/// The current or latest term of a stage is readable in the MLflow UI as
/// <c>mlops.stage.champion.since / .by / .reason / .until / .until_by / .until_reason</c>; when a version takes a stage again, its
/// finished term is kept as one JSON tag <c>mlops.stage.champion.term.&lt;since-unix-ms&gt;</c>.
/// A term is open while <c>.until</c> is missing or older than <c>.since</c>, so a new term never has to
/// delete a tag.
/// </summary>
public static class StageTags
{
    public const string Prefix = "mlops.stage.";

    public static string Since(ModelStage stage) => Key(stage, "since");

    public static string By(ModelStage stage) => Key(stage, "by");

    public static string Reason(ModelStage stage) => Key(stage, "reason");

    public static string Until(ModelStage stage) => Key(stage, "until");

    public static string UntilBy(ModelStage stage) => Key(stage, "until_by");

    public static string UntilReason(ModelStage stage) => Key(stage, "until_reason");

    public static string ArchivedTerm(ModelStage stage, DateTimeOffset since) =>
        Key(stage, "term." + since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public static string Format(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The version's latest term of the stage, open or finished, or null if it never held it.</summary>
    public static StageTerm? LatestTerm(MlflowModelVersion version, ModelStage stage)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!TryParse(version.Tag(Since(stage)), out var since))
        {
            return null;
        }

        var finished = TryParse(version.Tag(Until(stage)), out var until) && until >= since;
        return new StageTerm(version.Name, version.Version, stage, since, finished ? until : null, version.Tag(By(stage)) ?? string.Empty, version.Tag(Reason(stage)) ?? string.Empty)
        {
            // Only a finished term has an ender; tags left from an earlier term do not count.
            EndedBy = finished ? version.Tag(UntilBy(stage)) : null,
            EndReason = finished ? version.Tag(UntilReason(stage)) : null,
        };
    }

    /// <summary>Serialized value of a finished term, for <see cref="ArchivedTerm"/>.</summary>
    public static string Archive(StageTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var value = new ArchivedTermValue(Format(term.Since), term.Until is { } until ? Format(until) : null, term.By, term.Reason, term.EndedBy, term.EndReason);
        return JsonSerializer.Serialize(value, MlflowJson.Options);
    }

    /// <summary>Every term of every stage recorded on the version: archived ones and the latest.</summary>
    public static IEnumerable<StageTerm> AllTerms(MlflowModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var stage in StageAliases.All)
        {
            var archivedPrefix = Key(stage, "term.");
            foreach (var tag in version.Tags.Where(tag => tag.Key.StartsWith(archivedPrefix, StringComparison.Ordinal)))
            {
                if (ReadArchived(version, stage, tag.Value) is { } archived)
                {
                    yield return archived;
                }
            }

            if (LatestTerm(version, stage) is { } latest)
            {
                yield return latest;
            }
        }
    }

    private static StageTerm? ReadArchived(MlflowModelVersion version, ModelStage stage, string json)
    {
        ArchivedTermValue? value;
        try
        {
            value = JsonSerializer.Deserialize<ArchivedTermValue>(json, MlflowJson.Options);
        }
        catch (JsonException)
        {
            // Someone edited the tag by hand in the UI; the other terms still tell the story.
            return null;
        }

        if (value is null || !TryParse(value.Since, out var since))
        {
            return null;
        }

        DateTimeOffset? until = TryParse(value.Until, out var end) ? end : null;
        return new StageTerm(version.Name, version.Version, stage, since, until, value.By ?? string.Empty, value.Reason ?? string.Empty)
        {
            EndedBy = value.EndedBy,
            EndReason = value.EndReason,
        };
    }

    private static bool TryParse(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    private static string Key(ModelStage stage, string field) => $"{Prefix}{StageAliases.ToAlias(stage)}.{field}";

    private sealed record ArchivedTermValue(string Since, string? Until, string? By, string? Reason, string? EndedBy, string? EndReason);
}
