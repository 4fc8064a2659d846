using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MLOps.Api.Backtest;
using MLOps.Api.Lifecycle;
using MLOps.Api.Security;
using MLOps.Core.Backtest;
using MLOps.Storage.Registry;
using Temporalio.Exceptions;

namespace MLOps.Api.Apis;

/// <summary>
/// <c>GET /models/{name}/backtest</c>: what a version (the candidate by default) and, when asked, the champion would
/// have paged over a past period, shift by shift. Read-only, so viewers may ask. The request and the registry are
/// checked here (400 naming the field, 404 for what is not registered) before the worker is asked to replay.
/// </summary>
public static class BacktestApi
{
    public static IEndpointRouteBuilder MapBacktestApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/models").WithTags("Models").RequireAuthorization(ApiAuthorization.Viewer)
            .MapGet("/{name}/backtest", BacktestAsync)
            .WithName("BacktestModel")
            .WithSummary("Replay stored versions over stored telemetry and return what on-call would have been paged per shift")
            .WithDescription(
                "from and to (ISO 8601, whole minutes, to after from, at most 31 days apart) bound the period [from, to). version " +
                "defaults to the candidate (the version on shadow, else secondary, else the newest registered); againstChampion=true " +
                "replays the champion too. The replay runs on the worker through Temporal and takes about a minute for a month of " +
                "200 services. 400: a bad parameter, named in errors; 404: no such model, version or champion; 503: Temporal unavailable.");
        return app;
    }

    private static async Task<Results<Ok<BacktestReport>, ValidationProblem, ProblemHttpResult>> BacktestAsync(
        string name,
        string? from,
        string? to,
        string? version,
        bool? againstChampion,
        BacktestVersionResolver registry,
        IBacktestGateway gateway,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var problem in ModelRequests.ValidateName(name))
        {
            errors[problem.Key] = problem.Value;
        }

        var start = ParseTime("from", from, errors);
        var end = ParseTime("to", to, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var request = new BacktestRequest(name, version, againstChampion ?? false, start, end);
        if (request.Validate() is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems.GroupBy(problem => problem.Field).ToDictionary(group => group.Key, group => group.Select(problem => problem.Message).ToArray()));
        }

        try
        {
            await registry.ResolveAsync(request, cancellationToken);
            return TypedResults.Ok(await gateway.RunAsync(request, cancellationToken));
        }
        catch (BacktestRefusedException refused) when (refused.NotFound)
        {
            return TypedResults.Problem(refused.Problem.Message, statusCode: StatusCodes.Status404NotFound, title: "Not registered", extensions: new Dictionary<string, object?> { ["field"] = refused.Problem.Field });
        }
        catch (BacktestRefusedException refused)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Problem.Field] = [refused.Problem.Message] });
        }
        catch (WorkflowFailedException failed)
        {
            // The replay failed on the worker for good (a model that no longer loads, telemetry it could not read after retries).
            return TypedResults.Problem(
                $"The backtest of {name} failed on the worker: {failed.InnerException?.InnerException?.Message ?? failed.InnerException?.Message ?? failed.Message}",
                statusCode: StatusCodes.Status502BadGateway,
                title: "Backtest failed");
        }
        catch (Exception exception) when (LifecycleProblems.From(exception, name) is { } problem)
        {
            return problem;
        }
    }

    private static DateTimeOffset ParseTime(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [$"{field} is required: an ISO 8601 time such as 2026-01-05T00:00:00Z."];
            return default;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            errors[field] = [$"'{text}' is not an ISO 8601 time such as 2026-01-05T00:00:00Z."];
            return default;
        }

        return time;
    }
}
