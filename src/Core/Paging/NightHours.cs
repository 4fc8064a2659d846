namespace MLOps.Core.Paging;

/// <summary>
/// The wall-clock hours a page wakes someone up, in the shift schedule's time zone: a page counts as a night
/// page when its first window falls in [<see cref="Start"/>, <see cref="End"/>), wrapping past midnight when
/// <see cref="Start"/> is later than <see cref="End"/>. Equal bounds mean no night at all.
/// </summary>
public sealed record NightHours(TimeSpan Start, TimeSpan End)
{
    /// <summary>22:00 to 07:00: the hours a page is most likely to end someone's sleep.</summary>
    public static NightHours Default { get; } = new(TimeSpan.FromHours(22), TimeSpan.FromHours(7));

    public bool Contains(TimeSpan timeOfDay) =>
        Start < End ? timeOfDay >= Start && timeOfDay < End
        : Start > End && (timeOfDay >= Start || timeOfDay < End);

    public IReadOnlyList<string> Validate() =>
        Start < TimeSpan.Zero || Start >= TimeSpan.FromDays(1) || End < TimeSpan.Zero || End >= TimeSpan.FromDays(1)
            ? [$"Night hours {Start}-{End} must both be times of day in [00:00, 24:00)."]
            : [];
}
