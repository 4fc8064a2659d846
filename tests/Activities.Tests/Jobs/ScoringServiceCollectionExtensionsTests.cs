using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MLOps.Activities.Jobs;
using MLOps.Activities.Shadow;
using MLOps.Artifacts;
using MLOps.Modeling.Scoring;
using MLOps.Storage;

namespace MLOps.Activities.Tests.Jobs;

public sealed class ScoringServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none";
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddTelemetryStorage();
        services.AddArtifactStore();
        services.AddOnlineScoring();
        // The worker registers the shadow activity through Temporal's AddScopedActivities.
        services.AddScoped<ShadowActivities>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddOnlineScoring_DefaultSettings_ResolvesBothJobsAndTheShadowActivity()
    {
        using var provider = Build([]);
        using var scope = provider.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<OnlineScoringJob>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ShadowActivities>());
        Assert.Equal(TimeSpan.FromMinutes(65), provider.GetRequiredService<IOptions<ScoringOptions>>().Value.Lookback);
    }

    [Fact]
    public void AddOnlineScoring_LookbackBelowOneMinute_IsRejectedNamingTheSetting()
    {
        using var provider = Build(new() { ["Scoring:Lookback"] = "00:00:10" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ScoringOptions>>().Value);

        Assert.Contains("Lookback", failure.Message, StringComparison.Ordinal);
    }
}
