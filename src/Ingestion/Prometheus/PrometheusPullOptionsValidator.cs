using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MLOps.Ingestion.Prometheus;

/// <summary>Checks every configured query at start-up, not just the top-level options: a typo should stop the worker, not a 3 a.m. run.</summary>
public sealed class PrometheusPullOptionsValidator : IValidateOptions<PrometheusPullOptions>
{
    /// <summary>Prometheus refuses query_range requests of more than 11,000 points per series.</summary>
    public const int MaxPointsPerSeries = 11_000;

    public ValidateOptionsResult Validate(string? name, PrometheusPullOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Queries.Count > 0 && options.BaseUrl is not { IsAbsoluteUri: true })
        {
            failures.Add($"{PrometheusPullOptions.SectionName}:BaseUrl must be an absolute URL when queries are configured.");
        }

        foreach (var duplicate in options.Queries.GroupBy(query => query.Name, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            failures.Add($"Query name '{duplicate.Key}' is used more than once; names key the watermarks.");
        }

        for (var index = 0; index < options.Queries.Count; index++)
        {
            var query = options.Queries[index];
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(query, new ValidationContext(query), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(result => $"Queries[{index}]: {result.ErrorMessage}"));
            }

            if (query.Step > TimeSpan.Zero && query.MaxCatchUpPerRun / query.Step > MaxPointsPerSeries)
            {
                failures.Add($"Queries[{index}]: MaxCatchUpPerRun / Step must not exceed {MaxPointsPerSeries} points (Prometheus' limit per series).");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
