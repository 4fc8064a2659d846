using System.Diagnostics.CodeAnalysis;

namespace MLOps.Core.Feedback;

/// <summary>The result of parsing a webhook body: the value when <see cref="PayloadOutcome.Accepted"/>, otherwise why not.</summary>
/// <param name="Problem">For a human (and the log) when ignored or malformed; never contains secrets, as bodies carry none.</param>
public sealed record PayloadParse<T>(PayloadOutcome Outcome, T? Value, string? Problem)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsAccepted => Outcome == PayloadOutcome.Accepted && Value is not null;

    public static PayloadParse<T> Accepted(T value) => new(PayloadOutcome.Accepted, value, null);

    public static PayloadParse<T> Ignored(string why) => new(PayloadOutcome.Ignored, null, why);

    public static PayloadParse<T> Malformed(string why) => new(PayloadOutcome.Malformed, null, why);
}
