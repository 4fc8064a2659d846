using System.Globalization;
using MLOps.Hosting.Temporal;

namespace MLOps.Hosting.Tests.Temporal;

public class TemporalOptionsValidatorTests
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
}
