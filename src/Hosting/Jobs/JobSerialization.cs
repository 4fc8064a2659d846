using Hangfire;

namespace MLOps.Hosting.Jobs;

/// <summary>
/// How Hangfire writes and reads jobs. The worker writes them and the API's dashboard reads them, so both hosts
/// configure Hangfire through this one method.
/// </summary>
public static class JobSerialization
{
    public static IGlobalConfiguration UseMlopsJobSerialization(this IGlobalConfiguration configuration) => configuration
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();
}
