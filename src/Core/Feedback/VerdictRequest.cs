namespace MLOps.Core.Feedback;

/// <summary>
/// A verdict as a client sent it, before validation: every field may be missing or wrong.
/// <see cref="VerdictValidator"/> turns it into an <see cref="AlertVerdict"/> or field errors.
/// </summary>
/// <param name="Verdict">One of <see cref="VerdictKinds.WireWords"/>.</param>
/// <param name="Actor">Who decided: the API key's owner, or the Slack user.</param>
/// <param name="Reason">Why, for the audit trail and for whoever reads the label later.</param>
public sealed record VerdictRequest(string? Verdict, string? Actor, string? Reason);
