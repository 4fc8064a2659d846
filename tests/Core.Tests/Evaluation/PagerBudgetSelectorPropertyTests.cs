using CsCheck;
using MLOps.Core.Alerting;
using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Evaluation;

/// <summary>
/// The selector stops replays it knows cannot be chosen. Against a brute force that replays every threshold it tried
/// in full and applies the documented rule, the choice must be the same.
/// </summary>
public class PagerBudgetSelectorPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Names = ["checkout", "reports", "search", "billing"];
    private const int Windows = 36 * 60;

    private static readonly Gen<(int Services, (int Service, int Minute, int Score)[] Spikes, (int Service, int Minute)[] Incidents, int Budget, bool P95)> Scenarios =
        from services in Gen.Int[1, 4]
        from spikes in Gen.Select(Gen.Int[0, services - 1], Gen.Int[0, Windows - 1], Gen.Int[1, 9]).Array[1, 60]
        from incidents in Gen.Select(Gen.Int[0, services - 1], Gen.Int[0, Windows - 1]).Array[1, 6]
        from budget in Gen.Int[0, 3]
        from p95 in Gen.Bool
        select (services, spikes, incidents, budget, p95);

    [Fact]
    public void Select_RandomValidation_ChoosesWhatFullReplaysOfEveryThresholdWould()
    {
        Scenarios.Sample(
            scenario =>
            {
                var (input, options) = Build(scenario);

                var selection = PagerBudgetSelector.Select(input, options);

                var simulator = new PagerSimulator(options.Policy, options.Report);
                var full = selection.Candidates
                    .Select(candidate => (candidate.Threshold, Pages: simulator.Simulate(new PagerReplayInput(
                        input.Start, input.Windows, input.Services, [new ReplayedVersion("validation", "candidate", ModelStage.Champion, candidate.Threshold, input.Scores)], input.Inventory, input.Maintenance, [], input.Incidents))[0].Summary))
                    .ToArray();
                var budget = options.Report.Budget;
                var within = full.Where(candidate => budget.IsMetBy(candidate.Pages)).ToArray();
                var expected = within.Length > 0
                    ? within.OrderByDescending(c => c.Pages.IncidentRecall()).ThenBy(c => c.Pages.Pages).ThenByDescending(c => c.Pages.MedianLeadTimeMinutes ?? double.NegativeInfinity).ThenByDescending(c => c.Threshold).First()
                    : full.OrderBy(c => c.Pages.Pages).ThenBy(c => budget.ShiftFigure(c.Pages)).ThenByDescending(c => c.Pages.IncidentRecall()).ThenByDescending(c => c.Pages.MedianLeadTimeMinutes ?? double.NegativeInfinity).ThenByDescending(c => c.Threshold).First();

                Assert.Equal(expected.Threshold, selection.Threshold);
                Assert.Equal(expected.Pages, selection.Pages);
                Assert.Equal(within.Length > 0 ? PagerBudgetOutcome.WithinBudget : PagerBudgetOutcome.BudgetNotMet, selection.Outcome);
                Assert.All(
                    selection.Candidates.Zip(full),
                    pair => Assert.True(pair.First.Pages is null || pair.First.Pages == pair.Second.Pages));
            },
            iter: 60);
    }

    private static (PagerBudgetSelectionInput Input, PagerBudgetSelectionOptions Options) Build(
        (int Services, (int Service, int Minute, int Score)[] Spikes, (int Service, int Minute)[] Incidents, int Budget, bool P95) scenario)
    {
        var scores = new float[scenario.Services * Windows];
        Array.Fill(scores, 0.05f);
        foreach (var (service, minute, score) in scenario.Spikes)
        {
            // Spikes of a few minutes, so episodes group and recover as real ones do.
            for (var m = minute; m < Math.Min(Windows, minute + 1 + (score % 3)); m++)
            {
                scores[(service * Windows) + m] = score / 10f;
            }
        }

        var incidents = scenario.Incidents
            .Select((incident, i) => new Incident($"I{i}", Names[incident.Service], Start.AddMinutes(incident.Minute), Start.AddMinutes(incident.Minute + 20), "sev2", "pd", "t"))
            .ToArray();
        var inventory = Enumerable.Range(0, scenario.Services).Select(s => new ServiceInfo(Names[s], 1, s % 2 == 0 ? "payments" : "")).ToArray();
        var input = new PagerBudgetSelectionInput(Start, Windows, Names[..scenario.Services], scores, incidents, [], inventory);
        var rule = scenario.P95 ? PagerBudgetRule.Percentile95 : PagerBudgetRule.EveryShift;
        var options = new PagerBudgetSelectionOptions(new AlertPolicyOptions(), new PageReportOptions(TimeSpan.FromMinutes(15)) { Budget = new PagerBudget(scenario.Budget, rule) })
        {
            MaxAlertShare = 1,
        };
        return (input, options);
    }
}
