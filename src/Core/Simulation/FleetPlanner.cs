using System.Globalization;
using MLOps.Core.Features;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Simulation;

/// <summary>
/// Lays out a fleet: services and hosts, routine deploys, and per service a set of incidents and benign anomalies
/// in disjoint 6-hour slots, so a labeled incident never overlaps maintenance or a traffic peak and every label
/// lies inside the simulated period.
/// </summary>
internal static class FleetPlanner
{
    private const int SlotMinutes = 360;
    private const int SlotMargin = 30;

    private static readonly string[] Names =
    [
        "checkout", "payments", "search", "catalog", "cart", "auth", "profile", "orders", "inventory", "shipping",
        "pricing", "recommendations", "notifications", "media", "reviews", "gateway", "billing", "ledger",
        "fraud-check", "sessions",
    ];

    private static readonly string[] Regions = ["eu-west-1", "us-east-1", "ap-southeast-2"];

    private static readonly SimulatedEventKind[] IncidentKinds =
    [
        SimulatedEventKind.LatencyRegression, SimulatedEventKind.MemoryLeak, SimulatedEventKind.ErrorBurst,
        SimulatedEventKind.CpuSaturation, SimulatedEventKind.TrafficSurge,
    ];

    public static FleetPlan Plan(FleetSimulationOptions options)
    {
        options.Validate();
        var random = new Random(SeedMixer.Derive(options.Seed, 1, 0));
        var start = MinuteGrid.TimeOf(MinuteGrid.MinuteOf(options.Start));
        var services = new List<SimulatedService>();
        var deploys = new List<DeployEvent>();
        var maintenance = new List<MaintenanceWindow>();
        var incidents = new List<Incident>();
        var events = new List<SimulatedEvent>();
        var incidentNumber = 0;

        for (var s = 0; s < options.Services; s++)
        {
            var service = CreateService(s, options.HostsPerService, random);
            services.Add(service);
            var serviceDeploys = new List<DeployEvent>();
            var serviceEvents = new List<SimulatedEvent>();
            var version = 0;
            string NextVersion() => string.Create(CultureInfo.InvariantCulture, $"1.{++version}.0");
            string Commit() => random.NextInt64(0x1000000, 0xFFFFFFF).ToString("x7", CultureInfo.InvariantCulture);

            // Routine releases: about one per working day, mid-morning to late afternoon UTC.
            for (var day = 0; day < options.Days; day++)
            {
                if (random.NextDouble() < 0.8)
                {
                    var at = start.AddDays(day).AddMinutes(random.Next(9 * 60, 17 * 60));
                    serviceDeploys.Add(new DeployEvent(service.Name, NextVersion(), Commit(), at));
                }
            }

            var slots = Enumerable.Range(0, options.Days * 24 * 60 / SlotMinutes).ToArray();
            random.Shuffle(slots);
            var incidentCount = Math.Max(1, (int)Math.Round(options.Days * 0.5));
            var benignCount = Math.Max(1, options.Days / 4);
            var used = 0;
            for (var i = 0; i < incidentCount && used < slots.Length; i++, used++)
            {
                var kind = IncidentKinds[incidentNumber % IncidentKinds.Length];
                var (from, to) = Place(start, slots[used], Duration(kind, random), random);
                var id = string.Create(CultureInfo.InvariantCulture, $"SIM-{options.Seed}-{++incidentNumber:D5}");
                serviceEvents.Add(new SimulatedEvent(service.Name, kind, from, to, id));
                if (kind == SimulatedEventKind.LatencyRegression)
                {
                    // The bad release lands two minutes before latency degrades; the rollback ends the incident.
                    serviceDeploys.Add(new DeployEvent(service.Name, NextVersion(), Commit(), from.AddMinutes(-2)));
                    serviceDeploys.Add(new DeployEvent(service.Name, NextVersion(), Commit(), to));
                }
            }

            for (var b = 0; b < 2 * benignCount && used < slots.Length; b++, used++)
            {
                var kind = b % 2 == 0 ? SimulatedEventKind.Maintenance : SimulatedEventKind.TrafficPeak;
                var (from, to) = Place(start, slots[used], Duration(kind, random), random);
                serviceEvents.Add(new SimulatedEvent(service.Name, kind, from, to, null));
            }

            // Everything per service in time order, services in fleet order: the order the files are written in.
            deploys.AddRange(serviceDeploys.OrderBy(d => d.Time));
            foreach (var e in serviceEvents.OrderBy(e => e.Start))
            {
                events.Add(e);
                if (e.IncidentId is { } id)
                {
                    incidents.Add(new Incident(id, e.Service, e.Start, e.End, Severity(e.Kind), "simulator", Title(e.Kind, e.Service)));
                }
                else if (e.Kind == SimulatedEventKind.Maintenance)
                {
                    maintenance.Add(new MaintenanceWindow(e.Service, e.Start, e.End, "planned host patching"));
                }
            }
        }

        return new FleetPlan(options, services, deploys, maintenance, incidents, events);
    }

    private static SimulatedService CreateService(int index, int hostCount, Random random)
    {
        var name = index < Names.Length
            ? Names[index]
            : string.Create(CultureInfo.InvariantCulture, $"{Names[index % Names.Length]}-{(index / Names.Length) + 1}");
        var hosts = Enumerable.Range(1, hostCount)
            .Select(h => string.Create(CultureInfo.InvariantCulture, $"{name}-{h:D2}"))
            .ToArray();
        var info = new ServiceInfo(name, 1 + (index % 3), string.Create(CultureInfo.InvariantCulture, $"team-{index % 7}"));
        return new SimulatedService(
            info,
            Regions[index % Regions.Length],
            index % 4 == 3 ? "staging" : "production",
            hosts,
            BaseRequestRate: random.NextDouble(50, 500),
            CpuIdle: random.NextDouble(8, 15),
            MemoryBaseline: random.NextDouble(40, 60),
            ErrorFraction: random.NextDouble(0.001, 0.005),
            LatencyBaselineMs: random.NextDouble(80, 250));
    }

    private static int Duration(SimulatedEventKind kind, Random random) => kind switch
    {
        SimulatedEventKind.LatencyRegression => random.Next(30, 91),
        SimulatedEventKind.MemoryLeak => random.Next(120, 241),
        SimulatedEventKind.ErrorBurst => random.Next(10, 31),
        SimulatedEventKind.CpuSaturation => random.Next(20, 61),
        SimulatedEventKind.TrafficSurge => random.Next(20, 61),
        SimulatedEventKind.Maintenance => random.Next(30, 91),
        SimulatedEventKind.TrafficPeak => random.Next(30, 121),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static (DateTimeOffset From, DateTimeOffset To) Place(DateTimeOffset start, int slot, int minutes, Random random)
    {
        var offset = random.Next(SlotMargin, SlotMinutes - SlotMargin - minutes + 1);
        var from = start.AddMinutes((slot * SlotMinutes) + offset);
        return (from, from.AddMinutes(minutes));
    }

    private static string Severity(SimulatedEventKind kind) =>
        kind is SimulatedEventKind.ErrorBurst or SimulatedEventKind.TrafficSurge ? "SEV1" : "SEV2";

    private static string Title(SimulatedEventKind kind, string service) => kind switch
    {
        SimulatedEventKind.LatencyRegression => $"Latency regression on {service} after deploy",
        SimulatedEventKind.MemoryLeak => $"Memory leak on {service}",
        SimulatedEventKind.ErrorBurst => $"Error burst on {service}",
        SimulatedEventKind.CpuSaturation => $"CPU saturation on {service}",
        _ => $"Traffic surge overloads {service}",
    };
}
