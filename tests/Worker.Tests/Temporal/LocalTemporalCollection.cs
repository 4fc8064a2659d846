using MLOps.Testing;

namespace MLOps.Worker.Tests.Temporal;

/// <summary>Schedules need the full dev server (the time-skipping test server has no schedules).</summary>
[CollectionDefinition(Name)]
public sealed class LocalTemporalCollection : ICollectionFixture<LocalTemporalFixture>
{
    public const string Name = "LocalTemporal";
}
