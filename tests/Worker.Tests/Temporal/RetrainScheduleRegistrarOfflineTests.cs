using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Contracts;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Worker.Temporal;
using Temporalio.Client;
using Temporalio.Client.Interceptors;
using Temporalio.Client.Schedules;
using Temporalio.Exceptions;

namespace MLOps.Worker.Tests.Temporal;

/// <summary>The create-or-update decision, with the client's schedule calls answered as a server would (no server needed).</summary>
public class RetrainScheduleRegistrarOfflineTests
{
    [Fact]
    public async Task EnsureSchedules_OneNewOneExisting_CreatesTheNewAndUpdatesTheExisting()
    {
        var server = new ScheduleServer(existing: [WorkflowIds.RetrainSchedule("known")]);
        var client = new TemporalClient(
            TemporalConnection.CreateLazy(new TemporalConnectionOptions("127.0.0.1:1")),
            new TemporalClientOptions { Interceptors = [server] });
        server.Client = client;
        var lifecycle = new LifecycleOptions();
        lifecycle.Models.Add(new ModelSchedule { Name = "fresh" });
        lifecycle.Models.Add(new ModelSchedule { Name = "known" });
        var registrar = new RetrainScheduleRegistrar(
            client,
            Options.Create(lifecycle),
            Options.Create(new TemporalOptions { Address = "127.0.0.1:1" }),
            NullLogger<RetrainScheduleRegistrar>.Instance);

        await registrar.EnsureSchedulesAsync(CancellationToken.None);

        Assert.Equal(["retrain-nightly/fresh", "retrain-nightly/known"], server.CreateAttempts);
        Assert.Equal(["retrain-nightly/known"], server.Updates);
    }

    /// <summary>Answers create like the server: ScheduleAlreadyRunning for an id it already has.</summary>
    private sealed class ScheduleServer(IReadOnlyCollection<string> existing) : IClientInterceptor
    {
        public IReadOnlyCollection<string> Existing { get; } = existing;

        public List<string> CreateAttempts { get; } = [];

        public List<string> Updates { get; } = [];

        public ITemporalClient? Client { get; set; }

        public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => new Outbound(this, nextInterceptor);

        private sealed class Outbound(ScheduleServer server, ClientOutboundInterceptor next) : ClientOutboundInterceptor(next)
        {
            public override Task<ScheduleHandle> CreateScheduleAsync(CreateScheduleInput input)
            {
                server.CreateAttempts.Add(input.Id);
                return server.Existing.Contains(input.Id)
                    ? throw new ScheduleAlreadyRunningException()
                    : Task.FromResult(new ScheduleHandle(server.Client!, input.Id));
            }

            public override Task UpdateScheduleAsync(UpdateScheduleInput input)
            {
                server.Updates.Add(input.Id);
                return Task.CompletedTask;
            }
        }
    }
}
