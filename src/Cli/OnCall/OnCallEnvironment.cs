using Spectre.Console;

namespace MLOps.Cli.OnCall;

/// <summary>
/// What the on-call commands take from the process: console, HTTP, whether stdin is a terminal,
/// environment variables and the config file. Tests pass their own.
/// </summary>
internal sealed record OnCallEnvironment(
    IAnsiConsole Console,
    Func<HttpMessageHandler> CreateHandler,
    bool InputIsTerminal,
    Func<string, string?> GetVariable,
    string ConfigPath)
{
    public const string ApiUrlVariable = "MLOPS_API_URL";
    public const string ApiKeyVariable = "MLOPS_API_KEY";
    public static readonly Uri DefaultApiUrl = new("http://127.0.0.1:5080");

    public static OnCallEnvironment FromProcess() => new(
        CreateConsole(Environment.GetEnvironmentVariable),
        () => new SocketsHttpHandler(),
        !System.Console.IsInputRedirected,
        Environment.GetEnvironmentVariable,
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "mlops", "config.json"));

    /// <summary>
    /// Colours follow the terminal: none under NO_COLOR (no-color.org), no ANSI at all on TERM=dumb;
    /// otherwise Spectre detects what the terminal supports.
    /// </summary>
    public static IAnsiConsole CreateConsole(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var dumb = string.Equals(getVariable("TERM"), "dumb", StringComparison.Ordinal);
        var noColor = !string.IsNullOrEmpty(getVariable("NO_COLOR"));
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = dumb ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = dumb || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
    }
}
