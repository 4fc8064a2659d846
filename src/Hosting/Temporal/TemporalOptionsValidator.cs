using Microsoft.Extensions.Options;

namespace MLOps.Hosting.Temporal;

/// <summary>Checks the rules that attributes cannot express; runs at start-up (ValidateOnStart).</summary>
public sealed class TemporalOptionsValidator : IValidateOptions<TemporalOptions>
{
    public ValidateOptionsResult Validate(string? name, TemporalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Enabled && !IsHostAndPort(options.Address!))
        {
            failures.Add($"Temporal:Address must be host:port, got '{options.Address}'.");
        }

        if (string.Equals(options.TaskQueue, options.TrainingTaskQueue, StringComparison.Ordinal))
        {
            failures.Add("Temporal:TrainingTaskQueue must differ from Temporal:TaskQueue, or training would starve the control plane.");
        }

        if (!string.IsNullOrEmpty(options.ApiKey) && !options.Tls)
        {
            failures.Add("Temporal:ApiKey is sent as a bearer token and needs Temporal:Tls = true.");
        }

        if (options.GracefulShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add("Temporal:GracefulShutdownTimeout must not be negative.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaximumRetryDelay < options.RetryDelay || options.MaximumRetryDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"Temporal:RetryDelay must be positive and at most Temporal:MaximumRetryDelay, which must be at most 1 day; got {options.RetryDelay} and {options.MaximumRetryDelay}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHostAndPort(string address)
    {
        var separator = address.LastIndexOf(':');
        return separator > 0 && int.TryParse(address.AsSpan(separator + 1), out var port) && port is > 0 and < 65536;
    }
}
