namespace MLOps.Core.Feedback;

/// <summary>The incident changes the platform records from PagerDuty: the two that time on-call's response.</summary>
public enum PagerDutyIncidentChange
{
    Acknowledged,
    Resolved,
}
