using MLOps.Core.Features;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Simulation;

/// <summary>
/// Generates one service's minute-by-minute samples from its plan: daily and weekly seasonality, per-host skew,
/// noise, occasional missed scrapes, and the effect of whichever event is active.
/// </summary>
/// <remarks>Each service draws from its own seeded generator, so its samples do not depend on which services came before.</remarks>
internal static class TelemetryGenerator
{
    /// <summary>Probability that one host's scrape of one minute is missing (all its metrics), so the data has gaps.</summary>
    private const double MissedScrapeProbability = 0.001;

    public static IEnumerable<TelemetrySample> Generate(FleetPlan plan, int serviceIndex)
    {
        var service = plan.Services[serviceIndex];
        var random = new Random(SeedMixer.Derive(plan.Options.Seed, 2, serviceIndex));
        var events = plan.Events.Where(e => e.Service == service.Name).OrderBy(e => e.Start).ToArray();
        var hostSkew = service.Hosts.Select(_ => random.NextDouble(0.9, 1.1)).ToArray();
        var start = MinuteGrid.TimeOf(MinuteGrid.MinuteOf(plan.Options.Start));
        var minutes = plan.Options.Days * 24 * 60;
        // Normal daily peak of one host's traffic, so CPU sits near 45% at the busiest normal hour.
        var peakHostRate = service.BaseRequestRate * 1.5 / service.Hosts.Count * 1.1;
        var cpuPerRequest = 35.0 / peakHostRate;
        var nextEvent = 0;

        for (var m = 0; m < minutes; m++)
        {
            var time = start.AddMinutes(m);
            while (nextEvent < events.Length && events[nextEvent].End <= time)
            {
                nextEvent++;
            }

            var active = nextEvent < events.Length && events[nextEvent].Covers(time) ? events[nextEvent] : null;
            var effect = Effect.Of(active, time);
            var seasonal = Seasonality(time);
            for (var h = 0; h < service.Hosts.Count; h++)
            {
                if (random.NextDouble() < MissedScrapeProbability)
                {
                    continue;
                }

                var rate = service.BaseRequestRate / service.Hosts.Count * seasonal * hostSkew[h] * effect.TrafficFactor
                    * (1 + (0.04 * random.NextGaussian()));
                rate = Math.Max(0, rate);
                var load = rate / peakHostRate;
                var cpu = effect.CpuFloor > 0
                    ? effect.CpuFloor + (1.5 * random.NextGaussian())
                    : service.CpuIdle + (cpuPerRequest * rate) + (2 * random.NextGaussian());
                var memory = effect.MemoryLevel(service.MemoryBaseline) + random.NextGaussian();
                var errors = rate * service.ErrorFraction * effect.ErrorFactor * (1 + (0.3 * random.NextGaussian()));
                var latency = service.LatencyBaselineMs * (1 + (0.25 * Math.Min(load, 1))) * effect.LatencyFactor
                    * (1 + (0.05 * random.NextGaussian()));

                var host = service.Hosts[h];
                yield return Sample(time, service, host, KnownMetrics.CpuUtilization, Math.Clamp(cpu, 0, 100));
                yield return Sample(time, service, host, KnownMetrics.MemoryUtilization, Math.Clamp(memory, 0, 100));
                yield return Sample(time, service, host, KnownMetrics.RequestRate, rate);
                yield return Sample(time, service, host, KnownMetrics.ErrorRate, Math.Max(0, errors));
                yield return Sample(time, service, host, KnownMetrics.LatencyP95Ms, Math.Max(1, latency));
            }
        }
    }

    // Daily cycle peaking at 14:00 UTC (0.5x to 1.5x) and quieter weekends.
    private static double Seasonality(DateTimeOffset time)
    {
        var hour = time.Hour + (time.Minute / 60.0);
        var daily = 1 + (0.5 * Math.Sin(2 * Math.PI * (hour - 8) / 24));
        var weekly = time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.75 : 1.0;
        return daily * weekly;
    }

    private static TelemetrySample Sample(DateTimeOffset time, SimulatedService service, string host, string metric, double value) =>
        new(time, service.Name, host, service.Region, service.Environment, metric, value);

    /// <summary>How an active event bends the metrics at one minute.</summary>
    private readonly record struct Effect(
        double TrafficFactor, double CpuFloor, double ErrorFactor, double LatencyFactor, double LeakProgress, bool Restarted)
    {
        private static readonly Effect Normal = new(1, 0, 1, 1, 0, false);

        public double MemoryLevel(double baseline) =>
            Restarted ? baseline - 15 : baseline + ((98 - baseline) * LeakProgress);

        public static Effect Of(SimulatedEvent? active, DateTimeOffset time)
        {
            if (active is null)
            {
                return Normal;
            }

            var progress = (time - active.Start) / (active.End - active.Start);
            return active.Kind switch
            {
                SimulatedEventKind.LatencyRegression => Normal with { LatencyFactor = 3 },
                SimulatedEventKind.MemoryLeak => Normal with { LeakProgress = progress },
                SimulatedEventKind.ErrorBurst => Normal with { ErrorFactor = 15 },
                SimulatedEventKind.CpuSaturation => Normal with { CpuFloor = 97, LatencyFactor = 1.8 },
                // Ramps up over the first five minutes.
                SimulatedEventKind.TrafficSurge => Normal with
                {
                    TrafficFactor = 1 + (2.5 * Math.Min(1, (time - active.Start).TotalMinutes / 5)),
                    ErrorFactor = 5,
                    LatencyFactor = 2,
                },
                SimulatedEventKind.Maintenance => Normal with { TrafficFactor = 0.2, Restarted = true },
                SimulatedEventKind.TrafficPeak => Normal with { TrafficFactor = 1 + (0.8 * Math.Sin(Math.PI * progress)), LatencyFactor = 1.05 },
                _ => throw new ArgumentOutOfRangeException(nameof(active), active.Kind, null),
            };
        }
    }
}
