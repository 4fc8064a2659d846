using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace MLOps.Ingestion.Prometheus;

/// <summary>Typed client for Prometheus' <c>/api/v1/query_range</c>; retries and timeouts come from the resilience handler it is registered with.</summary>
public sealed class PrometheusPullClient(HttpClient http)
{
    /// <summary>Evaluates <paramref name="query"/> at start, start + step, … up to end; returns each result series with its points.</summary>
    public async Task<IReadOnlyList<RangeSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["query"] = query,
            ["start"] = Seconds(start),
            ["end"] = Seconds(end),
            ["step"] = step.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        });
        using var response = await http.PostAsync(new Uri("api/v1/query_range", UriKind.Relative), form, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<QueryRangeResponse>(cancellationToken);
        if (!response.IsSuccessStatusCode || body is not { Status: "success", Data.ResultType: "matrix" })
        {
            throw new HttpRequestException(
                $"Prometheus query_range failed ({(int)response.StatusCode}): {body?.ErrorType} {body?.Error}",
                inner: null,
                response.StatusCode);
        }

        return body.Data.Result.Select(series => new RangeSeries(
                series.Metric,
                series.Values.Select(point => (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(point[0].GetDouble() * 1000)), ParseValue(point[1].GetString()))).ToList()))
            .ToList();
    }

    private static string Seconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    // Prometheus writes sample values as strings so that NaN and ±Inf survive JSON.
    private static double ParseValue(string? text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text ?? "NaN", NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>One result series: its labels and (time, value) points.</summary>
    public sealed record RangeSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Points);

    private sealed record QueryRangeResponse(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("data")] QueryRangeData? Data,
        [property: JsonPropertyName("errorType")] string? ErrorType,
        [property: JsonPropertyName("error")] string? Error);

    private sealed record QueryRangeData(
        [property: JsonPropertyName("resultType")] string ResultType,
        [property: JsonPropertyName("result")] List<QueryRangeSeries> Result);

    private sealed record QueryRangeSeries(
        [property: JsonPropertyName("metric")] Dictionary<string, string> Metric,
        [property: JsonPropertyName("values")] List<System.Text.Json.JsonElement[]> Values);
}
