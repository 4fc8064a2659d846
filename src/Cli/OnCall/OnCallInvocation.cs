using Spectre.Console;

namespace MLOps.Cli.OnCall;

/// <summary>
/// Runs one call sequence against the API for a command: resolves the API from --api-url, the environment or the
/// config file, and turns the ways it can fail before an answer into the CLI's exit codes with a clear line.
/// </summary>
internal static class OnCallInvocation
{
    public static async Task<int> RunAsync(string? apiUrl, OnCallEnvironment environment, Func<OnCallApiClient, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run(OnCallApiClient.Create(CliConfig.Resolve(apiUrl, environment), environment));
        }
        catch (CliUsageException usage)
        {
            environment.Console.MarkupLineInterpolated($"[red]{usage.Message}[/]");
            return ExitCodes.Usage;
        }
        catch (HttpRequestException unreachable)
        {
            environment.Console.MarkupLineInterpolated($"[red]The API could not be reached:[/] {unreachable.Message}");
            environment.Console.MarkupLine($"[grey]Check --api-url / ${OnCallEnvironment.ApiUrlVariable} and that the API is up (/healthz).[/]");
            return ExitCodes.Unavailable;
        }
        catch (TaskCanceledException timeout) when (!timeout.CancellationToken.IsCancellationRequested)
        {
            environment.Console.MarkupLineInterpolated($"[red]The API did not answer in time.[/] Re-running the same command is safe only if it was a read; for a change, check `mlops history` first.");
            return ExitCodes.Unavailable;
        }
    }
}
