namespace MLOps.Cli.OnCall;

/// <summary>Exit codes of the on-call commands, for scripts and runbooks (docs/runbook.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The API refused: policy conflict (409), unknown model (404), bad request, no permission, rate limit; or the operator declined.</summary>
    public const int Refused = 1;

    /// <summary>The command line or configuration is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The API could not be reached or failed (5xx, including 503 when Temporal is not configured).</summary>
    public const int Unavailable = 3;

    public static int ForStatus(int statusCode) => statusCode switch
    {
        < 400 => Ok,
        < 500 => Refused,
        _ => Unavailable,
    };
}
