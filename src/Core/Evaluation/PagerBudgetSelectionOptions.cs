using System.Globalization;
using MLOps.Core.Alerting;
using MLOps.Core.Paging;

namespace MLOps.Core.Evaluation;

/// <summary>
/// How the pager-budget selector replays validation: the online alert policy's options, the shift, budget and
/// horizon pages are judged by, and how many thresholds it tries.
/// </summary>
public sealed record PagerBudgetSelectionOptions(AlertPolicyOptions Policy, PageReportOptions Report)
{
    /// <summary>Most thresholds tried; each is a replay of the validation period (cut short once it cannot be chosen).</summary>
    public int MaxCandidates { get; init; } = 200;

    /// <summary>
    /// Thresholds that breach on more than this share of validation windows are not tried (except the highest
    /// score, so there is always one). Such thresholds page through a few episodes that never end, and what they
    /// catch they catch by luck; leaving them out keeps the replays cheap.
    /// </summary>
    public double MaxAlertShare { get; init; } = 0.1;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Policy is null || Report is null)
        {
            problems.Add("Policy and report options are required.");
            return problems;
        }

        try
        {
            Policy.Validate();
        }
        catch (ArgumentException exception)
        {
            problems.Add(exception.Message);
        }

        problems.AddRange(Report.Validate());
        if (MaxCandidates < 1)
        {
            problems.Add("MaxCandidates must be at least 1.");
        }

        if (!(MaxAlertShare is > 0 and <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxAlertShare {MaxAlertShare} must be in (0, 1]."));
        }

        return problems;
    }
}
