using Microsoft.AspNetCore.Http.HttpResults;
using Temporalio.Exceptions;

namespace MLOps.Api.Lifecycle;

/// <summary>Turns what the Temporal client throws into the problem+json an on-call engineer can act on.</summary>
public static class LifecycleProblems
{
    /// <summary>The problem for a Temporal failure this API knows how to explain, or null to let it surface as a 500.</summary>
    public static ProblemHttpResult? From(Exception exception, string modelName) => exception switch
    {
        TemporalNotConfiguredException notConfigured => TypedResults.Problem(
            notConfigured.Message,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporal not configured"),

        // A validator (or the handler) refused the command: the inner failure's message is the policy's reason.
        WorkflowUpdateFailedException refused => TypedResults.Problem(
            refused.InnerException?.Message ?? refused.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "Command refused by the lifecycle policy"),
        RpcException { Code: RpcException.StatusCode.NotFound } => TypedResults.Problem(
            $"No lifecycle exists for model '{modelName}' (or no retrain schedule, for a retrain).",
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown model"),
        // The update's own deadline passed: it may still be carried out, so say how to find out rather than retry blindly.
        WorkflowUpdateRpcTimeoutOrCanceledException => TypedResults.Problem(
            $"The lifecycle of '{modelName}' did not answer in time; the command may still be carried out. Check `mlops status {modelName}` (GET /models/{modelName}) before sending it again.",
            statusCode: StatusCodes.Status504GatewayTimeout,
            title: "Lifecycle did not answer"),
        WorkflowAlreadyStartedException => TypedResults.Problem(
            $"A retrain of '{modelName}' is already running; wait for it (Temporal UI: retrain/{modelName}) before starting another.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Retrain already running"),
        RpcException { Code: RpcException.StatusCode.Unimplemented } unimplemented => TypedResults.Problem(
            $"The Temporal server does not support this call ({unimplemented.Message}); for a retrain, list the model under Lifecycle:Models so it can be started without a schedule.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Not supported by this Temporal server"),
        // The client's own deadline (TemporalLifecycleGateway.QueryDeadline) comes back as Cancelled "Timeout expired".
        RpcException { Code: RpcException.StatusCode.Cancelled } timedOut when timedOut.Message.Contains("Timeout", StringComparison.OrdinalIgnoreCase) => TypedResults.Problem(
            $"The lifecycle of '{modelName}' did not answer within {TemporalLifecycleGateway.QueryDeadline.TotalSeconds:0} s (no worker polling it, or a worker stuck); check the worker (`/readyz`, its logs) and retry.",
            statusCode: StatusCodes.Status504GatewayTimeout,
            title: "Lifecycle did not answer"),
        // The server's WorkflowNotReady ("Workflow task is not scheduled yet"): a query reached a run that has not finished
        // its first workflow task, seen right after a continue-as-new on server 1.21. It answers within seconds.
        RpcException { Code: RpcException.StatusCode.FailedPrecondition } notReady => TypedResults.Problem(
            $"The lifecycle of '{modelName}' is starting a new run and cannot answer yet ({notReady.Message}); retry in a few seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Lifecycle not ready"),
        RpcException { Code: RpcException.StatusCode.Unavailable or RpcException.StatusCode.DeadlineExceeded } rpc => TypedResults.Problem(
            $"Temporal did not answer: {rpc.Message}",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporal unavailable"),
        // The lazy client never connected (refused, unknown host): it throws this before any RPC is sent.
        InvalidOperationException connection when connection.Message.StartsWith("Connection failed", StringComparison.Ordinal) => TypedResults.Problem(
            $"Temporal cannot be reached: {connection.Message}",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporal unavailable"),
        _ => null,
    };
}
