using MLOps.Core.Lifecycle;

namespace MLOps.Core.Tests.Lifecycle;

public class LifecyclePolicyOptionsTests
{
    [Fact]
    public void Validate_Default_HasNoProblems() => Assert.Empty(LifecyclePolicyOptions.Default.Validate());

    [Fact]
    public void Validate_BadValues_NamesEachProblem()
    {
        var options = LifecyclePolicyOptions.Default with
        {
            Shadow = LifecyclePolicyOptions.Default.Shadow with { MinimumSoak = TimeSpan.FromHours(-1) },
            Probation = LifecyclePolicyOptions.Default.Probation with { PrecisionFloor = 1.5 },
            MaxPreviousChampions = 0,
        };

        Assert.Equal(
            ["Shadow.MinimumSoak must not be negative.", "Probation.PrecisionFloor must be between 0 and 1.", "MaxPreviousChampions must be at least 1, or rollback has nothing to go back to."],
            options.Validate());
    }

    [Fact]
    public void StageLabel_EachSituation_NamesWhatOperatorsSearchFor()
    {
        var empty = LifecycleState.Empty("m");
        var champion = empty with { ChampionVersion = "1" };

        Assert.Equal("None", empty.StageLabel());
        Assert.Equal("Champion", champion.StageLabel());
        Assert.Equal("Probation", (champion with { Probation = new ProbationState("1", "0", default, default) }).StageLabel());
        Assert.Equal("Secondary", (champion with { Candidate = new CandidateState("2", null, ModelStage.Secondary, default, default, null, null, null) }).StageLabel());
    }
}
