using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class GatePrecisionTests
{
    private static FeedbackSummary Judged(int actionable, int falseAlarms, int expected = 0) =>
        new(actionable + falseAlarms + expected + 3, actionable, falseAlarms, expected, 3, null, null);

    [Fact]
    public void Choose_EnoughVerdicts_UsesVerdictPrecision()
    {
        var chosen = GatePrecision.Choose(Judged(actionable: 9, falseAlarms: 3), incidentMatchedPrecision: 0.2, VerdictPrecisionOptions.Default);

        Assert.Equal(new GatePrecision(0.75, PrecisionBasis.Verdicts, 12, 10), chosen);
        Assert.Equal("verdict-based precision 0.75 from 12 verdicts", chosen.Describe());
    }

    [Fact]
    public void Choose_ExactlyTheMinimum_UsesVerdictPrecision() =>
        Assert.Equal(PrecisionBasis.Verdicts, GatePrecision.Choose(Judged(5, 5), 0.9, VerdictPrecisionOptions.Default).Basis);

    [Fact]
    public void Choose_TooFewVerdicts_FallsBackToIncidentMatching()
    {
        var chosen = GatePrecision.Choose(Judged(actionable: 1, falseAlarms: 3), incidentMatchedPrecision: 0.6, VerdictPrecisionOptions.Default);

        Assert.Equal(new GatePrecision(0.6, PrecisionBasis.IncidentMatching, 4, 10), chosen);
        Assert.Equal("incident-matched precision 0.60 (4 of 10 verdicts needed for verdict-based precision)", chosen.Describe());
    }

    [Fact]
    public void Choose_ExpectedVerdicts_DoNotCountTowardsTheMinimum() =>
        Assert.Equal(PrecisionBasis.IncidentMatching, GatePrecision.Choose(Judged(4, 4, expected: 20), 0.5, VerdictPrecisionOptions.Default).Basis);

    [Fact]
    public void Choose_ConfiguredMinimum_IsHonoured() =>
        Assert.Equal(PrecisionBasis.Verdicts, GatePrecision.Choose(Judged(2, 1), 0.5, new VerdictPrecisionOptions(MinimumVerdicts: 3)).Basis);

    [Fact]
    public void Describe_NothingToMeasure_SaysSo() =>
        Assert.Equal(
            "incident-matched precision n/a (0 of 10 verdicts needed for verdict-based precision)",
            GatePrecision.Choose(Judged(0, 0), null, VerdictPrecisionOptions.Default).Describe());

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1, 0)]
    public void Options_Validate_RequiresAtLeastOneVerdict(int minimum, int problems) =>
        Assert.Equal(problems, new VerdictPrecisionOptions(minimum).Validate().Count);
}
