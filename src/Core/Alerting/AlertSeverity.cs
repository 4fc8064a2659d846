namespace MLOps.Core.Alerting;

/// <summary>PagerDuty's severity scale, which Alertmanager labels reuse.</summary>
public enum AlertSeverity
{
    Critical,
    Error,
    Warning,
    Info,
}
