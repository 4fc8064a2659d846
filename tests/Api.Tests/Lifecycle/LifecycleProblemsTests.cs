using Microsoft.AspNetCore.Http;
using MLOps.Api.Lifecycle;
using Temporalio.Exceptions;

namespace MLOps.Api.Tests.Lifecycle;

public class LifecycleProblemsTests
{
    [Fact]
    public void From_QueryBeforeTheNewRunsFirstTask_IsAServiceUnavailableThatSaysToRetry()
    {
        // What server 1.21.6 answered to a status query right after a continue-as-new.
        var notReady = new RpcException(RpcException.StatusCode.FailedPrecondition, "Workflow task is not scheduled yet.", null);

        var problem = LifecycleProblems.From(notReady, "latency");

        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Contains("'latency'", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Contains("retry", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }
}
