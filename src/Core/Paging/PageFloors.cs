using System.Globalization;

namespace MLOps.Core.Paging;

/// <summary>
/// Absolute page-level floors a version must clear, champion or not: its pages keep to the pager budget, and
/// it pages for at least <see cref="MinimumIncidentRecall"/> of the incidents. Relative floors say a version is
/// better than the champion; these say it is fit to page anyone at all, which matters most on day 0.
/// </summary>
public sealed record PageFloors(PagerBudget Budget, double MinimumIncidentRecall)
{
    /// <summary>The SRE book's two pages per shift, and half of the incidents paged for.</summary>
    public static PageFloors Default { get; } = new(PagerBudget.Default, 0.5);

    /// <summary>
    /// Judges <paramref name="pages"/>. Without figures nothing can be judged (<see cref="PageFloorVerdict.Judged"/>
    /// false); with no incident in the period the recall floor does not apply, and the verdict notes it.
    /// </summary>
    public PageFloorVerdict Check(PageSummary? pages)
    {
        if (pages is null)
        {
            return new PageFloorVerdict(false, [], ["page-level floors cannot be judged: no page-level figures were measured"]);
        }

        var failures = new List<string>();
        var notes = new List<string>();
        if (!Budget.IsMetBy(pages))
        {
            failures.Add(Format($"{Budget.DescribeFigure(pages)} is over the pager budget of {Budget.Describe()}"));
        }

        if (pages.IncidentRecall() is not { } recall)
        {
            notes.Add("the incident recall floor does not apply: no incident started in the period");
        }
        else if (recall < MinimumIncidentRecall)
        {
            failures.Add(Format($"incident recall {recall:0.00} ({pages.IncidentsPaged} of {pages.Incidents} paged) is below the floor {MinimumIncidentRecall:0.00}"));
        }

        return new PageFloorVerdict(true, failures, notes);
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Budget is null)
        {
            problems.Add("PageFloors.Budget is required.");
        }
        else
        {
            problems.AddRange(Budget.Validate());
        }

        if (!(MinimumIncidentRecall is >= 0 and <= 1))
        {
            problems.Add("PageFloors.MinimumIncidentRecall must be between 0 and 1.");
        }

        return problems;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
