using System.CommandLine;

namespace MLOps.Cli.Commands;

/// <summary>Runs the parsed command line; a command line that does not parse exits 2 (usage), as the on-call runbook documents.</summary>
internal static class UsageExitCode
{
    public const int Usage = 2;

    public static async Task<int> InvokeWithUsageExitCodeAsync(this ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exit = await parseResult.InvokeAsync();
        return parseResult.Errors.Count > 0 ? Usage : exit;
    }
}
