using System.Globalization;

namespace MLOps.Core.Paging;

/// <summary>
/// When on-call shifts hand over: every <see cref="ShiftLength"/> from <see cref="FirstShiftStart"/>, in
/// the wall-clock time of <see cref="TimeZone"/>. Hand-overs follow the wall clock through daylight-saving
/// changes, so the shift that spans one is an hour shorter or longer, as it is for the people on it.
/// </summary>
/// <param name="FirstShiftStart">A time of day; with 12-hour shifts 08:00 means hand-overs at 08:00 and 20:00.</param>
/// <param name="ShiftLength">Must divide a day, so every day has the same hand-overs.</param>
public sealed record ShiftSchedule(TimeZoneInfo TimeZone, TimeSpan FirstShiftStart, TimeSpan ShiftLength)
{
    /// <summary>12-hour shifts handing over at 08:00 and 20:00 UTC, the rota the SRE book's budget of two pages per shift is stated for.</summary>
    public static ShiftSchedule Default { get; } = new(TimeZoneInfo.Utc, TimeSpan.FromHours(8), TimeSpan.FromHours(12));

    /// <summary>Every problem with this schedule; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TimeZone is null)
        {
            problems.Add("The shift schedule needs a time zone.");
        }

        if (FirstShiftStart < TimeSpan.Zero || FirstShiftStart >= TimeSpan.FromDays(1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"FirstShiftStart {FirstShiftStart} must be a time of day in [00:00, 24:00)."));
        }

        if (ShiftLength <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % ShiftLength.Ticks != 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"ShiftLength {ShiftLength} must be positive and divide a day."));
        }

        return problems;
    }

    /// <summary>
    /// The hand-overs that bound every shift overlapping [<paramref name="from"/>, <paramref name="to"/>), in
    /// order: shift i is [boundaries[i], boundaries[i + 1]). The first shift may start before
    /// <paramref name="from"/> and the last end after <paramref name="to"/>.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> Boundaries(DateTimeOffset from, DateTimeOffset to)
    {
        if (Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"Invalid shift schedule: {string.Join(" ", problems)}");
        }

        if (to <= from)
        {
            throw new ArgumentException($"The period must not be empty: {to:O} is not after {from:O}.", nameof(to));
        }

        var perDay = (int)(TimeSpan.FromDays(1).Ticks / ShiftLength.Ticks);
        var handOvers = Enumerable.Range(0, perDay)
            .Select(k => TimeSpan.FromTicks((FirstShiftStart.Ticks + (k * ShiftLength.Ticks)) % TimeSpan.TicksPerDay))
            .Order()
            .ToArray();

        // A day either side covers hand-overs whose local date differs from the UTC one.
        var firstDay = TimeZoneInfo.ConvertTime(from, TimeZone).Date.AddDays(-1);
        var lastDay = TimeZoneInfo.ConvertTime(to, TimeZone).Date.AddDays(1);
        var all = new List<DateTimeOffset>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            all.AddRange(handOvers.Select(handOver => Instant(day + handOver)));
        }

        var sorted = all.Distinct().Order().ToArray();
        var first = Array.FindLastIndex(sorted, boundary => boundary <= from);
        var last = Array.FindIndex(sorted, boundary => boundary >= to);
        return sorted[first..(last + 1)];
    }

    /// <summary>
    /// The instant a wall-clock hand-over happens. A time skipped by a daylight-saving jump hands over at the
    /// first minute that exists; a time that happens twice hands over the first time.
    /// </summary>
    private DateTimeOffset Instant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
