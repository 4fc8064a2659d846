using MLOps.Core;
using MLOps.Core.Lifecycle;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed class StageAliasesTests
{
    [Theory]
    [InlineData(ModelStage.Shadow, "shadow")]
    [InlineData(ModelStage.Secondary, "secondary")]
    [InlineData(ModelStage.Champion, "champion")]
    public void ToAlias_EveryStage_MapsToItsLowerCaseAlias(ModelStage stage, string alias)
    {
        Assert.Equal(alias, StageAliases.ToAlias(stage));
        Assert.Equal(stage, StageAliases.FromAlias(alias));
    }

    [Fact]
    public void ToAlias_AllStages_AreDistinctAndRoundTrip()
    {
        var aliases = StageAliases.All.Select(StageAliases.ToAlias).ToList();

        Assert.Equal(aliases.Count, aliases.Distinct().Count());
        Assert.Equal(StageAliases.All, aliases.Select(alias => StageAliases.FromAlias(alias)!.Value));
    }

    [Fact]
    public void FromAlias_DifferentCase_StillMaps()
    {
        Assert.Equal(ModelStage.Champion, StageAliases.FromAlias("Champion"));
    }

    [Theory]
    [InlineData("challenger")]
    [InlineData("latest")]
    [InlineData("")]
    public void FromAlias_AliasNotManagedHere_ReturnsNull(string alias)
    {
        Assert.Null(StageAliases.FromAlias(alias));
    }

    [Fact]
    public void ToAlias_UndefinedStage_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StageAliases.ToAlias((ModelStage)42));
    }
}
