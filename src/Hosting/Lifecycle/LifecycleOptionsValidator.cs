using Microsoft.Extensions.Options;

namespace MLOps.Hosting.Lifecycle;

/// <summary>Refuses to start a host whose <c>Lifecycle</c> section would start lifecycles under an invalid policy.</summary>
public sealed class LifecycleOptionsValidator : IValidateOptions<LifecycleOptions>
{
    public ValidateOptionsResult Validate(string? name, LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Problems().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
