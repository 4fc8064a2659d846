using MLOps.Core.Telemetry;

namespace MLOps.Core.Simulation;

/// <summary>Everything about a simulated fleet except the telemetry itself, which is generated from it on demand.</summary>
public sealed record FleetPlan(
    FleetSimulationOptions Options,
    IReadOnlyList<SimulatedService> Services,
    IReadOnlyList<DeployEvent> Deploys,
    IReadOnlyList<MaintenanceWindow> Maintenance,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<SimulatedEvent> Events);
