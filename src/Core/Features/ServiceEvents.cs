using MLOps.Core.Telemetry;

namespace MLOps.Core.Features;

/// <summary>The deploys and maintenance windows of one service, as the context features need them.</summary>
public sealed class ServiceEvents
{
    public static ServiceEvents None { get; } = new([], []);

    public ServiceEvents(IEnumerable<DeployEvent> deploys, IEnumerable<MaintenanceWindow> maintenance)
    {
        ArgumentNullException.ThrowIfNull(deploys);
        ArgumentNullException.ThrowIfNull(maintenance);
        var minutes = deploys.Select(d => MinuteGrid.MinuteOf(d.Time)).ToArray();
        Array.Sort(minutes);
        DeployMinutes = minutes;
        Maintenance = [.. maintenance];
    }

    /// <summary>Minute of every deploy, ascending.</summary>
    public IReadOnlyList<long> DeployMinutes { get; }

    public IReadOnlyList<MaintenanceWindow> Maintenance { get; }

    /// <summary>The events of <paramref name="service"/> among a fleet's events.</summary>
    public static ServiceEvents For(string service, IEnumerable<DeployEvent> deploys, IEnumerable<MaintenanceWindow> maintenance) =>
        new(
            deploys.Where(d => string.Equals(d.Service, service, StringComparison.Ordinal)),
            maintenance.Where(m => string.Equals(m.Service, service, StringComparison.Ordinal)));
}
