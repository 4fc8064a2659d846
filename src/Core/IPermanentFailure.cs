namespace MLOps.Core;

/// <summary>
/// Marks an exception that the same request meets again however often it is retried: bad data, a model or
/// version that is not there, a refused registration. Temporal activities fail these for good at once, so a
/// workflow hears of them in seconds instead of after hours of retries; every other exception is taken for
/// transient and retried.
/// </summary>
public interface IPermanentFailure;
