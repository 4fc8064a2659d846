namespace MLOps.Api.Apis;

/// <summary>
/// The body of <c>POST /alerts/{dedupKey}/verdict</c>. The actor is the API key's owner, never a field of the body,
/// so nobody records a verdict in someone else's name.
/// </summary>
/// <param name="Verdict">actionable, false-alarm or expected.</param>
public sealed record VerdictBody(string? Verdict, string? Reason);
