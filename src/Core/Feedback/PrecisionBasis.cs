namespace MLOps.Core.Feedback;

/// <summary>Which precision a gate decided on.</summary>
public enum PrecisionBasis
{
    /// <summary>On-call's verdicts: actionable / (actionable + false alarm).</summary>
    Verdicts,

    /// <summary>Alerts that fell on a labeled incident, as the shadow evaluation measures it.</summary>
    IncidentMatching,
}
