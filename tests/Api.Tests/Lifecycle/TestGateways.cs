using Microsoft.Extensions.Options;
using MLOps.Api.Lifecycle;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using Temporalio.Client;

namespace MLOps.Api.Tests.Lifecycle;

/// <summary>The API's Temporal gateway over a test's client, with the <c>Lifecycle</c> settings the test needs.</summary>
internal static class TestGateways
{
    public static TemporalLifecycleGateway Over(ITemporalClient client, LifecycleOptions? lifecycle = null) =>
        new(client, Options.Create(new TemporalOptions { Address = "in-test:7233" }), Options.Create(lifecycle ?? new LifecycleOptions()));
}
