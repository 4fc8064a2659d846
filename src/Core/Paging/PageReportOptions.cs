namespace MLOps.Core.Paging;

/// <summary>How pages are counted and judged in a page report.</summary>
/// <param name="Horizon">How long before an incident's start a page still counts as catching it (the training horizon).</param>
public sealed record PageReportOptions(TimeSpan Horizon)
{
    public ShiftSchedule Schedule { get; init; } = ShiftSchedule.Default;

    /// <summary>Read in <see cref="ShiftSchedule.TimeZone"/>.</summary>
    public NightHours Night { get; init; } = NightHours.Default;

    public PagerBudget Budget { get; init; } = PagerBudget.Default;

    public PageCounting Counting { get; init; } = PageCounting.AsChampion;

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Horizon < TimeSpan.Zero)
        {
            problems.Add("The horizon must not be negative.");
        }

        problems.AddRange(Schedule?.Validate() ?? ["A shift schedule is required."]);
        problems.AddRange(Night?.Validate() ?? ["Night hours are required."]);
        problems.AddRange(Budget?.Validate() ?? ["A pager budget is required."]);
        return problems;
    }
}
