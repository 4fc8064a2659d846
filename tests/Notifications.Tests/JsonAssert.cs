using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Notifications.Tests;

/// <summary>Compares JSON documents by structure and values, not by whitespace or property order.</summary>
internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal(string expected, string? actual)
    {
        Assert.NotNull(actual);
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        if (!JsonNode.DeepEquals(expectedNode, actualNode))
        {
            // Both sides with sorted properties, so Assert.Equal points at the first real difference.
            Assert.Equal(Sorted(expectedNode)?.ToJsonString(Indented), Sorted(actualNode)?.ToJsonString(Indented));
            Assert.Fail("The documents differ only in how a number is written (for example 1 and 1.0).");
        }
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(property => property.Key, StringComparer.Ordinal)
            .Select(property => KeyValuePair.Create(property.Key, Sorted(property.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
