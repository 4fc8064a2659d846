using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class VerdictValidatorTests
{
    private const string Key = "mlops/latency-anomaly/v7/checkout/20261101T1200Z";
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 30, 0, TimeSpan.Zero);
    private static readonly VerdictRequest Good = new("false-alarm", "alice", "batch job, not user traffic");

    [Theory]
    [InlineData("actionable", VerdictKind.Actionable)]
    [InlineData("false-alarm", VerdictKind.FalseAlarm)]
    [InlineData("expected", VerdictKind.Expected)]
    public void TryAccept_EachWireWord_BuildsThatVerdict(string word, VerdictKind expected)
    {
        Assert.True(VerdictValidator.TryAccept(Key, Good with { Verdict = word }, VerdictSource.Api, Now, VerdictLimits.Default, out var verdict, out var errors));

        Assert.Empty(errors);
        Assert.Equal(new AlertVerdict(Key, expected, "alice", "batch job, not user traffic", Now, VerdictSource.Api), verdict);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Actionable")]
    [InlineData("false_alarm")]
    [InlineData("FalseAlarm")]
    [InlineData(" expected")]
    [InlineData("1")]
    public void Validate_UnknownVerdictWord_NamesTheVerdictField(string? word)
    {
        var error = Assert.Single(VerdictValidator.Validate(Good with { Verdict = word }, VerdictLimits.Default));

        Assert.Equal((null, VerdictValidator.VerdictField), (error.Row, error.Field));
    }

    public static TheoryData<VerdictRequest, string> BadText => new()
    {
        { Good with { Reason = null }, VerdictValidator.ReasonField },
        { Good with { Reason = "   " }, VerdictValidator.ReasonField },
        { Good with { Reason = new string('r', 1001) }, VerdictValidator.ReasonField },
        { Good with { Reason = "beep\u0007" }, VerdictValidator.ReasonField },
        { Good with { Actor = "" }, VerdictValidator.ActorField },
        { Good with { Actor = new string('a', 201) }, VerdictValidator.ActorField },
        { Good with { Actor = "alice\nbob" }, VerdictValidator.ActorField },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public void Validate_EmptyTooLongOrControlText_NamesTheField(VerdictRequest request, string field)
    {
        var error = Assert.Single(VerdictValidator.Validate(request, VerdictLimits.Default));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Validate_ReasonWithLineBreaksAtTheLimit_IsAccepted()
    {
        Assert.Empty(VerdictValidator.Validate(Good with { Reason = "line one\nline two\t" + new string('r', 982) }, VerdictLimits.Default));
    }

    [Fact]
    public void TryAccept_EverythingWrong_ReportsEveryFieldAndBuildsNothing()
    {
        var accepted = VerdictValidator.TryAccept("", new VerdictRequest("maybe", null, ""), VerdictSource.Api, Now, VerdictLimits.Default, out var verdict, out var errors);

        Assert.False(accepted);
        Assert.Null(verdict);
        Assert.Equal([VerdictValidator.DedupKeyField, VerdictValidator.VerdictField, VerdictValidator.ActorField, VerdictValidator.ReasonField], errors.Select(error => error.Field));
    }

    [Fact]
    public void TryAccept_KeyLongerThanPagerDutyAllows_IsRejected()
    {
        Assert.False(VerdictValidator.TryAccept(new string('k', 256), Good, VerdictSource.Api, Now, VerdictLimits.Default, out _, out var errors));

        Assert.Equal(VerdictValidator.DedupKeyField, Assert.Single(errors).Field);
    }

    [Fact]
    public void TryAccept_PaddedActorAndReason_AreStoredTrimmed()
    {
        Assert.True(VerdictValidator.TryAccept(Key, new VerdictRequest("actionable", "  alice ", "\n disk full  "), VerdictSource.Slack, Now, VerdictLimits.Default, out var verdict, out _));

        Assert.Equal(("alice", "disk full", VerdictSource.Slack, 0L), (verdict.Actor, verdict.Reason, verdict.Source, verdict.Sequence));
    }

    [Fact]
    public void VerdictKinds_ToWireThenTryParse_RoundTripsEveryKind()
    {
        foreach (var kind in Enum.GetValues<VerdictKind>())
        {
            Assert.True(VerdictKinds.TryParse(kind.ToWire(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(["actionable", "false-alarm", "expected"], VerdictKinds.WireWords);
    }
}
