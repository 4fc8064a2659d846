using MLOps.Core;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed class StageTagsTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LatestTerm_NeverHeld_ReturnsNull()
    {
        Assert.Null(StageTags.LatestTerm(Version(("k", "v")), ModelStage.Champion));
    }

    [Fact]
    public void LatestTerm_SinceWithoutUntil_IsOpen()
    {
        var term = StageTags.LatestTerm(Version((StageTags.Since(ModelStage.Champion), StageTags.Format(Since)), (StageTags.By(ModelStage.Champion), "lead")), ModelStage.Champion);

        Assert.NotNull(term);
        Assert.Null(term.Until);
        Assert.Equal("lead", term.By);
        Assert.True(term.Covers(Since.AddYears(1)));
    }

    [Fact]
    public void LatestTerm_UntilOlderThanSince_BelongsToAnEarlierTermSoItIsOpen()
    {
        var term = StageTags.LatestTerm(
            Version((StageTags.Since(ModelStage.Champion), StageTags.Format(Since)), (StageTags.Until(ModelStage.Champion), StageTags.Format(Since.AddDays(-1)))),
            ModelStage.Champion);

        Assert.Null(term!.Until);
    }

    [Fact]
    public void LatestTerm_UntilAfterSince_IsFinishedAndEndsExclusive()
    {
        var until = Since.AddDays(4);
        var term = StageTags.LatestTerm(
            Version((StageTags.Since(ModelStage.Secondary), StageTags.Format(Since)), (StageTags.Until(ModelStage.Secondary), StageTags.Format(until))),
            ModelStage.Secondary)!;

        Assert.Equal(until, term.Until);
        Assert.True(term.Covers(Since));
        Assert.False(term.Covers(until));
    }

    [Fact]
    public void LatestTerm_Finished_SaysWhoEndedItAndWhy()
    {
        var term = StageTags.LatestTerm(
            Version(
                (StageTags.Since(ModelStage.Shadow), StageTags.Format(Since)),
                (StageTags.Until(ModelStage.Shadow), StageTags.Format(Since.AddDays(1))),
                (StageTags.UntilBy(ModelStage.Shadow), "lifecycle"),
                (StageTags.UntilReason(ModelStage.Shadow), "rejected")),
            ModelStage.Shadow)!;

        Assert.Equal(("lifecycle", "rejected"), (term.EndedBy, term.EndReason));
    }

    [Fact]
    public void LatestTerm_OpenWithTagsLeftFromAnEarlierTerm_HasNoEnder()
    {
        var term = StageTags.LatestTerm(
            Version(
                (StageTags.Since(ModelStage.Shadow), StageTags.Format(Since)),
                (StageTags.Until(ModelStage.Shadow), StageTags.Format(Since.AddDays(-1))),
                (StageTags.UntilBy(ModelStage.Shadow), "lifecycle")),
            ModelStage.Shadow)!;

        Assert.Null(term.EndedBy);
    }

    [Fact]
    public void AllTerms_ArchivedAndLatest_ReadsBoth()
    {
        var finished = new StageTerm("m", "1", ModelStage.Champion, Since, Since.AddDays(2), "lead", "day 0") { EndedBy = "guardrail", EndReason = "alert storm" };
        var version = Version(
            (StageTags.ArchivedTerm(ModelStage.Champion, Since), StageTags.Archive(finished)),
            (StageTags.Since(ModelStage.Champion), StageTags.Format(Since.AddDays(5))));

        var terms = StageTags.AllTerms(version).ToList();

        Assert.Equal([Since, Since.AddDays(5)], terms.Select(term => term.Since));
        Assert.Equal(finished, terms[0]);
    }

    [Fact]
    public void AllTerms_HandEditedArchiveTag_IsSkipped()
    {
        var version = Version((StageTags.ArchivedTerm(ModelStage.Champion, Since), "not json"), (StageTags.Since(ModelStage.Shadow), StageTags.Format(Since)));

        Assert.Equal([ModelStage.Shadow], StageTags.AllTerms(version).Select(term => term.Stage));
    }

    [Fact]
    public void HolderAt_OverlappingHandovers_PicksTheLatestStart()
    {
        var history = new StageHistory("m",
        [
            new StageTerm("m", "1", ModelStage.Champion, Since, null, "lead", "day 0"),
            new StageTerm("m", "2", ModelStage.Champion, Since.AddDays(3), null, "oncall", "approved"),
        ]);

        Assert.Equal("1", history.HolderAt(ModelStage.Champion, Since.AddDays(1))?.Version);
        Assert.Equal("2", history.HolderAt(ModelStage.Champion, Since.AddDays(4))?.Version);
        Assert.Null(history.HolderAt(ModelStage.Shadow, Since.AddDays(4)));
    }

    private static MlflowModelVersion Version(params (string Key, string Value)[] tags) =>
        new() { Name = "m", Version = "1", Tags = [.. tags.Select(tag => new MlflowTag(tag.Key, tag.Value))] };
}
