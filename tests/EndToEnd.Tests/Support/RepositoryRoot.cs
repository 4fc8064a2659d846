namespace MLOps.EndToEnd.Tests.Support;

/// <summary>The checkout these tests were built from: the folder above the test output that holds MLOps.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "MLOps.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("MLOps.sln not found above the test output");
    }
}
