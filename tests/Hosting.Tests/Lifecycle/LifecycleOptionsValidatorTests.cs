using MLOps.Hosting.Lifecycle;

namespace MLOps.Hosting.Tests.Lifecycle;

public class LifecycleOptionsValidatorTests
{
    [Fact]
    public void Validate_BadSchedules_NamesEveryProblem()
    {
        var options = new LifecycleOptions();
        options.Policy.ProbationPrecisionFloor = 2;
        options.Models.Add(new ModelSchedule { Name = "a", Cron = "0 2 * *", TimeZone = "Mars/Olympus" });
        options.Models.Add(new ModelSchedule { Name = "a", TrainingWindow = TimeSpan.Zero });

        var result = new LifecycleOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Lifecycle:Policy: Probation.PrecisionFloor must be between 0 and 1.",
                "Lifecycle:Models lists 'a' 2 times.",
                "Lifecycle:Models:0:Cron must have 5 fields (minute hour day month weekday), got '0 2 * *'.",
                "Lifecycle:Models:0:TimeZone 'Mars/Olympus' is not a known time zone.",
                "Lifecycle:Models:1:TrainingWindow must be positive.",
            ],
            result.Failures);
    }

    [Fact]
    public void Validate_GoodSchedule_Succeeds()
    {
        var options = new LifecycleOptions();
        options.Models.Add(new ModelSchedule { Name = "latency-anomaly", TimeZone = "America/New_York" });

        Assert.True(new LifecycleOptionsValidator().Validate(null, options).Succeeded);
    }
}
