using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MLOps.Activities.Audit;
using MLOps.Api.Idempotency;
using MLOps.Api.Lifecycle;
using MLOps.Api.Registry;
using MLOps.Api.Security;
using Temporalio.Exceptions;

namespace MLOps.Api.Apis;

/// <summary>
/// The on-call surface of the model lifecycle: status for viewers, promote/approve/reject/rollback and
/// retrain for on-call. Commands go to the model's lifecycle workflow as updates, so a command the
/// policy refuses is answered 409 with the policy's reason and never reaches workflow history.
/// </summary>
public static class ModelsApi
{
    public const string MutationRateLimit = "model-commands";

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/models").WithTags("Models");

        var read = models.MapGroup(string.Empty).RequireAuthorization(ApiAuthorization.Viewer);
        read.MapGet("/", ListAsync);
        read.MapGet("/{name}", GetAsync)
            .WithName("GetModel")
            .WithSummary("A model's lifecycle status, registered versions and their metrics")
            .WithDescription(
                "status: the lifecycle workflow's Status query (404 when the model has no lifecycle). " +
                "registry: the newest ModelRegistry:MaxVersions versions from MLflow, newest first, with aliases, stage, " +
                "source and the latest value of each metric of the version's run. When MLflow is not configured or does not " +
                "answer, registry.available is false and registry.error names why (mlflow_not_configured, mlflow_unavailable, " +
                "mlflow_permission_denied, mlflow_bad_endpoint, mlflow_error); the answer is still 200.");
        read.MapGet("/{name}/history", HistoryAsync);

        var write = models.MapGroup(string.Empty)
            .RequireAuthorization(ApiAuthorization.Oncall)
            .RequireRateLimiting(MutationRateLimit)
            .AddEndpointFilter<IdempotencyFilter>();
        foreach (var action in new[] { "promote", "approve", "reject", "rollback" })
        {
            write.MapPost($"/{{name}}/{action}", (string name, ModelCommandRequest? request, HttpContext http, LifecycleServices services) =>
                ExecuteAsync(name, action, request, http, services));
        }

        write.MapPost("/{name}/retrain", RetrainAsync);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ModelSummary>>, ProblemHttpResult>> ListAsync(
        LifecycleServices services, IOptions<ModelCatalogOptions> catalog, LifecycleAuditStore audit, CancellationToken cancellationToken)
    {
        if (services.Gateway is not { } gateway)
        {
            return LifecycleProblems.TemporalNotConfigured();
        }

        var names = catalog.Value.Models.Select(model => model.Name)
            .Concat(await audit.ModelNamesAsync(cancellationToken))
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var summaries = new List<ModelSummary>();
        foreach (var name in names)
        {
            try
            {
                summaries.Add(new ModelSummary(name, await gateway.GetStatusAsync(name, cancellationToken)));
            }
            catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
            {
                // Configured but never trained: the lifecycle starts with the first candidate.
                summaries.Add(new ModelSummary(name, Status: null));
            }
            catch (Exception exception) when (LifecycleProblems.From(exception, name) is { } problem)
            {
                return problem;
            }
        }

        return TypedResults.Ok<IReadOnlyList<ModelSummary>>(summaries);
    }

    /// <summary>
    /// The lifecycle status decides the answer (404 when there is no lifecycle); the registry part is
    /// context, so MLflow being absent or down is said in <c>registry</c> and the answer is still 200.
    /// </summary>
    private static Task<Results<Ok<ModelDetails>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string name, LifecycleServices services, ModelRegistryReader registry, CancellationToken cancellationToken) =>
        WithGatewayAsync(name, services, async gateway =>
        {
            var status = await gateway.GetStatusAsync(name, cancellationToken);
            return TypedResults.Ok(new ModelDetails(name, status, await registry.ReadAsync(name, cancellationToken)));
        });

    private static async Task<Results<Ok<ModelHistory>, ValidationProblem>> HistoryAsync(
        string name, string? at, LifecycleAuditStore audit, CancellationToken cancellationToken)
    {
        var errors = ModelRequests.ValidateName(name);
        DateTimeOffset? moment = null;
        if (at is not null)
        {
            if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                moment = parsed;
            }
            else
            {
                errors["at"] = ["'at' must be an ISO 8601 time, e.g. 2026-03-01T12:00:00Z."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var entries = await audit.TimelineAsync(name, moment, cancellationToken);
        var champion = moment is { } time ? ChampionTimeline.ChampionAt(entries, time) : null;
        return TypedResults.Ok(new ModelHistory(name, moment, champion, entries));
    }

    private static async Task<Results<Ok<ModelCommandResponse>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        string name, string action, ModelCommandRequest? request, HttpContext http, LifecycleServices services)
    {
        var (command, errors) = ModelRequests.ToCommand(action, request, http.User.Actor());
        foreach (var (field, messages) in ModelRequests.ValidateName(name))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (services.Gateway is not { } gateway)
        {
            return LifecycleProblems.TemporalNotConfigured();
        }

        try
        {
            var result = await gateway.ExecuteAsync(name, command!, http.RequestAborted);
            services.Log.CommandAccepted(name, action, http.User.Actor(), result.Reason);
            return TypedResults.Ok(new ModelCommandResponse(name, action, result.Reason, result.Status));
        }
        catch (Exception exception) when (LifecycleProblems.From(exception, name) is { } problem)
        {
            services.Log.CommandNotCarriedOut(name, action, http.User.Actor(), problem.ProblemDetails.Status ?? 0, problem.ProblemDetails.Detail);
            return problem;
        }
    }

    private static Task<Results<Accepted<RetrainStarted>, ValidationProblem, ProblemHttpResult>> RetrainAsync(
        string name, HttpContext http, LifecycleServices services) =>
        WithGatewayAsync(name, services, async gateway =>
        {
            var started = await gateway.StartRetrainAsync(name, http.RequestAborted);
            services.Log.CommandAccepted(name, "retrain", http.User.Actor(), started);
            return TypedResults.Accepted($"/models/{name}", new RetrainStarted(name, started));
        });

    /// <summary>Validates the model name, answers 503 without Temporal, and maps Temporal's exceptions to problems.</summary>
    private static async Task<Results<TSuccess, ValidationProblem, ProblemHttpResult>> WithGatewayAsync<TSuccess>(
        string name, LifecycleServices services, Func<ILifecycleGateway, Task<TSuccess>> call)
        where TSuccess : IResult
    {
        if (ModelRequests.ValidateName(name) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (services.Gateway is not { } gateway)
        {
            return LifecycleProblems.TemporalNotConfigured();
        }

        try
        {
            return await call(gateway);
        }
        catch (Exception exception) when (LifecycleProblems.From(exception, name) is { } problem)
        {
            return problem;
        }
    }
}
