using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MLOps.Core.Alerting;

/// <summary>
/// The key that names one alert episode everywhere: PagerDuty's <c>dedup_key</c>, an Alertmanager
/// label, the outbox row. It is stable for the whole episode (it carries the episode's first window,
/// not the current one) so a re-sent trigger and the final resolve reach the same incident.
/// </summary>
public static class AlertDedupKey
{
    /// <summary>PagerDuty rejects longer keys.</summary>
    public const int MaxLength = 255;

    public static string Create(string model, string version, string service, DateTimeOffset incidentStart)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        var start = incidentStart.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        var key = $"mlops/{model}/v{version}/{service}/{start}";
        if (key.Length <= MaxLength)
        {
            return key;
        }

        // Names this long are unusual; a hash keeps the key unique and within the limit without cutting
        // off the part that tells two episodes apart.
        var identity = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{model}\n{version}\n{service}")));
        return $"mlops/{identity}/{start}";
    }
}
