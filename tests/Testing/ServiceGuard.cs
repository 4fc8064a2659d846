namespace MLOps.Testing;

/// <summary>
/// Decides what a test does when a service it needs does not answer: on a developer machine it
/// skips with the reason and the command that fixes it; on CI, where .ci/run starts every service,
/// it fails.
/// </summary>
public static class ServiceGuard
{
    public const string StartHint = "start it with: deploy/dev/services.sh up";

    public static void Require(bool reachable, string service, string detail)
    {
        if (reachable)
        {
            return;
        }

        var reason = $"{service} is not reachable ({detail}); {StartHint}";
        if (TestSettings.IsCi)
        {
            throw new InvalidOperationException($"CI must provide every dev service, but {reason}");
        }

        Skip.If(true, reason);
    }

    /// <summary>Runs a probe and turns any exception into "not reachable" with its message.</summary>
    public static async Task RequireAsync(string service, Func<Task> probe)
    {
        string? failure = null;
        try
        {
            await probe();
        }
#pragma warning disable CA1031 // Any failure of a probe means the same thing: the service is not there.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception.Message;
        }

        Require(failure is null, service, failure ?? string.Empty);
    }
}
