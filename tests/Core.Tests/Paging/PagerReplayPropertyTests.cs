using System.Globalization;
using CsCheck;
using MLOps.Core.Alerting;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Paging;

/// <summary>
/// The replay against the online job's way of working: every minute, every score of every version handed to
/// <see cref="AlertPolicy.Evaluate"/> with the open episodes, and the decisions applied to them with
/// <see cref="OpenEpisodes"/> before the next minute. Random fleets, stages, gaps, maintenance, deploys, signals and
/// policy knobs; scores come from a few values so breaches, recoveries and expiries all happen.
/// </summary>
public class PagerReplayPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 21, 0, 0, TimeSpan.Zero);
    private static readonly string[] ServiceNames = ["checkout", "reports", "search"];
    private static readonly float[] ScoreValues = [float.NaN, 0.1f, 0.5f, 0.7f, 0.9f, 0.95f];

    private static readonly Gen<Scenario> Scenarios =
        from services in Gen.Int[1, 3]
        from windows in Gen.Int[1, 90]
        from versions in Gen.Select(Gen.Enum<ModelStage>(), Gen.Int[0, 1]).Array[1, 3]
        from codes in Gen.Int[0, ScoreValues.Length - 1].Array[versions.Length * services * windows]
        from signalCodes in Gen.Int[0, ScoreValues.Length - 1].Array[versions.Length * services * windows]
        from maintenance in Gen.Select(Gen.Int[0, services - 1], Gen.Int[-5, windows], Gen.Int[0, 20]).Array[0, 3]
        from deploys in Gen.Select(Gen.Int[0, services - 1], Gen.Int[-40, windows]).Array[0, 4]
        from tiers in Gen.Int[0, 4].Array[services]
        from resolveAfter in Gen.Int[1, 6]
        from grouping in Gen.Int[1, 12]
        from multiSignal in Gen.Bool
        select new Scenario(services, windows, versions, codes, signalCodes, maintenance, deploys, tiers, resolveAfter, grouping, multiSignal);

    [Fact]
    public void Replay_RandomFleets_DecidesEveryPassAsTheOnlinePolicyWould()
    {
        Scenarios.Sample(
            scenario =>
            {
                var options = scenario.PolicyOptions();
                var input = scenario.Input();

                var replayed = new PagerSimulator(options, new PageReportOptions(TimeSpan.FromMinutes(15))).Replay(input).ToArray();
                var online = Online(options, input);

                Assert.Equal(online.Select(pass => pass.EvaluatedAt), replayed.Select(pass => pass.EvaluatedAt));
                for (var i = 0; i < online.Count; i++)
                {
                    Assert.Equal(online[i].Decisions.Select(Describe), replayed[i].Decisions.Select(Describe));
                }
            },
            iter: 400);
    }

    [Fact]
    public void Simulate_RandomFleets_PagesAreTheNewAlertsOfThePasses()
    {
        Scenarios.Sample(
            scenario =>
            {
                var options = scenario.PolicyOptions();
                var input = scenario.Input();

                var reports = new PagerSimulator(options, new PageReportOptions(TimeSpan.FromMinutes(15))).Simulate(input);
                var newAlerts = Online(options, input).SelectMany(pass => pass.Decisions).OfType<NewAlert>().ToArray();

                Assert.Equal(newAlerts.Length, reports.Sum(report => report.Summary.Pages));
                Assert.Equal(
                    newAlerts.Select(alert => alert.DedupKey).Order(StringComparer.Ordinal),
                    reports.SelectMany(report => report.Pages).Select(page => page.DedupKey).Order(StringComparer.Ordinal));
                Assert.All(reports, report => Assert.Equal(report.Summary.Pages, report.Shifts.Sum(shift => shift.Pages)));
            },
            iter: 200);
    }

    /// <summary>What the online job records for these scores: a full policy pass per minute, episodes kept by the store's rules.</summary>
    private static List<ReplayedPass> Online(AlertPolicyOptions options, PagerReplayInput input)
    {
        var policy = new AlertPolicy(options);
        var open = new OpenEpisodes();
        var passes = new List<ReplayedPass>();
        for (var w = 0; w < input.Windows; w++)
        {
            var at = Start + (options.WindowStep * w);
            var candidates = new List<CandidateAlert>();
            foreach (var version in input.Versions)
            {
                for (var s = 0; s < input.Services.Count; s++)
                {
                    var index = (s * input.Windows) + w;
                    if (!float.IsNaN(version.Scores[index]))
                    {
                        candidates.Add(new CandidateAlert(version.Model, version.Version, version.Stage, input.Services[s], at, version.Scores[index], version.Threshold, [])
                        {
                            Signals = [.. version.Signals.Select(signal => new SignalReading(signal.Name, signal.Values[index], signal.Threshold))],
                        });
                    }
                }
            }

            var decisions = policy.Evaluate(new AlertPolicyInput(at, candidates, open.ToList(), input.Inventory, input.Maintenance, input.Deploys));
            open.ApplyPass(decisions);
            if (decisions.Count > 0)
            {
                passes.Add(new ReplayedPass(at, decisions));
            }
        }

        return passes;
    }

    /// <summary>Every field of a decision, nested lists included, so two decisions compare by value.</summary>
    private static string Describe(AlertDecision decision)
    {
        var head = FormattableString.Invariant($"{decision.GetType().Name} {decision.Model}/{decision.Version}/{decision.Stage}/{decision.Service}");
        return decision switch
        {
            NewAlert alert => FormattableString.Invariant(
                $"{head} {alert.DedupKey} {alert.IncidentStart:O} {alert.LastAboveAt:O} rank {alert.Rank} priority {alert.Priority:R} tier {alert.Tier} {alert.Severity} [{string.Join("|", alert.Annotations)}] {alert.GroupedWindows} {Describe(alert.Alert)}"),
            DeduplicatedAlert duplicate => FormattableString.Invariant($"{head} {duplicate.Episode} {duplicate.LastAboveAt:O} {duplicate.GroupedWindows} {Describe(duplicate.Alert)}"),
            SuppressedAlert suppressed => FormattableString.Invariant($"{head} {suppressed.Reason} {suppressed.Detail} {Describe(suppressed.Alert)}"),
            ResolvedAlert resolved => FormattableString.Invariant($"{head} {resolved.Episode} {resolved.Reason} {resolved.ResolvedAt:O}"),
            _ => head,
        };
    }

    private static string Describe(CandidateAlert alert) => FormattableString.Invariant(
        $"{alert.Stage} {alert.WindowEnd:O} {alert.Score:R} {alert.Threshold:R} [{string.Join("|", alert.Signals.Select(signal => FormattableString.Invariant($"{signal.Name}={signal.Value:R}/{signal.Threshold:R}")))}]");

    private sealed record Scenario(
        int Services,
        int Windows,
        (ModelStage Stage, int Model)[] Versions,
        int[] Codes,
        int[] SignalCodes,
        (int Service, int Start, int Length)[] Maintenance,
        (int Service, int At)[] Deploys,
        int[] Tiers,
        int ResolveAfter,
        int Grouping,
        bool MultiSignal)
    {
        public AlertPolicyOptions PolicyOptions() => new()
        {
            ResolveAfterQuietWindows = ResolveAfter,
            GroupingWindow = TimeSpan.FromMinutes(Grouping),
            MultiSignalAgreement = MultiSignal,
        };

        public PagerReplayInput Input()
        {
            var versions = Versions.Select((version, v) =>
            {
                var offset = v * Services * Windows;
                var scores = new float[Services * Windows];
                var signal = new float[Services * Windows];
                for (var i = 0; i < scores.Length; i++)
                {
                    scores[i] = ScoreValues[Codes[offset + i]];
                    signal[i] = ScoreValues[SignalCodes[offset + i]];
                }

                return new ReplayedVersion(version.Model == 0 ? "latency-anomaly" : "error-anomaly", (v + 1).ToString(CultureInfo.InvariantCulture), version.Stage, 0.8, scores)
                {
                    Signals = [new ReplayedSignal("robust_z", 0.6, signal)],
                };
            }).ToArray();

            // Tier 0 leaves the service out of the inventory, so it takes the default tier.
            var inventory = Enumerable.Range(0, Services)
                .Where(s => Tiers[s] > 0)
                .Select(s => new ServiceInfo(ServiceNames[s], Tiers[s], s == 0 ? "payments" : ""))
                .ToArray();
            var maintenance = Maintenance
                .Select(window => new MaintenanceWindow(ServiceNames[window.Service], Start.AddMinutes(window.Start), Start.AddMinutes(window.Start + window.Length), window.Length % 2 == 0 ? null : "planned"))
                .ToArray();
            var deploys = Deploys
                .Select((deploy, i) => new DeployEvent(ServiceNames[deploy.Service], FormattableString.Invariant($"v{i}"), i % 2 == 0 ? null : "abc123", Start.AddMinutes(deploy.At)))
                .ToArray();
            return new PagerReplayInput(Start, Windows, ServiceNames[..Services], versions, inventory, maintenance, deploys, []);
        }
    }
}
