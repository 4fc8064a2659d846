using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MLOps.Api.Idempotency;
using MLOps.Api.Lifecycle;
using MLOps.Api.Registry;
using MLOps.Api.Security;
using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using MLOps.Hosting.Lifecycle;
using MLOps.Storage.Audit;
using MLOps.Storage.Registry;
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
                "registry: the newest ModelRegistry:MaxVersions versions from the platform's registry (PostgreSQL), newest first, " +
                "with the stage each holds, its source folder, its test metrics and, where MLflow is configured, links to its run " +
                "and version in the MLflow UI. When PostgreSQL does not answer, registry.available is false and registry.error " +
                "is postgres_unavailable; the answer is still 200.");
        read.MapGet("/{name}/history", HistoryAsync);

        var write = models.MapGroup(string.Empty)
            .RequireAuthorization(ApiAuthorization.Oncall)
            .RequireRateLimiting(MutationRateLimit)
            .AddEndpointFilter<IdempotencyFilter>();
        write.MapPost("/{name}/promote", PromoteAsync);
        write.MapPost("/{name}/approve", ApproveAsync);
        write.MapPost("/{name}/reject", RejectAsync);
        write.MapPost("/{name}/rollback", RollbackAsync);
        write.MapPost("/{name}/retrain", RetrainAsync);
        write.MapPost("/{name}/candidates", HandOverAsync)
            .WithName("HandOverCandidate")
            .WithSummary("Hand a registered version to the model's lifecycle as its candidate")
            .WithDescription(
                "The version must be in the platform's registry (mlops train and retrains register). The lifecycle is started " +
                "if the model has none yet (day 0: hand over the first trained version, then promote it with targetStage " +
                "champion), otherwise signalled. 202: handed over, the version enters shadow; 404: no such version; " +
                "409: the lifecycle would refuse it (e.g. a candidate is still in flight), with the policy's reason.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ModelSummary>>, ProblemHttpResult>> ListAsync(
        ILifecycleGateway gateway, IOptions<LifecycleOptions> lifecycle, LifecycleAuditStore audit, CancellationToken cancellationToken)
    {
        // Without Temporal no model has a status to list; say so rather than list every model as never trained.
        if (!gateway.IsConfigured)
        {
            return LifecycleProblems.From(new TemporalNotConfiguredException(), string.Empty)!;
        }

        var names = lifecycle.Value.Models.Select(model => model.Name)
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
                summaries.Add(new ModelSummary(name, Status: null, Error: problem.ProblemDetails.Detail));
            }
        }

        // Every model failing the same way is Temporal being down, not one lifecycle: answer that as such.
        if (summaries.Count > 0 && summaries.All(summary => summary.Error is not null))
        {
            return TypedResults.Problem(summaries[0].Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporal unavailable");
        }

        return TypedResults.Ok<IReadOnlyList<ModelSummary>>(summaries);
    }

    /// <summary>
    /// The lifecycle status decides the answer (404 when there is no lifecycle); the registry part is
    /// context, so a registry that cannot be read is said in <c>registry</c> and the answer is still 200.
    /// </summary>
    private static Task<Results<Ok<ModelDetails>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string name, ILifecycleGateway gateway, ModelRegistryReader registry, CancellationToken cancellationToken) =>
        WithValidNameAsync(name, async () =>
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

    private static Task<Results<Ok<ModelCommandResponse>, ValidationProblem, ProblemHttpResult>> PromoteAsync(
        string name, ModelCommandRequest? request, HttpContext http, ILifecycleGateway gateway, LifecycleLog log) =>
        CommandAsync(name, "promote", ModelRequests.Promote(request, http.User.Actor()), http, log, gateway.PromoteAsync);

    private static Task<Results<Ok<ModelCommandResponse>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string name, ModelCommandRequest? request, HttpContext http, ILifecycleGateway gateway, LifecycleLog log) =>
        CommandAsync(name, "approve", ModelRequests.Approve(request, http.User.Actor()), http, log, gateway.ApproveAsync);

    private static Task<Results<Ok<ModelCommandResponse>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        string name, ModelCommandRequest? request, HttpContext http, ILifecycleGateway gateway, LifecycleLog log) =>
        CommandAsync(name, "reject", ModelRequests.Reject(request, http.User.Actor()), http, log, gateway.RejectAsync);

    private static Task<Results<Ok<ModelCommandResponse>, ValidationProblem, ProblemHttpResult>> RollbackAsync(
        string name, ModelCommandRequest? request, HttpContext http, ILifecycleGateway gateway, LifecycleLog log) =>
        CommandAsync(name, "rollback", ModelRequests.Rollback(request, http.User.Actor()), http, log, gateway.RollbackAsync);

    /// <summary>Every on-call command the same way: field errors first, then the update, logged whether carried out or not.</summary>
    private static async Task<Results<Ok<ModelCommandResponse>, ValidationProblem, ProblemHttpResult>> CommandAsync<TCommand>(
        string name,
        string action,
        ValidatedCommand<TCommand> validated,
        HttpContext http,
        LifecycleLog log,
        Func<string, TCommand, CancellationToken, Task<LifecycleCommandResult>> send)
        where TCommand : LifecycleCommand
    {
        var errors = validated.Errors;
        foreach (var (field, messages) in ModelRequests.ValidateName(name))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var result = await send(name, validated.Command!, http.RequestAborted);
            log.CommandAccepted(name, action, http.User.Actor(), result.Reason);
            return TypedResults.Ok(new ModelCommandResponse(name, action, result.Reason, result.Status));
        }
        catch (Exception exception) when (LifecycleProblems.From(exception, name) is { } problem)
        {
            log.CommandNotCarriedOut(name, action, http.User.Actor(), problem.ProblemDetails.Status ?? 0, problem.ProblemDetails.Detail);
            return problem;
        }
    }

    private static Task<Results<Accepted<RetrainStarted>, ValidationProblem, ProblemHttpResult>> RetrainAsync(
        string name, HttpContext http, ILifecycleGateway gateway, LifecycleLog log) =>
        WithValidNameAsync(name, async () =>
        {
            var started = await gateway.StartRetrainAsync(name, http.RequestAborted);
            log.CommandAccepted(name, "retrain", http.User.Actor(), started);
            return TypedResults.Accepted($"/models/{name}", new RetrainStarted(name, started));
        });

    /// <summary>
    /// Looks the version up in the registry (so only what was registered can be handed over, with its run id; a
    /// registry that does not answer is the API's one 503 for PostgreSQL outages, PostgresOutageExceptionHandler), asks
    /// the running lifecycle's policy first (a signal cannot answer, so a refusal would otherwise be silent), then
    /// signals with start.
    /// </summary>
    private static async Task<Results<Accepted<CandidateHandedOver>, ValidationProblem, ProblemHttpResult>> HandOverAsync(
        string name,
        CandidateRequest? request,
        HttpContext http,
        ILifecycleGateway gateway,
        ModelVersionStore versions,
        IOptions<LifecycleOptions> lifecycle,
        TimeProvider clock,
        LifecycleLog log)
    {
        var validated = ModelRequests.HandOver(request, http.User.Actor());
        var errors = validated.Errors;
        foreach (var (field, messages) in ModelRequests.ValidateName(name))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var command = validated.Command!;
        ProblemHttpResult problem;
        try
        {
            if (await versions.FindAsync(name, command.Version, http.RequestAborted) is not { } registered)
            {
                return TypedResults.Problem(
                    $"Version '{command.Version}' of model '{name}' is not in the registry; `mlops train` registers a version and prints it.",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Unknown version");
            }

            command = command with { RunId = registered.RunId };
            if (await CurrentStateAsync(gateway, name, http.RequestAborted) is { } state
                && new LifecyclePolicy(lifecycle.Value.Policy.ToOptions()).Decide(state, command, clock.GetUtcNow()) is { Accepted: false } refusal)
            {
                problem = TypedResults.Problem(refusal.Reason, statusCode: StatusCodes.Status409Conflict, title: "Command refused by the lifecycle policy");
            }
            else
            {
                await gateway.HandOverAsync(lifecycle.Value.InputFor(name), command, http.RequestAborted);
                var outcome = $"version {command.Version} handed to the lifecycle; it enters shadow";
                log.CommandAccepted(name, "hand-over", command.Actor, outcome);
                return TypedResults.Accepted($"/models/{name}", new CandidateHandedOver(name, command.Version, WorkflowIds.Lifecycle(name), outcome));
            }
        }
        catch (Exception exception) when (LifecycleProblems.From(exception, name) is { } temporalProblem)
        {
            problem = temporalProblem;
        }

        log.CommandNotCarriedOut(name, "hand-over", command.Actor, problem.ProblemDetails.Status ?? 0, problem.ProblemDetails.Detail);
        return problem;
    }

    /// <summary>The running lifecycle's state, or null when the model has none yet (the hand-over will start it).</summary>
    private static async Task<LifecycleState?> CurrentStateAsync(ILifecycleGateway gateway, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await gateway.GetStatusAsync(name, cancellationToken)).State;
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Validates the model name and maps Temporal's exceptions to problems.</summary>
    private static async Task<Results<TSuccess, ValidationProblem, ProblemHttpResult>> WithValidNameAsync<TSuccess>(string name, Func<Task<TSuccess>> call)
        where TSuccess : IResult
    {
        if (ModelRequests.ValidateName(name) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            return await call();
        }
        catch (Exception exception) when (LifecycleProblems.From(exception, name) is { } problem)
        {
            return problem;
        }
    }
}
