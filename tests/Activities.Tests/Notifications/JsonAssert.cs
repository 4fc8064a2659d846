using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Activities.Tests.Notifications;

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
            // Assert.Equal on the indented texts shows where the two differ.
            Assert.Equal(expectedNode?.ToJsonString(Indented), actualNode?.ToJsonString(Indented));
            Assert.Fail("JSON differs only in number formatting or property order handling.");
        }
    }
}
