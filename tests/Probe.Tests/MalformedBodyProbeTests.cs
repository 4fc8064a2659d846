using System.Net.Http.Headers;
using System.Text.Json;
using MLOps.Core.Security;
using MLOps.Probe.Tests.Bodies;
using Xunit.Abstractions;

namespace MLOps.Probe.Tests;

/// <summary>
/// Every generated malformed body, sent to its ingestion endpoint: a 4xx problem+json whose <c>errors</c> name a
/// field (and the broken row and field where the generator knows them), never a 5xx, and not one row stored.
/// </summary>
public sealed class MalformedBodyProbeTests(ProbeHost host, ITestOutputHelper output) : IClassFixture<ProbeHost>
{
    /// <summary>At least 1,000 per run, as the probe was specified; the seed makes the run repeatable.</summary>
    public const int Bodies = 1_024;
    public const ulong Seed = 20_261_204;

    [SkippableFact]
    public async Task MalformedBodies_EachEndpoint_Answer4xxProblemNamingTheFieldAndStoreNothing()
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Keys[ApiRole.Oncall]);
        var bodies = MalformedBodies.Generate(Bodies, Seed);
        var storedBefore = await host.StoredRowsAsync();
        var statuses = new SortedDictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        var failures = new List<string>();

        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
            using var response = await client.PostAsync(new Uri(body.Endpoint, UriKind.Relative), content);
            var status = (int)response.StatusCode;
            var perEndpoint = statuses.TryGetValue(body.Endpoint, out var known) ? known : statuses[body.Endpoint] = [];
            perEndpoint[status] = perEndpoint.GetValueOrDefault(status) + 1;
            if (Problem(body, status, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync()) is { } problem)
            {
                failures.Add($"{body}: {problem}");
            }

            if (await host.StoredRowsAsync() != storedBefore)
            {
                failures.Add($"{body}: rows were stored");
                storedBefore = await host.StoredRowsAsync();
            }
        }

        var rowsChanged = await host.StoredRowsAsync() - storedBefore;
        output.WriteLine($"probe: {bodies.Count} malformed bodies (seed {Seed}), rows changed by rejected bodies: {rowsChanged}");
        foreach (var (endpoint, codes) in statuses)
        {
            output.WriteLine($"  {endpoint}: {string.Join(", ", codes.Select(code => $"{code.Key} x{code.Value}"))}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {bodies.Count} bodies were not refused properly:\n{string.Join('\n', failures.Take(30))}");
        Assert.Equal(0, rowsChanged);
        Assert.True(bodies.Count >= 1_000);
    }

    /// <summary>What is wrong with the answer to <paramref name="body"/>, or null when it is right.</summary>
    private static string? Problem(MalformedBody body, int status, string? mediaType, string text)
    {
        if (status is < 400 or >= 500)
        {
            return $"{status} {Excerpt(text)}";
        }

        if (mediaType != "application/problem+json")
        {
            return $"{status} with {mediaType}";
        }

        using var problem = JsonDocument.Parse(text);
        if (!problem.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return $"{status} without errors: {Excerpt(text)}";
        }

        var named = errors.EnumerateArray().Select(error => (
            Row: error.GetProperty("row").ValueKind == JsonValueKind.Number ? error.GetProperty("row").GetInt32() : (int?)null,
            Field: error.GetProperty("field").GetString())).ToList();
        if (named.Exists(error => string.IsNullOrEmpty(error.Field)))
        {
            return $"an error names no field: {Excerpt(text)}";
        }

        var expected = body.Field is null && body.Row is null
            || named.Exists(error => (body.Row is null || error.Row == body.Row) && (body.Field is null || error.Field == body.Field));
        return expected ? null : $"{status} does not name row {body.Row}, field {body.Field}: {Excerpt(text)}";
    }

    private static string Excerpt(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
