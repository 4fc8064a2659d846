using System.Diagnostics;

namespace MLOps.EndToEnd.Tests.Support;

/// <summary>
/// The <c>mlops</c> CLI run as a program, the way an engineer runs it: its own process, its settings from the
/// environment given here (nothing inherited that the test did not choose).
/// </summary>
public static class CliProgram
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The exit code and what the program wrote.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(IsPlatformSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Settings a developer's shell may hold (dev env file, MLflow) that would change what the CLI talks to.</summary>
    private static bool IsPlatformSetting(string key) =>
        key.StartsWith("ArtifactStore__", StringComparison.Ordinal)
        || key.StartsWith("Mlflow__", StringComparison.Ordinal)
        || key.StartsWith("MLFLOW_", StringComparison.Ordinal)
        || key.StartsWith("MLOPS_", StringComparison.Ordinal);

    /// <summary>The CLI this test suite was built with: src/Cli's output for the same configuration.</summary>
    private static string AssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot.Path, "src", "Cli", "bin", testOutput.Parent!.Name, testOutput.Name, "mlops.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the CLI is missing.", path);
    }
}
