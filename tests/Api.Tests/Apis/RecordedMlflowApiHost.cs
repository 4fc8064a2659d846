using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Activities.Tests.Tracking;
using MLOps.Api.Lifecycle;
using MLOps.Api.Tests.Lifecycle;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// The API with MLflow configured at a server answering what a real MLflow 2.17 answered (one attempt, no retry
/// wait) and a fake lifecycle gateway. Subclasses add the models and the MLflow answers in <see cref="Arrange"/>.
/// </summary>
public abstract class RecordedMlflowApiHost : ApiTestHost
{
    protected FakeLifecycleGateway Gateway { get; } = new();

    internal RecordedMlflowServer Mlflow { get; } = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Mlflow.Dispose();
    }

    /// <summary>Lifecycles and MLflow answers, plus any setting of the subclass's own.</summary>
    protected abstract void Arrange(IWebHostBuilder builder);

    protected sealed override void ConfigureHost(IWebHostBuilder builder)
    {
        Arrange(builder);
        builder.UseSetting("Mlflow:TrackingUri", Mlflow.Url.ToString());
        builder.UseSetting("Mlflow:MaxRetries", "1");
        builder.UseSetting("Mlflow:RetryBaseDelay", "00:00:00.001");
        builder.ConfigureTestServices(services => services.AddSingleton<ILifecycleGateway>(Gateway));
    }
}
