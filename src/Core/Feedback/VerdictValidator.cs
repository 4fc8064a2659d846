using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MLOps.Core.Alerting;
using MLOps.Core.Telemetry.Validation;

namespace MLOps.Core.Feedback;

/// <summary>
/// Checks a verdict request before anything is written, reporting every field at fault at once (as the
/// telemetry batches do) so a client fixes its request in one round. Field names are the JSON property
/// names of the request body; <see cref="ValidationError.Row"/> is always null (one request, not a batch).
/// </summary>
public static class VerdictValidator
{
    public const string VerdictField = "verdict";
    public const string ActorField = "actor";
    public const string ReasonField = "reason";
    public const string DedupKeyField = "dedupKey";

    public static IReadOnlyList<ValidationError> Validate(VerdictRequest request, VerdictLimits limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<ValidationError>();
        if (!VerdictKinds.TryParse(request.Verdict, out _))
        {
            errors.Add(new ValidationError(null, VerdictField, $"'{request.Verdict}' is not a verdict; use one of {string.Join(", ", VerdictKinds.WireWords)}"));
        }

        CheckText(errors, ActorField, request.Actor, limits.MaxActorLength, allowLineBreaks: false);
        CheckText(errors, ReasonField, request.Reason, limits.MaxReasonLength, allowLineBreaks: true);
        return errors;
    }

    /// <summary>
    /// Validates the request and the episode key together and, when all are valid, builds the verdict to
    /// store (actor and reason trimmed, <see cref="AlertVerdict.Sequence"/> left for the store to assign).
    /// Whether the key names a known episode is the caller's question: that needs the store.
    /// </summary>
    /// <param name="decidedAt">The receiving side's clock, never a time the client sent.</param>
    public static bool TryAccept(
        string? dedupKey,
        VerdictRequest request,
        VerdictSource source,
        DateTimeOffset decidedAt,
        VerdictLimits limits,
        [NotNullWhen(true)] out AlertVerdict? verdict,
        out IReadOnlyList<ValidationError> errors)
    {
        var found = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(dedupKey) || dedupKey.Length > AlertDedupKey.MaxLength)
        {
            found.Add(new ValidationError(null, DedupKeyField, string.Create(CultureInfo.InvariantCulture, $"an episode key of 1 to {AlertDedupKey.MaxLength} characters is required")));
        }

        found.AddRange(Validate(request, limits));
        errors = found;
        if (found.Count > 0 || !VerdictKinds.TryParse(request.Verdict, out var kind))
        {
            verdict = null;
            return false;
        }

        verdict = new AlertVerdict(dedupKey!, kind, request.Actor!.Trim(), request.Reason!.Trim(), decidedAt, source);
        return true;
    }

    private static void CheckText(List<ValidationError> errors, string field, string? value, int maxLength, bool allowLineBreaks)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new ValidationError(null, field, "must not be empty"));
        }
        else if (text.Length > maxLength)
        {
            errors.Add(new ValidationError(null, field, string.Create(CultureInfo.InvariantCulture, $"is {text.Length} characters; the limit is {maxLength}")));
        }
        else if (text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')))
        {
            // Control characters end up in logs, Slack messages and the audit view, where they mislead or break the layout.
            errors.Add(new ValidationError(null, field, "must not contain control characters"));
        }
    }
}
