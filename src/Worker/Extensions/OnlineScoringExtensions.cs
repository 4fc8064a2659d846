using MLOps.Activities.Jobs;
using MLOps.Artifacts;

namespace MLOps.Worker.Extensions;

/// <summary>The online scoring job and the outbox delivery job, both recurring on Hangfire.</summary>
internal static class OnlineScoringExtensions
{
    /// <summary>Call after <see cref="HangfireExtensions.AddBackgroundJobs"/>: the jobs run on its Hangfire server.</summary>
    public static WebApplicationBuilder AddOnlineScoringJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddArtifactStore();
        builder.Services.AddOnlineScoring();
        builder.Services.AddHostedService<ScoringJobRegistration>();
        return builder;
    }
}
