using System.Net;

namespace MLOps.Activities.Tracking;

/// <summary>
/// An MLflow call that failed. <see cref="ErrorCode"/> is MLflow's own <c>error_code</c> when the
/// server sent one, so callers can tell "already exists" from "not found" without parsing messages.
/// </summary>
public class MlflowException : Exception
{
    public MlflowException()
    {
    }

    public MlflowException(string message)
        : base(message)
    {
    }

    public MlflowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowException(string message, string errorCode, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public string ErrorCode { get; } = "UNKNOWN";

    /// <summary>Null when no HTTP answer arrived (timeout, connection refused).</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary><c>RESOURCE_ALREADY_EXISTS</c> (MLflow answers it with 400, not 409).</summary>
public sealed class MlflowAlreadyExistsException : MlflowException
{
    public MlflowAlreadyExistsException()
    {
    }

    public MlflowAlreadyExistsException(string message)
        : base(message)
    {
    }

    public MlflowAlreadyExistsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowAlreadyExistsException(string message, string errorCode, HttpStatusCode? statusCode)
        : base(message, errorCode, statusCode)
    {
    }
}

/// <summary><c>RESOURCE_DOES_NOT_EXIST</c>: the experiment, run, model or version is not there.</summary>
public sealed class MlflowNotFoundException : MlflowException
{
    public MlflowNotFoundException()
    {
    }

    public MlflowNotFoundException(string message)
        : base(message)
    {
    }

    public MlflowNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowNotFoundException(string message, string errorCode, HttpStatusCode? statusCode)
        : base(message, errorCode, statusCode)
    {
    }
}

/// <summary><c>INVALID_PARAMETER_VALUE</c> and other deterministic request errors: sending it again gives the same answer.</summary>
public class MlflowInvalidParameterException : MlflowException
{
    public MlflowInvalidParameterException()
    {
    }

    public MlflowInvalidParameterException(string message)
        : base(message)
    {
    }

    public MlflowInvalidParameterException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowInvalidParameterException(string message, string errorCode, HttpStatusCode? statusCode)
        : base(message, errorCode, statusCode)
    {
    }
}

/// <summary>
/// A param logged again with a different value. MLflow params are write-once, so this is a caller
/// error that names the key; logging the same value again is not an error.
/// </summary>
public sealed class MlflowParamConflictException : MlflowInvalidParameterException
{
    public MlflowParamConflictException()
    {
    }

    public MlflowParamConflictException(string message)
        : base(message)
    {
    }

    public MlflowParamConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowParamConflictException(string runId, string key, string? existingValue, string attemptedValue)
        : base(
            $"Param '{key}' of run {runId} already holds '{existingValue}'; MLflow params are write-once, so '{attemptedValue}' cannot replace it.",
            "INVALID_PARAMETER_VALUE",
            null)
    {
        Key = key;
    }

    public MlflowParamConflictException(string key, string message, HttpStatusCode? statusCode)
        : base(message, "INVALID_PARAMETER_VALUE", statusCode)
    {
        Key = key;
    }

    public string Key { get; } = string.Empty;
}

/// <summary><c>PERMISSION_DENIED</c> / <c>UNAUTHENTICATED</c> (403 / 401): the configured credentials do not allow the call.</summary>
public sealed class MlflowPermissionException : MlflowException
{
    public MlflowPermissionException()
    {
    }

    public MlflowPermissionException(string message)
        : base(message)
    {
    }

    public MlflowPermissionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowPermissionException(string message, string errorCode, HttpStatusCode? statusCode)
        : base(message, errorCode, statusCode)
    {
    }
}

/// <summary>
/// 429, 5xx, a timeout or a broken connection that outlived the client's own retries. Worth trying
/// again later, so Temporal activities let it propagate and retry.
/// </summary>
public sealed class MlflowTransientException : MlflowException
{
    public MlflowTransientException()
    {
    }

    public MlflowTransientException(string message)
        : base(message)
    {
    }

    public MlflowTransientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowTransientException(string message, string errorCode, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, errorCode, statusCode, innerException)
    {
    }
}

/// <summary>
/// The server answered with something that is not MLflow's JSON: an HTML 404 or 405 means the URL
/// or method does not exist there (usually a wrong <c>Mlflow:TrackingUri</c> or a proxy in between).
/// </summary>
public sealed class MlflowEndpointException : MlflowException
{
    public MlflowEndpointException()
    {
    }

    public MlflowEndpointException(string message)
        : base(message)
    {
    }

    public MlflowEndpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MlflowEndpointException(string message, string errorCode, HttpStatusCode? statusCode)
        : base(message, errorCode, statusCode)
    {
    }
}
