using MLOps.Core;

namespace MLOps.Activities.Shadow;

/// <summary>A shadow report that cannot be computed from what is stored: asking again gives the same answer.</summary>
public sealed class ShadowReportException(string message) : Exception(message), IPermanentFailure;
