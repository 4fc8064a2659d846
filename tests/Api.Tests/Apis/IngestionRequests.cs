using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MLOps.Api.Tests.Apis;

/// <summary>Sending ingestion bodies and reading their answers, shared by the ingestion test classes.</summary>
internal static class IngestionRequests
{
    public static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string path, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static async Task<HttpResponseMessage> PostBytesAsync(HttpClient client, string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static async Task<HttpResponseMessage> PostJsonTextAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static async Task<Counts> ReadCountsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Counts>())!;
    }

    public static (long, long, long, long) Tuple(Counts counts) => (counts.Received, counts.Inserted, counts.Updated, counts.Duplicates);

    /// <summary>Asserts a problem+json answer whose <c>errors</c> name this row (null: the batch) and field; returns the problem.</summary>
    public static async Task<JsonElement> AssertRejectedAsync(HttpResponseMessage response, HttpStatusCode status, int? row, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(
            errors.Exists(error =>
                error.GetProperty("field").GetString() == field
                && (row is null ? error.GetProperty("row").ValueKind == JsonValueKind.Null : error.GetProperty("row").GetInt32() == row)),
            $"no error for row {row?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, field {field}: {text}");
        return problem.RootElement.Clone();
    }

    internal sealed record Counts(long Received, long Inserted, long Updated, long Duplicates);
}
