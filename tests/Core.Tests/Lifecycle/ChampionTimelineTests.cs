using MLOps.Core.Lifecycle;
using MLOps.Testing;

namespace MLOps.Core.Tests.Lifecycle;

public sealed class ChampionTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ChampionAt_TwoRollbacksInARow_WalksBackThroughEarlierChampions()
    {
        LifecycleAuditEntry[] entries =
        [
            AuditEntries.Of("m", AuditAction.Promoted, "1", ModelStage.Champion, T0),
            AuditEntries.Of("m", AuditAction.Promoted, "2", ModelStage.Champion, T0.AddDays(1)),
            AuditEntries.Of("m", AuditAction.Promoted, "3", ModelStage.Champion, T0.AddDays(2)),
            AuditEntries.Of("m", AuditAction.RolledBack, "3", ModelStage.Champion, T0.AddDays(3)),
            AuditEntries.Of("m", AuditAction.RolledBack, "2", ModelStage.Champion, T0.AddDays(4)),
        ];

        Assert.Equal("3", ChampionTimeline.ChampionAt(entries, T0.AddDays(2.5)));
        Assert.Equal("2", ChampionTimeline.ChampionAt(entries, T0.AddDays(3)));
        Assert.Equal("1", ChampionTimeline.ChampionAt(entries, T0.AddDays(4)));
    }

    [Fact]
    public void ChampionAt_OnlyCandidateStages_HasNoChampion()
    {
        LifecycleAuditEntry[] entries =
        [
            AuditEntries.Of("m", AuditAction.CandidateRegistered, "1", ModelStage.Shadow, T0),
            AuditEntries.Of("m", AuditAction.Promoted, "1", ModelStage.Secondary, T0.AddDays(1)),
            AuditEntries.Of("m", AuditAction.Approved, "1", ModelStage.Secondary, T0.AddDays(2)),
        ];

        Assert.Null(ChampionTimeline.ChampionAt(entries, T0.AddDays(5)));
    }
}
