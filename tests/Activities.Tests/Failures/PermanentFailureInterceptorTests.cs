using MLOps.Activities.Failures;
using MLOps.Core;
using MLOps.Modeling.Training;
using Temporalio.Activities;
using Temporalio.Exceptions;
using Temporalio.Worker.Interceptors;

namespace MLOps.Activities.Tests.Failures;

public class PermanentFailureInterceptorTests
{
    [Fact]
    public async Task ExecuteActivity_PermanentFailure_FailsNonRetryablyWithTheExceptionTypeAsErrorType()
    {
        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => RunThrowingAsync(new TrainingDataException("no positive window")));

        Assert.True(failure.NonRetryable);
        Assert.Equal(nameof(TrainingDataException), failure.ErrorType);
        Assert.Equal("no positive window", failure.Message);
        Assert.IsType<TrainingDataException>(failure.InnerException);
    }

    [Fact]
    public async Task ExecuteActivity_OtherFailure_PropagatesUnchangedSoTemporalRetriesIt()
    {
        var transient = new TimeoutException("database did not answer");

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => RunThrowingAsync(transient));

        Assert.Same(transient, thrown);
        Assert.IsNotAssignableFrom<IPermanentFailure>(thrown);
    }

    private static Task<object?> RunThrowingAsync(Exception exception)
    {
        var inbound = new PermanentFailureInterceptor().InterceptActivity(new Throwing(exception));
        var definition = ActivityDefinition.Create("Throws", typeof(object), [], 0, _ => null);
        return inbound.ExecuteActivityAsync(new ExecuteActivityInput(definition, [], null));
    }

    /// <summary>The innermost interceptor (the activity itself) throwing; it has no next one.</summary>
    private sealed class Throwing(Exception exception) : ActivityInboundInterceptor(null!)
    {
        public override Task<object?> ExecuteActivityAsync(ExecuteActivityInput input) => throw exception;
    }
}
