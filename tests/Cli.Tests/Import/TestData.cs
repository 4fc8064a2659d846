namespace MLOps.Cli.Tests.Import;

/// <summary>Paths of the tiny committed files under Data/ (copied next to the test assembly).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);
}
