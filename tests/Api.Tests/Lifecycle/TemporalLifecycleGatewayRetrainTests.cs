using Microsoft.Extensions.Options;
using MLOps.Api.Lifecycle;
using MLOps.Contracts;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Testing;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace MLOps.Api.Tests.Lifecycle;

/// <summary>
/// On-demand retrain on a server without Schedules (Temporal's test server answers PatchSchedule with Unimplemented):
/// the gateway starts the retrain itself, as the schedule would, under the one id per model.
/// </summary>
public sealed class TemporalLifecycleGatewayRetrainTests(LocalTemporalFixture temporal) : IClassFixture<LocalTemporalFixture>
{
    [SkippableFact]
    public async Task StartRetrain_NoSchedulesConfiguredModel_StartsTheRetrainWorkflowOnceWithTheConfiguredInput()
    {
        var environment = temporal.RequireNoSchedules();
        var model = $"retrain-{Guid.NewGuid():N}"[..16];
        var lifecycle = new LifecycleOptions { CodeVersion = "abc123" };
        lifecycle.Models.Add(new ModelSchedule { Name = model, TrainingWindow = TimeSpan.FromDays(9), Seed = 5 });
        var gateway = TestGateways.Over(environment.Client, lifecycle);
        var handle = environment.Client.GetWorkflowHandle(WorkflowIds.Retrain(model));
        try
        {
            var started = await gateway.StartRetrainAsync(model, CancellationToken.None);
            var again = await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(() => gateway.StartRetrainAsync(model, CancellationToken.None));

            Assert.Equal(WorkflowIds.Retrain(model), started);
            var description = await handle.DescribeAsync();
            Assert.Equal(WorkflowNames.Retrain, description.WorkflowType);
            Assert.Equal(WorkflowExecutionStatus.Running, description.Status);
            Assert.Equal(409, LifecycleProblems.From(again, model)!.ProblemDetails.Status);
        }
        finally
        {
            await handle.TerminateAsync("test finished");
        }
    }

    [SkippableFact]
    public async Task StartRetrain_NoSchedulesUnconfiguredModel_Answers503NamingTheSetting()
    {
        var environment = temporal.RequireNoSchedules();
        var gateway = TestGateways.Over(environment.Client);

        var failure = await Assert.ThrowsAsync<RpcException>(() => gateway.StartRetrainAsync("not-configured", CancellationToken.None));

        var problem = LifecycleProblems.From(failure, "not-configured")!.ProblemDetails;
        Assert.Equal(503, problem.Status);
        Assert.Contains("Lifecycle:Models", problem.Detail, StringComparison.Ordinal);
    }
}
