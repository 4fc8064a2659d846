using Microsoft.Extensions.Options;

namespace MLOps.Worker.Temporal;

public sealed class RetrainScheduleOptionsValidator : IValidateOptions<RetrainScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrainScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Problems().ToList();

        foreach (var duplicate in options.Models.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"Lifecycle:Models lists '{duplicate.Key}' {duplicate.Count()} times.");
        }

        for (var i = 0; i < options.Models.Count; i++)
        {
            var model = options.Models[i];
            var at = $"Lifecycle:Models:{i}";
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                failures.Add($"{at}:Name is required.");
            }

            if (model.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
            {
                failures.Add($"{at}:Cron must have 5 fields (minute hour day month weekday), got '{model.Cron}'.");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(model.TimeZone, out _))
            {
                failures.Add($"{at}:TimeZone '{model.TimeZone}' is not a known time zone.");
            }

            if (model.Jitter < TimeSpan.Zero || model.CatchupWindow < TimeSpan.Zero)
            {
                failures.Add($"{at}: Jitter and CatchupWindow must not be negative.");
            }

            if (model.TrainingWindow <= TimeSpan.Zero)
            {
                failures.Add($"{at}:TrainingWindow must be positive.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
