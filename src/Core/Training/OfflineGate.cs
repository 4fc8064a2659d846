using System.Globalization;
using MLOps.Core.Paging;

namespace MLOps.Core.Training;

/// <summary>
/// What a freshly trained candidate must show offline before it may enter shadow. Relative floors
/// compare with the champion; <see cref="MinimumPrAuc"/> guards a model's very first candidate.
/// </summary>
public sealed record OfflineGateOptions(double MinimumPrAuc, double PrAucDeltaFloor, double AlertsPerDayRatioCeiling)
{
    public static OfflineGateOptions Default { get; } = new(MinimumPrAuc: 0.2, PrAucDeltaFloor: 0.0, AlertsPerDayRatioCeiling: 1.5);

    /// <summary>
    /// Absolute page-level floors on the candidate's held-out pages, with or without a champion. Null (the default,
    /// and what workflow inputs recorded before these floors existed deserialize to) leaves the gate as it was.
    /// </summary>
    public PageFloors? PageFloors { get; init; }
}

/// <summary>The offline gate's answer; <see cref="Failures"/> says exactly which floor was missed.</summary>
public sealed record OfflineGateVerdict(bool Passed, IReadOnlyList<string> Failures)
{
    /// <summary>What the gate did not judge and why (a recall floor over a period without incidents); none of it failed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public static class OfflineGate
{
    public static OfflineGateVerdict Evaluate(OfflineComparison comparison, OfflineGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(options);
        var candidate = comparison.Candidate;
        var failures = new List<string>();
        if (candidate.PrAuc < options.MinimumPrAuc)
        {
            failures.Add(Format($"PR-AUC {candidate.PrAuc:0.000} is below the minimum {options.MinimumPrAuc:0.000}"));
        }

        if (comparison.Champion is { } champion)
        {
            var delta = candidate.PrAuc - champion.PrAuc;
            if (delta < options.PrAucDeltaFloor)
            {
                failures.Add(Format($"PR-AUC delta {delta:+0.000;-0.000;0.000} against champion {comparison.ChampionVersion} is below the floor {options.PrAucDeltaFloor:0.000}"));
            }

            // A champion that never alerted leaves no ratio to compare; any alert volume is then judged by PR-AUC alone.
            if (champion.AlertsPerDay > 0 && candidate.AlertsPerDay / champion.AlertsPerDay > options.AlertsPerDayRatioCeiling)
            {
                failures.Add(Format($"{candidate.AlertsPerDay:0.0} alerts/day is more than {options.AlertsPerDayRatioCeiling:0.00}x the champion's {champion.AlertsPerDay:0.0}"));
            }
        }

        var notes = new List<string>();
        if (options.PageFloors is { } floors)
        {
            // Offline there is no later report to wait for: floors that cannot be judged keep the candidate out.
            var pages = floors.Check(candidate.Pages);
            failures.AddRange(pages.Judged ? pages.Failures : pages.Notes);
            if (pages.Judged)
            {
                notes.AddRange(pages.Notes);
            }
        }

        return new OfflineGateVerdict(failures.Count == 0, failures) { Notes = notes };
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
