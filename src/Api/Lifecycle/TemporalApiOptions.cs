namespace MLOps.Api.Lifecycle;

/// <summary>
/// How the API reaches Temporal (section <c>Temporal</c>, the same keys the worker reads). Without
/// <see cref="Address"/> the lifecycle endpoints answer 503 and everything else keeps working.
/// </summary>
public sealed class TemporalApiOptions
{
    public const string Section = "Temporal";

    /// <summary>host:port of the Temporal frontend; empty means not configured.</summary>
    public string? Address { get; set; }

    public string Namespace { get; set; } = "default";

    /// <summary>API key for Temporal Cloud (implies TLS).</summary>
    public string? ApiKey { get; set; }

    public bool Tls { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Address);
}
