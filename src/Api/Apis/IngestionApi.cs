using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MLOps.Api.Idempotency;
using MLOps.Api.Security;
using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion;
using MLOps.Storage.Telemetry;

namespace MLOps.Api.Apis;

/// <summary>
/// Batch ingestion: telemetry, incidents, deploys and maintenance windows as a JSON array or CSV.
/// A batch is validated whole and stored in one transaction; a bad batch is answered with 400 and an
/// <c>errors</c> list (row, field, message) and nothing of it is stored. Replaying a batch changes nothing; resending
/// a row with a changed value corrects it (last write wins per key).
/// </summary>
public static class IngestionApi
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(string.Empty).WithTags("Ingestion").RequireAuthorization(ApiAuthorization.Oncall);
        Map(api, "/telemetry", IngestionKinds.Samples);
        Map(api, "/incidents", IngestionKinds.Incidents);
        Map(api, "/deploys", IngestionKinds.Deploys);
        Map(api, "/maintenance-windows", IngestionKinds.MaintenanceWindows);
        return app;
    }

    /// <summary>
    /// The body limit applies before the idempotency filter hashes the body; a repeat with the same
    /// Idempotency-Key gets the first answer back, the same key with another body 422, as for model commands.
    /// </summary>
    private static void Map<T>(RouteGroupBuilder api, string path, IngestionKind<T> kind) =>
        api.MapPost(path, (HttpContext context, [AsParameters] IngestionServices services, CancellationToken token) => IngestAsync(context, kind, services, token))
            .AddEndpointFilter((context, next) =>
                new IngestionBodyLimitFilter(kind.Name, context.HttpContext.RequestServices.GetRequiredService<IOptions<IngestionOptions>>()).InvokeAsync(context, next))
            .AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(IdempotentRawBody.Instance);

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
        IngestionProblems.Rejected(kind.Name, statusCode, errors);

    /// <summary>The handlers' dependencies, bound as one parameter.</summary>
    internal sealed record IngestionServices(TelemetryWriter Writer, IOptions<IngestionOptions> Options, TimeProvider Time);
}
