using Microsoft.Extensions.Options;
using MLOps.Core.Alerting;

namespace MLOps.Notifications.Alerting;

/// <summary>Runs the policy's own validation at start-up, so a bad "Alerting:Policy" section stops the host.</summary>
internal sealed class AlertPolicyOptionsValidator : IValidateOptions<AlertPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
