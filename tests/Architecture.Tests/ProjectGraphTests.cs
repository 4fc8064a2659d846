using System.Text.Json;

namespace MLOps.Architecture.Tests;

/// <summary>
/// The project graph of docs/architecture.md, enforced: a reference that points the wrong way fails here, and so
/// does a new project nobody placed in the graph.
/// </summary>
public sealed class ProjectGraphTests
{
    /// <summary>Each src project and the src projects it may reference directly.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Core"] = [],
        ["Contracts"] = ["Core"],
        ["Workflows"] = ["Contracts"],
        ["Storage"] = ["Core"],
        ["Ingestion"] = ["Core", "Storage"],
        ["Artifacts"] = ["Core"],
        ["Modeling"] = ["Artifacts", "Core", "Storage"],
        ["Tracking"] = ["Artifacts", "Core", "Storage"],
        ["Notifications"] = ["Core", "Storage"],
        ["Hosting"] = ["Contracts"],
        ["Activities"] = ["Artifacts", "Contracts", "Ingestion", "Modeling", "Notifications", "Storage", "Tracking"],
        ["Worker"] = ["Activities", "Hosting", "Workflows"],
        ["Api"] = ["Hosting", "Ingestion", "Notifications", "Storage", "Workflows"],
        ["Cli"] = ["Artifacts", "Ingestion", "Modeling", "Storage", "Tracking"],
    };

    [Fact]
    public void SourceProjects_ReferenceOnlyWhatTheLayeringAllows()
    {
        var references = RepositoryLayout.SourceProjectReferences();

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), references.Keys.Order(StringComparer.Ordinal));
        var wrong = references
            .SelectMany(project => project.Value.Where(target => !Allowed[project.Key].Contains(target)).Select(target => $"{project.Key} -> {target}"))
            .ToList();
        Assert.True(wrong.Count == 0, $"References the layering does not allow: {string.Join(", ", wrong)}");
    }

    [Theory]
    [InlineData("Api", new[] { "Microsoft.ML", "Microsoft.ML.FastTree", "Minio", "RestSharp" })]
    [InlineData("Workflows", new[] { "Npgsql", "Microsoft.ML", "Minio", "RestSharp", "Hangfire.Core" })]
    [InlineData("Core", new[] { "Npgsql", "Microsoft.ML", "Minio", "RestSharp", "Temporalio" })]
    public void DependencyClosure_OfAProject_HoldsNoneOfTheForbiddenPackages(string project, string[] forbidden)
    {
        Assert.Empty(RestoredPackages(project).Intersect(forbidden, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Every package in the project's restored dependency closure (its project.assets.json), by name.</summary>
    private static HashSet<string> RestoredPackages(string project)
    {
        var assets = Path.Combine(RepositoryLayout.Root, "src", project, "obj", "project.assets.json");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        return document.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name.Split('/')[0])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
