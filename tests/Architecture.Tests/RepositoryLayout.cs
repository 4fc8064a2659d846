using System.Xml.Linq;

namespace MLOps.Architecture.Tests;

/// <summary>The checkout the tests run from: its src projects, their references and their source files.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>Project name (folder under src/) to the src projects it references directly.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SourceProjectReferences() =>
        Directory.GetDirectories(Path.Combine(Root, "src"))
            .Select(folder => (Name: Path.GetFileName(folder), Project: Directory.GetFiles(folder, "*.csproj").Single()))
            .ToDictionary(
                project => project.Name,
                project => (IReadOnlyList<string>)[.. XDocument.Load(project.Project).Descendants("ProjectReference")
                    .Select(reference => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project.Project)!, reference.Attribute("Include")!.Value)))!)!)
                    .Order(StringComparer.Ordinal)],
                StringComparer.Ordinal);

    /// <summary>The C# files of one src project, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MLOps.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MLOps.sln above {AppContext.BaseDirectory}: the architecture tests read the checkout they were built from.");
    }
}
