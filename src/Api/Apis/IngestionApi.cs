using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MLOps.Api.Security;
using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion;
using MLOps.Storage.Telemetry;

namespace MLOps.Api.Apis;

/// <summary>
/// Batch ingestion: telemetry, incidents, deploys and maintenance windows as a JSON array or CSV.
/// A batch is validated whole and stored in one transaction; a bad batch is answered with 400 and an
/// <c>errors</c> list (row, field, message) and nothing of it is stored. Replaying a batch changes nothing.
/// </summary>
public static class IngestionApi
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(string.Empty).WithTags("Ingestion").RequireAuthorization(ApiAuthorization.Oncall);
        api.MapPost("/telemetry", (HttpContext context, [AsParameters] IngestionServices services, CancellationToken token) =>
            IngestAsync(context, IngestionKinds.Samples, services, token));
        api.MapPost("/incidents", (HttpContext context, [AsParameters] IngestionServices services, CancellationToken token) =>
            IngestAsync(context, IngestionKinds.Incidents, services, token));
        api.MapPost("/deploys", (HttpContext context, [AsParameters] IngestionServices services, CancellationToken token) =>
            IngestAsync(context, IngestionKinds.Deploys, services, token));
        api.MapPost("/maintenance-windows", (HttpContext context, [AsParameters] IngestionServices services, CancellationToken token) =>
            IngestAsync(context, IngestionKinds.MaintenanceWindows, services, token));
        return app;
    }

    private static async Task<Results<Ok<IngestionCounts>, ProblemHttpResult>> IngestAsync<T>(
        HttpContext context,
        IngestionKind<T> kind,
        IngestionServices services,
        CancellationToken cancellationToken)
    {
        var options = services.Options.Value;
        var batch = await IngestionRequestReader.ReadAsync(context.Request, kind, options, cancellationToken);
        if (batch.IsFailed)
        {
            return Rejected(kind, batch.StatusCode, batch.Errors);
        }

        var outcome = await kind.IngestAsync(services.Writer, batch.Rows, options.ToValidationLimits(), services.Time.GetUtcNow(), cancellationToken);
        return outcome.IsRejected
            ? Rejected(kind, StatusCodes.Status400BadRequest, outcome.Errors)
            : TypedResults.Ok(outcome.Counts);
    }

    private static ProblemHttpResult Rejected<T>(IngestionKind<T> kind, int statusCode, IReadOnlyList<ValidationError> errors) =>
        TypedResults.Problem(
            title: $"The {kind.Name} batch was rejected; nothing was stored.",
            detail: string.Join("; ", errors.Take(3)),
            statusCode: statusCode,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>The handlers' dependencies, bound as one parameter.</summary>
    internal sealed record IngestionServices(TelemetryWriter Writer, IOptions<IngestionOptions> Options, TimeProvider Time);
}
