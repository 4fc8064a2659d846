using System.Globalization;

namespace MLOps.Core.Paging;

/// <summary>How many pages one on-call group may receive per shift, and which shifts must keep to it.</summary>
public sealed record PagerBudget(int PagesPerShift, PagerBudgetRule Rule)
{
    /// <summary>Two pages per 12-hour shift in every shift: the Google SRE book's ceiling for on-call load.</summary>
    public static PagerBudget Default { get; } = new(2, PagerBudgetRule.EveryShift);

    /// <summary>The figure of <paramref name="summary"/> the rule compares with the budget.</summary>
    public double ShiftFigure(PageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Rule == PagerBudgetRule.EveryShift ? summary.PagesPerShiftMax : summary.PagesPerShiftP95;
    }

    public bool IsMetBy(PageSummary summary) => ShiftFigure(summary) <= PagesPerShift;

    /// <summary>The budget in words, for reasons people read.</summary>
    public string Describe() => Rule == PagerBudgetRule.EveryShift
        ? string.Create(CultureInfo.InvariantCulture, $"at most {PagesPerShift} pages in every shift of every group")
        : string.Create(CultureInfo.InvariantCulture, $"at most {PagesPerShift} pages per shift at the 95th percentile of shifts");

    /// <summary>The figure the rule reads, in words: "max 3 pages per shift" or "p95 2.4 pages per shift".</summary>
    public string DescribeFigure(PageSummary summary) => Rule == PagerBudgetRule.EveryShift
        ? string.Create(CultureInfo.InvariantCulture, $"max {ShiftFigure(summary):0.##} pages per shift")
        : string.Create(CultureInfo.InvariantCulture, $"p95 {ShiftFigure(summary):0.##} pages per shift");

    public IReadOnlyList<string> Validate() =>
        PagesPerShift < 0 ? ["The pager budget must not be negative."] : [];
}
