using MLOps.Worker.Temporal;

namespace MLOps.Worker.Tests.Temporal;

public class RetrainScheduleOptionsValidatorTests
{
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
