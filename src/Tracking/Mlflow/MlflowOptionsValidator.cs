using Microsoft.Extensions.Options;

namespace MLOps.Tracking.Mlflow;

/// <summary>Fails start-up with every problem of the <c>Mlflow</c> section at once, instead of at the first training.</summary>
public sealed class MlflowOptionsValidator : IValidateOptions<MlflowOptions>
{
    public ValidateOptionsResult Validate(string? name, MlflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TrackingUri is not { IsAbsoluteUri: true } uri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Mlflow:TrackingUri must be an absolute http(s) URL of the tracking server, e.g. http://mlflow:5000/.");
        }

        if (!string.IsNullOrEmpty(options.Token) && !string.IsNullOrEmpty(options.Username))
        {
            failures.Add("Mlflow:Token and Mlflow:Username are both set; configure either a bearer token or basic auth.");
        }

        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Mlflow:Username and Mlflow:Password go together; set both or neither.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Mlflow:Timeout must be positive.");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            failures.Add("Mlflow:MaxRetries must be between 0 and 20.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add("Mlflow:RetryBaseDelay must not be negative.");
        }

        if (string.IsNullOrWhiteSpace(options.ExperimentName))
        {
            failures.Add("Mlflow:ExperimentName must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
