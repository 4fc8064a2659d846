using MLOps.Activities.Lifecycle;
using MLOps.Contracts.Activities;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using Temporalio.Client;
using Temporalio.Client.Interceptors;
using Temporalio.Testing;

namespace MLOps.Activities.Tests.Lifecycle;

public class LifecycleHandoffActivitiesTests
{
    [Fact]
    public async Task HandCandidateToLifecycle_Candidate_SignalsWithStartTheModelsLifecycle()
    {
        var capture = new CapturingInterceptor();
        // A lazy connection never dials: the interceptor answers the one call the activity makes.
        var client = new TemporalClient(
            TemporalConnection.CreateLazy(new TemporalConnectionOptions("127.0.0.1:1")),
            new TemporalClientOptions { Interceptors = [capture] });
        capture.Client = client;
        var lifecycle = new ModelLifecycleInput("latency-anomaly", LifecyclePolicyOptions.Default, TimeSpan.FromHours(1));
        var candidate = new CandidateRegistered("7", "run-42", "retrain:retrain/latency-anomaly", "offline gates passed");

        await new ActivityEnvironment().RunAsync(
            () => new LifecycleHandoffActivities(client).HandCandidateToLifecycleAsync(new CandidateHandoff(lifecycle, candidate, "mlops-control")));

        var start = Assert.Single(capture.Starts);
        Assert.Equal(("ModelLifecycle", "lifecycle/latency-anomaly", "mlops-control"), (start.Workflow, start.Options.Id, start.Options.TaskQueue));
        Assert.Same(lifecycle, Assert.Single(start.Args));
        Assert.Equal("CandidateRegistered", start.Options.StartSignal);
        Assert.Same(candidate, Assert.Single(start.Options.StartSignalArgs!));
    }

    private sealed class CapturingInterceptor : IClientInterceptor
    {
        public List<StartWorkflowInput> Starts { get; } = [];

        public ITemporalClient? Client { get; set; }

        public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => new Outbound(this, nextInterceptor);

        private sealed class Outbound(CapturingInterceptor owner, ClientOutboundInterceptor next) : ClientOutboundInterceptor(next)
        {
            public override Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
            {
                owner.Starts.Add(input);
                return Task.FromResult(new WorkflowHandle<TWorkflow, TResult>(owner.Client!, input.Options.Id!, null, "run-1", "run-1"));
            }
        }
    }
}
