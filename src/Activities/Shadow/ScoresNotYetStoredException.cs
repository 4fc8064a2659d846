namespace MLOps.Activities.Shadow;

/// <summary>
/// The online job has not stored the scores up to the report's end yet: retryable (Temporal retries the activity with
/// back-off), unlike <see cref="ShadowReportException"/>, because waiting is what fixes it.
/// </summary>
public sealed class ScoresNotYetStoredException(string message) : Exception(message);
