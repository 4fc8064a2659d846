using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion;
using MLOps.Ingestion.Csv;

namespace MLOps.Api.Apis;

/// <summary>Reads an ingestion request body, JSON array or CSV, into records or the reasons it cannot be read.</summary>
internal static partial class IngestionRequestReader
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // "NaN" and "Infinity" are read so that validation rejects them with a clear message, like the CSV path.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new UtcTimestampJsonConverter() },
        // A property the kind does not have is refused, as an unknown CSV column is: a misspelt "vaule" must not
        // pass as a row without its value.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { IngestionJsonFields.RequireCsvColumns } },
    };

    public static async Task<RequestBatch<T>> ReadAsync<T>(HttpRequest request, IngestionKind<T> kind, IngestionOptions options, CancellationToken cancellationToken)
    {
        // IngestionBodyLimitFilter has refused a declared length over the limit and set the server's limit to it.
        try
        {
            if (request.HasJsonContentType())
            {
                return await ReadJsonAsync<T>(request, cancellationToken);
            }

            var mediaType = request.ContentType?.Split(';')[0].Trim();
            if (string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadCsvAsync(request, kind, options, cancellationToken);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestBatch<T>.Failed(StatusCodes.Status413PayloadTooLarge, IngestionBodyLimitFilter.BodyTooLarge(options.MaxRequestBytes));
        }

        return RequestBatch<T>.Failed(
            StatusCodes.Status415UnsupportedMediaType,
            new ValidationError(null, "Content-Type", $"{ValueExcerpt.Quote(request.ContentType)} is not supported; send application/json or text/csv"));
    }

    private static async Task<RequestBatch<T>> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await JsonSerializer.DeserializeAsync<List<T>>(request.Body, JsonOptions, cancellationToken);
            return rows is null
                ? RequestBatch<T>.Failed(StatusCodes.Status400BadRequest, new ValidationError(null, "body", "is null; send a JSON array of rows"))
                : RequestBatch<T>.Read(rows);
        }
        catch (JsonException exception)
        {
            // The path ("$[3].time") says which row and field could not be read.
            var match = JsonPath().Match(exception.Path ?? string.Empty);
            int? row = match.Success ? int.Parse(match.Groups["row"].Value, CultureInfo.InvariantCulture) : null;
            var missing = MissingProperty().Match(exception.Message);
            var field = missing.Success ? missing.Groups["field"].Value
                : match.Groups["field"] is { Success: true } name ? name.Value
                : match.Success ? ValidationError.RowField
                : "body";
            var message = missing.Success ? "is missing; the row must have it" : exception.Message.Split(" Path:")[0];
            return RequestBatch<T>.Failed(StatusCodes.Status400BadRequest, new ValidationError(row, field, message));
        }
    }

    private static async Task<RequestBatch<T>> ReadCsvAsync<T>(HttpRequest request, IngestionKind<T> kind, IngestionOptions options, CancellationToken cancellationToken)
    {
        // One more row than allowed is enough to tell the batch is too large without reading all of it.
        await foreach (var batch in CsvBatchReader.ReadAsync(request.Body, kind.Csv, options.MaxBatchRows + 1, ValidationLimits.Default.MaxReportedErrors, cancellationToken))
        {
            return batch.Errors.Count > 0
                ? RequestBatch<T>.Failed(StatusCodes.Status400BadRequest, [.. batch.Errors])
                : RequestBatch<T>.Read(batch.Rows);
        }

        return RequestBatch<T>.Read([]);
    }

    // The field name is capped so an absurdly long unknown property is not echoed whole.
    [GeneratedRegex(@"^\$\[(?<row>\d+)\](?:\.(?<field>\w{1,64}))?", RegexOptions.CultureInvariant)]
    private static partial Regex JsonPath();

    // System.Text.Json's message for a required property that is absent: "... missing required properties including: 'value'."
    [GeneratedRegex(@"missing required properties including: '(?<field>\w{1,64})'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingProperty();
}
