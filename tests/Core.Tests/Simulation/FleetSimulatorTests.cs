using MLOps.Core.Features;
using MLOps.Core.Simulation;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Simulation;

public class FleetSimulatorTests
{
    // Five services over four days: two incidents each, so every incident kind occurs twice.
    private static readonly FleetSimulator Fleet = new(new FleetSimulationOptions { Services = 5, HostsPerService = 2, Days = 4, Seed = 11 });

    [Fact]
    public void Telemetry_SameSeed_IsIdentical()
    {
        var options = new FleetSimulationOptions { Services = 3, HostsPerService = 2, Days = 1, Seed = 5 };
        var a = new FleetSimulator(options);
        var b = new FleetSimulator(options);

        Assert.Equal(a.Telemetry(), b.Telemetry());
        Assert.Equal(a.Deploys, b.Deploys);
        Assert.Equal(a.Incidents, b.Incidents);
        Assert.Equal(a.Maintenance, b.Maintenance);
        Assert.Equal(a.Events, b.Events);
    }

    [Fact]
    public void Telemetry_DifferentSeed_Differs()
    {
        var a = new FleetSimulator(new FleetSimulationOptions { Services = 2, HostsPerService = 1, Days = 1, Seed = 1 });
        var b = new FleetSimulator(new FleetSimulationOptions { Services = 2, HostsPerService = 1, Days = 1, Seed = 2 });

        Assert.NotEqual(a.Telemetry().Take(100), b.Telemetry().Take(100));
        Assert.NotEqual(a.Incidents.Select(i => i.Start), b.Incidents.Select(i => i.Start));
    }

    [Fact]
    public void Telemetry_Stream_IsGroupedByServiceAndTimeOrderedWithFewGaps()
    {
        var options = new FleetSimulationOptions { Services = 3, HostsPerService = 2, Days = 1, Seed = 3 };
        var simulator = new FleetSimulator(options);
        var samples = simulator.Telemetry().ToList();

        var serviceOrder = samples.Select(s => s.Service).Distinct().ToList();
        Assert.Equal(simulator.Services.Select(s => s.Name), serviceOrder);
        foreach (var service in serviceOrder)
        {
            var times = samples.Where(s => s.Service == service).Select(s => s.Time).ToList();
            Assert.Equal(times.Order(), times);
        }

        Assert.InRange(samples.Count, simulator.MaximumSampleCount * 0.99, simulator.MaximumSampleCount);
        Assert.All(samples, s => Assert.Contains(s.Metric, KnownMetrics.All));
        Assert.All(samples, s => Assert.True(s.Time >= options.Start && s.Time < options.End));
    }

    [Fact]
    public void Incidents_EveryKind_IsInjected()
    {
        var kinds = Fleet.Events.Where(e => e.IsIncident).Select(e => e.Kind).Distinct().Order();

        Assert.Equal(
            [SimulatedEventKind.LatencyRegression, SimulatedEventKind.MemoryLeak, SimulatedEventKind.ErrorBurst,
             SimulatedEventKind.CpuSaturation, SimulatedEventKind.TrafficSurge],
            kinds);
    }

    [Fact]
    public void Incidents_Labels_LieInsideThePeriodAndMatchTheEvents()
    {
        var options = Fleet.Options;

        Assert.All(Fleet.Incidents, i => Assert.True(i.Start >= options.Start && i.End <= options.End, i.Id));
        Assert.All(Fleet.Maintenance, m => Assert.True(m.Start >= options.Start && m.End <= options.End));
        Assert.All(Fleet.Deploys, d => Assert.True(d.Time >= options.Start && d.Time <= options.End));
        Assert.Equal(
            Fleet.Events.Where(e => e.IsIncident).Select(e => (e.IncidentId, e.Service, e.Start, e.End)).OrderBy(x => x.IncidentId),
            Fleet.Incidents.Select(i => ((string?)i.Id, i.Service, i.Start, i.End!.Value)).OrderBy(x => x.Item1));
    }

    [Fact]
    public void Events_OfOneService_DoNotOverlap()
    {
        foreach (var group in Fleet.Events.GroupBy(e => e.Service))
        {
            var ordered = group.OrderBy(e => e.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i - 1].End <= ordered[i].Start, $"{group.Key}: {ordered[i - 1]} overlaps {ordered[i]}");
            }
        }
    }

    [Fact]
    public void BenignAnomalies_AreNotLabeled()
    {
        var benign = Fleet.Events.Where(e => e.Kind is SimulatedEventKind.Maintenance or SimulatedEventKind.TrafficPeak).ToList();

        Assert.Contains(benign, e => e.Kind == SimulatedEventKind.Maintenance);
        Assert.Contains(benign, e => e.Kind == SimulatedEventKind.TrafficPeak);
        Assert.All(benign, e => Assert.Null(e.IncidentId));
        Assert.All(benign, e => Assert.DoesNotContain(Fleet.Incidents, i => i.Service == e.Service && i.Start < e.End && i.End > e.Start));
        Assert.Equal(
            benign.Where(e => e.Kind == SimulatedEventKind.Maintenance).Select(e => (e.Service, e.Start, e.End)),
            Fleet.Maintenance.Select(m => (m.Service, m.Start, m.End)));
    }

    [Fact]
    public void LatencyRegression_StartsRightAfterADeploy_AndLatencyTriples()
    {
        foreach (var incident in Incidents(SimulatedEventKind.LatencyRegression))
        {
            Assert.Contains(Fleet.Deploys, d => d.Service == incident.Service && d.Time <= incident.Start && d.Time >= incident.Start.AddMinutes(-5));
            var (during, before) = DuringAndBefore(incident, KnownMetrics.LatencyP95Ms);
            Assert.True(during > 2.5 * before, $"{incident.Id}: latency {during} vs baseline {before}");
        }
    }

    [Fact]
    public void MemoryLeak_MemoryClimbsTowardsFull()
    {
        foreach (var incident in Incidents(SimulatedEventKind.MemoryLeak))
        {
            var end = incident.End!.Value;
            var during = ServiceMean(incident.Service, KnownMetrics.MemoryUtilization, incident.Start + ((end - incident.Start) * 0.8), end);
            var before = ServiceMean(incident.Service, KnownMetrics.MemoryUtilization, incident.Start.AddMinutes(-30), incident.Start);
            Assert.True(during > before + 25 && during > 85, $"{incident.Id}: memory {during} vs baseline {before}");
        }
    }

    [Fact]
    public void ErrorBurst_ErrorRateJumps()
    {
        foreach (var incident in Incidents(SimulatedEventKind.ErrorBurst))
        {
            var (during, before) = DuringAndBefore(incident, KnownMetrics.ErrorRate);
            Assert.True(during > 8 * before, $"{incident.Id}: errors {during} vs baseline {before}");
        }
    }

    [Fact]
    public void CpuSaturation_CpuIsPinned()
    {
        foreach (var incident in Incidents(SimulatedEventKind.CpuSaturation))
        {
            var (during, before) = DuringAndBefore(incident, KnownMetrics.CpuUtilization);
            Assert.True(during > 93 && before < 70, $"{incident.Id}: cpu {during} vs baseline {before}");
        }
    }

    [Fact]
    public void TrafficSurge_RequestRateMoreThanDoubles()
    {
        foreach (var incident in Incidents(SimulatedEventKind.TrafficSurge))
        {
            var (during, before) = DuringAndBefore(incident with { Start = incident.Start.AddMinutes(5) }, KnownMetrics.RequestRate);
            Assert.True(during > 2.5 * before, $"{incident.Id}: traffic {during} vs baseline {before}");
        }
    }

    [Fact]
    public void TrafficPeak_RaisesTrafficButNotLatency()
    {
        foreach (var peak in Fleet.Events.Where(e => e.Kind == SimulatedEventKind.TrafficPeak))
        {
            var middle = peak.Start + ((peak.End - peak.Start) / 2);
            var traffic = ServiceMean(peak.Service, KnownMetrics.RequestRate, middle.AddMinutes(-5), middle.AddMinutes(5));
            var trafficBefore = ServiceMean(peak.Service, KnownMetrics.RequestRate, peak.Start.AddMinutes(-30), peak.Start);
            var latency = ServiceMean(peak.Service, KnownMetrics.LatencyP95Ms, middle.AddMinutes(-5), middle.AddMinutes(5));
            var latencyBefore = ServiceMean(peak.Service, KnownMetrics.LatencyP95Ms, peak.Start.AddMinutes(-30), peak.Start);
            Assert.True(traffic > 1.4 * trafficBefore, $"{peak}: traffic {traffic} vs {trafficBefore}");
            Assert.True(latency < 1.5 * latencyBefore, $"{peak}: latency {latency} vs {latencyBefore}");
        }
    }

    [Fact]
    public void Constructor_ZeroServices_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new FleetSimulator(new FleetSimulationOptions { Services = 0 }));

        Assert.Contains("Services", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Incident> Incidents(SimulatedEventKind kind)
    {
        var ids = Fleet.Events.Where(e => e.Kind == kind).Select(e => e.IncidentId).ToHashSet();
        var incidents = Fleet.Incidents.Where(i => ids.Contains(i.Id)).ToList();
        Assert.NotEmpty(incidents);
        return incidents;
    }

    // Mean of the metric over the incident against the 30 quiet minutes before it (slots keep a 30-minute margin).
    private static (double During, double Before) DuringAndBefore(Incident incident, string metric) =>
        (ServiceMean(incident.Service, metric, incident.Start, incident.End!.Value),
         ServiceMean(incident.Service, metric, incident.Start.AddMinutes(-30), incident.Start));

    private static double ServiceMean(string service, string metric, DateTimeOffset from, DateTimeOffset to) =>
        Fleet.Telemetry(service).Where(s => s.Metric == metric && s.Time >= from && s.Time < to).Average(s => s.Value);
}
