using System.Text.RegularExpressions;

namespace MLOps.Architecture.Tests;

/// <summary>
/// Folders (namespaces) inside a project depend one way too: a cycle between two folders means neither can be
/// understood, moved or tested without the other. Read from the <c>using</c> directives of each file.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    [Theory]
    [MemberData(nameof(Projects))]
    public void Folders_OfAProject_FormNoCycle(string project)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var prefix = $"MLOps.{project}";
        foreach (var file in RepositoryLayout.SourceFiles(project))
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is not { Success: true } declared)
            {
                continue;
            }

            var from = declared.Groups[1].Value;
            foreach (Match used in Using().Matches(text))
            {
                var to = used.Groups[1].Value;
                if (to != from && (to == prefix || to.StartsWith(prefix + ".", StringComparison.Ordinal)))
                {
                    (edges.TryGetValue(from, out var targets) ? targets : edges[from] = new HashSet<string>(StringComparer.Ordinal)).Add(to);
                }
            }
        }

        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"Folders of {project} depend on each other: {cycle}");
    }

    public static TheoryData<string> Projects() => [.. RepositoryLayout.SourceProjectReferences().Keys.Order(StringComparer.Ordinal)];

    /// <summary>One cycle as "A -> B -> A", or null when the graph has none (depth-first search with colours).</summary>
    private static string? FindCycle(Dictionary<string, HashSet<string>> edges)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path; true: done
        var path = new List<string>();
        string? Visit(string node)
        {
            if (state.TryGetValue(node, out var done))
            {
                return done ? null : string.Join(" -> ", path.SkipWhile(step => step != node).Append(node));
            }

            state[node] = false;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }

        return edges.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using (MLOps\.[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Using();
}
