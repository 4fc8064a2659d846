using Microsoft.Extensions.Options;
using MLOps.Api.Lifecycle;
using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Testing;
using Temporalio.Client;

namespace MLOps.Api.Tests.Lifecycle;

/// <summary>
/// A lifecycle that cannot answer (no worker polls its queue: crashed, or a deploy in progress) holds a caller for at
/// most the gateway's deadline, and the answer says what happened.
/// </summary>
public sealed class TemporalLifecycleGatewayDeadlineTests(LocalTemporalFixture temporal) : IClassFixture<LocalTemporalFixture>
{
    [SkippableFact]
    public async Task GetStatus_LifecycleWithoutWorker_GivesUpAtTheDeadlineWithAProblemToShow()
    {
        var environment = temporal.Require();
        var model = $"stuck-{Guid.NewGuid():N}"[..14];
        var handle = await environment.Client.StartWorkflowAsync(
            WorkflowNames.ModelLifecycle,
            [new ModelLifecycleInput(model, LifecyclePolicyOptions.Default, TimeSpan.FromHours(1))],
            new WorkflowOptions(WorkflowIds.Lifecycle(model), $"nobody-polls-{model}"));
        try
        {
            var gateway = TestGateways.Over(environment.Client);

            var failure = await Record.ExceptionAsync(() => gateway.GetStatusAsync(model, CancellationToken.None));

            Assert.NotNull(failure);
            var problem = LifecycleProblems.From(failure, model)?.ProblemDetails;
            Assert.True(problem is not null, $"unmapped: {failure.GetType().Name} {(failure as Temporalio.Exceptions.RpcException)?.Code} {failure.Message}");
            Assert.Contains(problem.Status, new int?[] { 503, 504 });
        }
        finally
        {
            await handle.TerminateAsync("test finished");
        }
    }
}
