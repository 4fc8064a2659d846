using System.Globalization;
using MLOps.Worker.Temporal;

namespace MLOps.Worker.Tests.Temporal;

public class OptionsValidatorTests
{
    [Fact]
    public void Validate_DefaultsWithoutAddress_Succeed() =>
        Assert.True(new TemporalOptionsValidator().Validate(null, new TemporalOptions()).Succeeded);

    [Fact]
    public void Validate_BadTemporalOptions_NamesEveryProblem()
    {
        var options = new TemporalOptions { Address = "localhost", TaskQueue = "q", TrainingTaskQueue = "q", ApiKey = "secret", Tls = false };

        var result = new TemporalOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Temporal:Address must be host:port, got 'localhost'.",
                "Temporal:TrainingTaskQueue must differ from Temporal:TaskQueue, or training would starve the control plane.",
                "Temporal:ApiKey is sent as a bearer token and needs Temporal:Tls = true.",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData("00:00:00", "00:01:00")]
    [InlineData("00:00:10", "00:00:05")]
    [InlineData("00:00:01", "2.00:00:00")]
    public void Validate_BadRetryDelays_SaysWhatTheyMustBe(string retryDelay, string maximumRetryDelay)
    {
        var options = new TemporalOptions { RetryDelay = TimeSpan.Parse(retryDelay, CultureInfo.InvariantCulture), MaximumRetryDelay = TimeSpan.Parse(maximumRetryDelay, CultureInfo.InvariantCulture) };

        var result = new TemporalOptionsValidator().Validate(null, options);

        Assert.Equal(
            [$"Temporal:RetryDelay must be positive and at most Temporal:MaximumRetryDelay, which must be at most 1 day; got {options.RetryDelay} and {options.MaximumRetryDelay}."],
            result.Failures);
    }

    [Fact]
    public void Validate_BadSchedules_NamesEveryProblem()
    {
        var options = new RetrainScheduleOptions();
        options.Policy.ProbationPrecisionFloor = 2;
        options.Models.Add(new ModelSchedule { Name = "a", Cron = "0 2 * *", TimeZone = "Mars/Olympus" });
        options.Models.Add(new ModelSchedule { Name = "a", TrainingWindow = TimeSpan.Zero });

        var result = new RetrainScheduleOptionsValidator().Validate(null, options);

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
        var options = new RetrainScheduleOptions();
        options.Models.Add(new ModelSchedule { Name = "latency-anomaly", TimeZone = "America/New_York" });

        Assert.True(new RetrainScheduleOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void ManualCommand_Namespace_RegistersAllFourKeywords() =>
        Assert.Equal(
            "temporal operator search-attribute create --namespace prod --name MlopsModel --type Keyword --name MlopsChampionVersion --type Keyword --name MlopsCandidateVersion --type Keyword --name MlopsStage --type Keyword",
            SearchAttributeRegistrar.ManualCommand("prod"));
}
