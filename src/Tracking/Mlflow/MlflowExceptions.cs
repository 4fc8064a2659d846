using System.Net;
using MLOps.Core;

// These exceptions are made only from an MLflow answer (or a missing one) and always carry its
// error code and status; the parameterless and message-only constructors CA1032 asks for would let
// code build one without them.
#pragma warning disable CA1032

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// An MLflow call that failed. <see cref="ErrorCode"/> is MLflow's own <c>error_code</c> when the
/// server sent one, so callers can tell "already exists" from "not found" without parsing messages.
/// </summary>
public class MlflowException(string message, string errorCode, HttpStatusCode? statusCode, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string ErrorCode { get; } = errorCode;

    /// <summary>Null when no HTTP answer arrived (timeout, connection refused) or the client refused the call itself.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}

/// <summary><c>RESOURCE_ALREADY_EXISTS</c> (MLflow answers it with 400, not 409).</summary>
public sealed class MlflowAlreadyExistsException(string message, string errorCode, HttpStatusCode? statusCode)
    : MlflowException(message, errorCode, statusCode), IPermanentFailure;

/// <summary><c>RESOURCE_DOES_NOT_EXIST</c>: the experiment, run, model or version is not there.</summary>
public sealed class MlflowNotFoundException(string message, string errorCode = "RESOURCE_DOES_NOT_EXIST", HttpStatusCode? statusCode = null)
    : MlflowException(message, errorCode, statusCode), IPermanentFailure;

/// <summary>
/// <c>INVALID_PARAMETER_VALUE</c> and other deterministic request errors: sending it again gives the
/// same answer. Also thrown by the client itself, before sending, for keys and values the server would refuse.
/// </summary>
public class MlflowInvalidParameterException(string message, string errorCode = "INVALID_PARAMETER_VALUE", HttpStatusCode? statusCode = null)
    : MlflowException(message, errorCode, statusCode), IPermanentFailure;

/// <summary>
/// A param logged again with a different value. MLflow params are write-once, so this is a caller
/// error that names the key; logging the same value again is not an error.
/// </summary>
public sealed class MlflowParamConflictException : MlflowInvalidParameterException
{
    public MlflowParamConflictException(string runId, string key, string? existingValue, string attemptedValue)
        : base($"Param '{key}' of run {runId} already holds '{existingValue}'; MLflow params are write-once, so '{attemptedValue}' cannot replace it.")
    {
        Key = key;
    }

    public MlflowParamConflictException(string key, string message, HttpStatusCode? statusCode)
        : base(message, "INVALID_PARAMETER_VALUE", statusCode)
    {
        Key = key;
    }

    public string Key { get; }
}

/// <summary>
/// <c>PERMISSION_DENIED</c> / <c>UNAUTHENTICATED</c> (403 / 401): the configured credentials do not allow the call.
/// Not permanent: a rotated token or a fixed server setting heals a retrying workflow without anyone restarting it.
/// </summary>
public sealed class MlflowPermissionException(string message, string errorCode, HttpStatusCode? statusCode)
    : MlflowException(message, errorCode, statusCode);

/// <summary>
/// 429, 5xx, a timeout or a broken connection that outlived the client's own retries. Worth trying
/// again later, so Temporal activities let it propagate and retry.
/// </summary>
public sealed class MlflowTransientException(string message, string errorCode, HttpStatusCode? statusCode, Exception? innerException = null)
    : MlflowException(message, errorCode, statusCode, innerException);

/// <summary>
/// The server answered with something that is not MLflow's JSON: an HTML 404 or 405 means the URL
/// or method does not exist there (usually a wrong <c>Mlflow:TrackingUri</c> or a proxy in between).
/// </summary>
public sealed class MlflowEndpointException(string message, string errorCode, HttpStatusCode? statusCode)
    : MlflowException(message, errorCode, statusCode), IPermanentFailure;
