using System.Globalization;
using System.Text.Json.Nodes;
using MLOps.Core.Alerting;

namespace MLOps.Notifications;

/// <summary>Wording and shapes every channel (and the alert store) shares, so an alert reads the same everywhere.</summary>
internal static class AlertText
{
    public static string Summary(CandidateAlert candidate) => string.Create(
        CultureInfo.InvariantCulture,
        $"Anomaly on {candidate.Service}: score {candidate.Score:0.000} >= {candidate.Threshold:0.000} ({candidate.Model} v{candidate.Version})");

    public static JsonArray TopFeatures(CandidateAlert candidate) =>
        new(candidate.TopFeatures.Select(feature => (JsonNode)new JsonObject
        {
            ["name"] = feature.Name,
            ["value"] = feature.Value,
            ["contribution"] = feature.Contribution,
        }).ToArray());
}
