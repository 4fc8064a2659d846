namespace MLOps.Workflows.Tests.Support;

/// <summary>All workflow tests share one time-skipping server, started (or found missing) once.</summary>
[CollectionDefinition(Name)]
public sealed class TemporalCollection : ICollectionFixture<LifecycleTemporalFixture>
{
    public const string Name = "Temporal";
}
