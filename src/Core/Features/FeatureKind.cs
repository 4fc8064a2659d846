namespace MLOps.Core.Features;

/// <summary>What a feature column computes. Part of the schema hash: renumbering a member changes every model's hash.</summary>
public enum FeatureKind
{
    /// <summary>Service value of a metric at the window end (mean over the hosts reporting that minute).</summary>
    Last = 1,

    /// <summary>Rolling mean of the service value over the window.</summary>
    RollingMean = 2,

    /// <summary>Rolling population standard deviation (divisor n) of the service value over the window.</summary>
    RollingStd = 3,

    /// <summary>(value - median) / (1.4826 * MAD) over the window; 0 when the MAD is 0.</summary>
    RobustZScore = 4,

    /// <summary>Service value minus the previous minute's service value.</summary>
    FirstDifference = 5,

    /// <summary>Largest absolute distance of one host's value from the median over the service's hosts, that minute.</summary>
    HostMedianDelta = 6,

    /// <summary>error_rate / request_rate at the window end.</summary>
    ErrorRatio = 7,

    /// <summary>Whole minutes since the latest deploy at or before the window end.</summary>
    MinutesSinceDeploy = 8,

    /// <summary>1 when a deploy happened in the 15 minutes ending at the window end, else 0.</summary>
    DeployWithin15Minutes = 9,

    /// <summary>1 when any part of the window-end minute is inside a maintenance window, else 0.</summary>
    InMaintenance = 10,

    /// <summary>UTC hour of the window end, 0-23.</summary>
    HourOfDay = 11,

    /// <summary>UTC day of week of the window end, 0 = Sunday.</summary>
    DayOfWeek = 12,
}
