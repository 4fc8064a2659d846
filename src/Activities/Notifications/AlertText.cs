using System.Globalization;
using System.Text.Json.Nodes;
using MLOps.Core.Alerting;

namespace MLOps.Activities.Notifications;

/// <summary>Wording and shapes every channel (and the alert store) shares, so an alert reads the same everywhere.</summary>
internal static class AlertText
{
    public static string Summary(CandidateAlert candidate) => string.Create(
        CultureInfo.InvariantCulture,
        $"Anomaly on {candidate.Service}: score {candidate.Score:0.000} >= {candidate.Threshold:0.000} ({candidate.Model} v{candidate.Version})");

    /// <summary>Stage, route and severity names as they appear in payloads, labels and columns.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static JsonArray TopFeatures(CandidateAlert candidate) =>
        new(candidate.TopFeatures.Select(feature => (JsonNode)new JsonObject
        {
            ["name"] = feature.Name,
            ["value"] = feature.Value,
            ["contribution"] = feature.Contribution,
        }).ToArray());
}
