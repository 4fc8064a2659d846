using MLOps.Core.Telemetry;

namespace MLOps.Core.Simulation;

/// <summary>
/// A synthetic fleet with labeled incidents, for demos, tests and benchmarks. Pure and seeded: the same options
/// give identical deploys, maintenance windows, incidents and samples, on every run and machine.
/// </summary>
public sealed class FleetSimulator
{
    private readonly FleetPlan _plan;

    public FleetSimulator(FleetSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _plan = FleetPlanner.Plan(options);
    }

    public FleetSimulationOptions Options => _plan.Options;

    public IReadOnlyList<SimulatedService> Services => _plan.Services;

    /// <summary>Deploys, grouped by service and in time order within a service.</summary>
    public IReadOnlyList<DeployEvent> Deploys => _plan.Deploys;

    public IReadOnlyList<MaintenanceWindow> Maintenance => _plan.Maintenance;

    /// <summary>The labeled incidents: exactly the events of an incident kind.</summary>
    public IReadOnlyList<Incident> Incidents => _plan.Incidents;

    /// <summary>Every injected event, incidents and benign anomalies, with its kind (the ground truth for tests).</summary>
    public IReadOnlyList<SimulatedEvent> Events => _plan.Events;

    /// <summary>Number of samples <see cref="Telemetry"/> yields when no scrape is missed (an upper bound).</summary>
    public long MaximumSampleCount => 5L * Options.Services * Options.HostsPerService * Options.Days * 24 * 60;

    /// <summary>
    /// The samples, generated lazily: grouped by service, minute by minute within a service, every host's five
    /// metrics per minute. Nothing is held in memory beyond the current service's events.
    /// </summary>
    public IEnumerable<TelemetrySample> Telemetry()
    {
        for (var s = 0; s < _plan.Services.Count; s++)
        {
            foreach (var sample in TelemetryGenerator.Generate(_plan, s))
            {
                yield return sample;
            }
        }
    }

    /// <summary>The samples of one service only.</summary>
    public IEnumerable<TelemetrySample> Telemetry(string service)
    {
        for (var s = 0; s < _plan.Services.Count; s++)
        {
            if (_plan.Services[s].Name == service)
            {
                return TelemetryGenerator.Generate(_plan, s);
            }
        }

        throw new ArgumentException($"The simulated fleet has no service '{service}'.", nameof(service));
    }
}
