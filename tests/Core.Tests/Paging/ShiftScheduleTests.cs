using MLOps.Core.Paging;

namespace MLOps.Core.Tests.Paging;

public class ShiftScheduleTests
{
    // Central European rules: UTC+1, summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone(
        "Test/Berlin",
        TimeSpan.FromHours(1),
        "Test Berlin",
        "CET",
        "CEST",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date,
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Boundaries_DefaultSchedule_HandsOverAt08And20Utc()
    {
        var boundaries = ShiftSchedule.Default.Boundaries(Utc(3, 2, 9), Utc(3, 3, 9));

        Assert.Equal([Utc(3, 2, 8), Utc(3, 2, 20), Utc(3, 3, 8), Utc(3, 3, 20)], boundaries);
    }

    [Fact]
    public void Boundaries_PeriodStartingOnAHandOver_StartsWithIt()
    {
        var boundaries = ShiftSchedule.Default.Boundaries(Utc(3, 2, 8), Utc(3, 2, 20));

        Assert.Equal([Utc(3, 2, 8), Utc(3, 2, 20)], boundaries);
    }

    [Fact]
    public void Boundaries_SpringForward_ShortensTheNightShiftToElevenHours()
    {
        // 2026-03-29 is the last Sunday of March: 20:00 CET on the 28th is 19:00Z, 08:00 CEST on the 29th is 06:00Z.
        var boundaries = new ShiftSchedule(Berlin, TimeSpan.FromHours(8), TimeSpan.FromHours(12)).Boundaries(Utc(3, 28, 12), Utc(3, 29, 12));

        Assert.Equal([Utc(3, 28, 7), Utc(3, 28, 19), Utc(3, 29, 6), Utc(3, 29, 18)], boundaries);
        Assert.Equal(TimeSpan.FromHours(11), boundaries[2] - boundaries[1]);
    }

    [Fact]
    public void Boundaries_FallBack_LengthensTheNightShiftToThirteenHours()
    {
        // 2026-10-25: 20:00 CEST on the 24th is 18:00Z, 08:00 CET on the 25th is 07:00Z.
        var boundaries = new ShiftSchedule(Berlin, TimeSpan.FromHours(8), TimeSpan.FromHours(12)).Boundaries(Utc(10, 24, 12), Utc(10, 25, 12));

        Assert.Equal(TimeSpan.FromHours(13), boundaries[2] - boundaries[1]);
        Assert.Equal(Utc(10, 25, 7), boundaries[2]);
    }

    [Fact]
    public void Boundaries_HandOverInTheSkippedHour_HappensAtTheFirstMinuteThatExists()
    {
        // 02:30 does not exist on 2026-03-29 in Berlin; the hand-over happens at 03:00 CEST, 01:00Z.
        var boundaries = new ShiftSchedule(Berlin, new TimeSpan(2, 30, 0), TimeSpan.FromHours(12)).Boundaries(Utc(3, 29, 0), Utc(3, 29, 2));

        Assert.Contains(Utc(3, 29, 1), boundaries);
    }

    [Fact]
    public void Boundaries_HandOverInTheRepeatedHour_HappensTheFirstTime()
    {
        // 02:30 happens twice on 2026-10-25 in Berlin: first at 00:30Z (CEST), then at 01:30Z (CET).
        var boundaries = new ShiftSchedule(Berlin, new TimeSpan(2, 30, 0), TimeSpan.FromHours(12)).Boundaries(Utc(10, 25, 0), Utc(10, 25, 2));

        Assert.Contains(Utc(10, 25, 0, 30), boundaries);
        Assert.DoesNotContain(Utc(10, 25, 1, 30), boundaries);
    }

    [Fact]
    public void Boundaries_EightHourShifts_HandOverThreeTimesADay()
    {
        var boundaries = new ShiftSchedule(TimeZoneInfo.Utc, TimeSpan.FromHours(6), TimeSpan.FromHours(8)).Boundaries(Utc(3, 2, 6), Utc(3, 3, 6));

        Assert.Equal([Utc(3, 2, 6), Utc(3, 2, 14), Utc(3, 2, 22), Utc(3, 3, 6)], boundaries);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(-12)]
    public void Validate_ShiftLengthNotDividingADay_IsAProblem(int hours)
    {
        var problems = (ShiftSchedule.Default with { ShiftLength = TimeSpan.FromHours(hours) }).Validate();

        Assert.Contains(problems, problem => problem.Contains("divide a day", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(23, true)]
    [InlineData(3, true)]
    [InlineData(7, false)]
    [InlineData(12, false)]
    [InlineData(22, true)]
    public void Contains_DefaultNight_WrapsPastMidnight(int hour, bool night)
    {
        Assert.Equal(night, NightHours.Default.Contains(TimeSpan.FromHours(hour)));
    }

    [Fact]
    public void Contains_EqualBounds_HasNoNight()
    {
        Assert.False(new NightHours(TimeSpan.FromHours(3), TimeSpan.FromHours(3)).Contains(TimeSpan.FromHours(3)));
    }
}
