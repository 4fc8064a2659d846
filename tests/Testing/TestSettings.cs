namespace MLOps.Testing;

/// <summary>
/// Settings for service-backed tests. An environment variable wins; otherwise the env file that
/// <c>deploy/dev/services.sh up</c> writes; otherwise the script's fixed localhost defaults.
/// Keys are .NET configuration keys, the same ones the apps read.
/// </summary>
public static class TestSettings
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> EnvFile = new(ReadEnvFile);

    public static string PostgresConnectionString =>
        Get("ConnectionStrings__Postgres", "Host=127.0.0.1;Port=61432;Database=mlops;Username=mlops;Password=mlops");

    public static Uri S3Endpoint => new(Get("ArtifactStore__Endpoint", "http://127.0.0.1:61900"));

    public static string S3AccessKey => Get("ArtifactStore__AccessKey", "S3RVER");

    public static string S3SecretKey => Get("ArtifactStore__SecretKey", "S3RVER");

    public static Uri PrometheusUrl => new(Get("Prometheus__Url", "http://127.0.0.1:61090"));

    /// <summary>The port the dev Prometheus scrapes every second for tests that export metrics.</summary>
    public static int TestExporterPort => int.Parse(Get("Prometheus__TestExporterPort", "61100"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True on CI, where a service that .ci/run should have started must fail a test, not skip it.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? GetOptional(string key) =>
        Environment.GetEnvironmentVariable(key) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : EnvFile.Value.GetValueOrDefault(key);

    private static string Get(string key, string fallback) => GetOptional(key) ?? fallback;

    private static Dictionary<string, string> ReadEnvFile()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = FindEnvFile();
        if (path is null)
        {
            return values;
        }

        foreach (var line in File.ReadLines(path))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || separator <= 0)
            {
                continue;
            }

            values[line[..separator].Trim()] = line[(separator + 1)..].Trim().Trim('\'', '"');
        }

        return values;
    }

    private static string? FindEnvFile()
    {
        if (Environment.GetEnvironmentVariable("MLOPS_DEV_HOME") is { Length: > 0 } devHome)
        {
            return File.Exists(Path.Combine(devHome, "services.env")) ? Path.Combine(devHome, "services.env") : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".dev", "services.env");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
