namespace MLOps.EndToEnd.Tests.Support;

/// <summary>
/// Tests that host the worker run one at a time: Hangfire keeps its job activator in a process-wide static, so a second
/// worker host in the same process runs its minute jobs on the first host's services, and once that host is disposed
/// every job fails with ObjectDisposedException (seen: the model's week never scored while day 0 ran beside it).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlatformHostsCollection
{
    public const string Name = "platform hosts";
}
