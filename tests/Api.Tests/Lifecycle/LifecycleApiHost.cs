using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Api.Lifecycle;
using MLOps.Api.Tests.Jobs;

namespace MLOps.Api.Tests.Lifecycle;

/// <summary>The API with Temporal replaced by <see cref="FakeLifecycleGateway"/>, knowing one model, "checkout".</summary>
public class LifecycleApiHost : ApiTestHost
{
    public const string Model = "checkout";

    /// <summary>A model whose policy refuses every command.</summary>
    public const string FrozenModel = "frozen";

    public const string RefusalReason = "no candidate in flight: nothing to promote";

    public FakeLifecycleGateway Gateway { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        // The authorization matrix opens the Hangfire dashboard, which needs the worker's Hangfire schema.
        WorkerHangfireStorage.Open(Database.ConnectionString!);
        Gateway.Add(Model, champion: "3", candidate: "4");
        Gateway.Add(FrozenModel, champion: "7");
        Gateway.Refuse(FrozenModel, RefusalReason);
        builder.UseSetting("Lifecycle:Models:0:Name", Model);
        builder.UseSetting("RateLimiting:Mutations:PermitLimit", "10000");
        builder.ConfigureTestServices(services => services.AddSingleton<ILifecycleGateway>(Gateway));
    }
}
