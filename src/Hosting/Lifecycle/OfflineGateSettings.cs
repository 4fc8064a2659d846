using MLOps.Core.Training;

namespace MLOps.Hosting.Lifecycle;

/// <summary>
/// The offline gate a retrain's candidate must pass before it enters shadow, as flat configuration
/// (<c>Lifecycle:OfflineGates</c>); anything left out keeps <see cref="OfflineGateOptions.Default"/>. Read when a
/// retrain starts, so a change applies from the next retrain on.
/// </summary>
public sealed class OfflineGateSettings
{
    private static readonly OfflineGateOptions Defaults = OfflineGateOptions.Default;

    /// <summary>The PR-AUC a candidate needs on held-out data, champion or not (guards a model's first candidate).</summary>
    public double MinimumPrAuc { get; set; } = Defaults.MinimumPrAuc;

    /// <summary>Candidate PR-AUC minus champion PR-AUC on the same held-out data must reach it.</summary>
    public double PrAucDeltaFloor { get; set; } = Defaults.PrAucDeltaFloor;

    /// <summary>Candidate alerts per day over the champion's must stay at or below it.</summary>
    public double AlertsPerDayRatioCeiling { get; set; } = Defaults.AlertsPerDayRatioCeiling;

    public OfflineGateOptions ToOptions() => Defaults with
    {
        MinimumPrAuc = MinimumPrAuc,
        PrAucDeltaFloor = PrAucDeltaFloor,
        AlertsPerDayRatioCeiling = AlertsPerDayRatioCeiling,
    };

    /// <summary>What is wrong with these settings, one sentence per problem naming the key.</summary>
    public IEnumerable<string> Problems()
    {
        if (MinimumPrAuc is < 0 or > 1)
        {
            yield return $"{LifecycleOptions.Section}:OfflineGates:MinimumPrAuc must be between 0 and 1.";
        }

        if (PrAucDeltaFloor is < -1 or > 1)
        {
            yield return $"{LifecycleOptions.Section}:OfflineGates:PrAucDeltaFloor must be between -1 and 1.";
        }

        if (AlertsPerDayRatioCeiling <= 0)
        {
            yield return $"{LifecycleOptions.Section}:OfflineGates:AlertsPerDayRatioCeiling must be positive.";
        }
    }
}
