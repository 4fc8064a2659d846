namespace MLOps.Api.Lifecycle;

/// <summary>
/// What the lifecycle endpoints need, bound as one parameter. <see cref="Gateway"/> is null when
/// Temporal is not configured: the endpoints then answer 503 instead of failing to start.
/// </summary>
public sealed class LifecycleServices(IServiceProvider services, LifecycleLog log)
{
    public ILifecycleGateway? Gateway { get; } = services.GetService<ILifecycleGateway>();

    public LifecycleLog Log { get; } = log;
}
