using System.Text.Json;

namespace MLOps.Cli.OnCall;

/// <summary>Where the API is and which key to use: flag, then environment, then <c>~/.config/mlops/config.json</c>, then the default.</summary>
internal sealed record CliConfig(Uri ApiUrl, string? ApiKey)
{
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web);

    /// <exception cref="CliUsageException">The URL or the config file cannot be read.</exception>
    public static CliConfig Resolve(string? apiUrlFlag, OnCallEnvironment environment)
    {
        var file = ReadFile(environment.ConfigPath);
        var url = apiUrlFlag ?? environment.GetVariable(OnCallEnvironment.ApiUrlVariable) ?? file?.ApiUrl;
        Uri apiUrl = OnCallEnvironment.DefaultApiUrl;
        if (!string.IsNullOrWhiteSpace(url) && !Uri.TryCreate(url, UriKind.Absolute, out apiUrl!))
        {
            throw new CliUsageException($"'{url}' is not an absolute URL for the API (e.g. http://127.0.0.1:5080).");
        }

        var key = environment.GetVariable(OnCallEnvironment.ApiKeyVariable) ?? file?.ApiKey;
        return new CliConfig(apiUrl, string.IsNullOrWhiteSpace(key) ? null : key);
    }

    private static ConfigFile? ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), FileOptions);
        }
        catch (JsonException exception)
        {
            throw new CliUsageException($"{path} is not valid JSON ({exception.Message}); expected {{\"apiUrl\": \"...\", \"apiKey\": \"...\"}}.");
        }
    }

    private sealed record ConfigFile(string? ApiUrl, string? ApiKey);
}

/// <summary>The command line or its configuration is wrong; exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
