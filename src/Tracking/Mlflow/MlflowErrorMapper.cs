using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RestSharp;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Turns an MLflow failure answer into a typed exception. MLflow sends <c>{error_code, message}</c>
/// JSON for its own errors but plain Flask HTML for an unknown path (404) or method (405), and nothing
/// at all when the request timed out or the connection broke.
/// </summary>
public static partial class MlflowErrorMapper
{
    public static MlflowException ToException(RestResponse response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode == 0)
        {
            var cause = response.ErrorException?.Message ?? response.ErrorMessage ?? response.ResponseStatus.ToString();
            return new MlflowTransientException($"MLflow {operation} got no answer: {cause}", "NO_RESPONSE", null, response.ErrorException);
        }

        var status = response.StatusCode;
        var (code, serverMessage) = ReadError(response);
        var message = $"MLflow {operation} failed with {(int)status} {code ?? status.ToString()}: {FirstLine(serverMessage ?? response.Content)}";
        code ??= status.ToString();

        if ((int)status == 429 || ((int)status >= 500 && status != HttpStatusCode.NotImplemented) || status == HttpStatusCode.RequestTimeout)
        {
            return new MlflowTransientException(message, code, status);
        }

        if (serverMessage is null && status == HttpStatusCode.Forbidden)
        {
            // Not MLflow's PERMISSION_DENIED (that is JSON): the 3.5+ host check answers a plain-text 403 to a Host
            // it does not list, before any credentials are looked at.
            return new MlflowPermissionException(
                $"MLflow {operation} was refused with 403 ({FirstLine(response.Content)}) before reaching MLflow's API: the server's host check does not "
                + $"accept the Host '{response.ResponseUri?.Authority ?? response.Request?.Resource}'. Add it to the server's --allowed-hosts "
                + "(MLFLOW_SERVER_ALLOWED_HOSTS); the credentials were not the problem.",
                code,
                status);
        }

        if (serverMessage is null && status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            return new MlflowEndpointException(
                $"MLflow {operation} answered {(int)status} {response.ContentType ?? "without a content type"}: that path or method does not exist on the server; check Mlflow:TrackingUri.",
                code,
                status);
        }

        return code switch
        {
            "RESOURCE_ALREADY_EXISTS" or "ALREADY_EXISTS" => new MlflowAlreadyExistsException(message, code, status),
            "RESOURCE_DOES_NOT_EXIST" or "NOT_FOUND" => new MlflowNotFoundException(message, code, status),
            "PERMISSION_DENIED" or "UNAUTHENTICATED" => new MlflowPermissionException(message, code, status),
            "TEMPORARILY_UNAVAILABLE" or "REQUEST_LIMIT_EXCEEDED" => new MlflowTransientException(message, code, status),
            _ when ParamConflict().Match(serverMessage ?? string.Empty) is { Success: true } conflict =>
                new MlflowParamConflictException(conflict.Groups["key"].Value, message, status),
            _ => status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new MlflowPermissionException(message, code, status),
                HttpStatusCode.NotFound => new MlflowNotFoundException(message, code, status),
                HttpStatusCode.BadRequest => new MlflowInvalidParameterException(message, code, status),
                _ => new MlflowException(message, code, status),
            },
        };
    }

    private static (string? Code, string? Message) ReadError(RestResponse response)
    {
        if (string.IsNullOrWhiteSpace(response.Content) || response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(response.Content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var code = root.TryGetProperty("error_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var text = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, text);
        }
        catch (JsonException)
        {
            // A proxy that claims JSON but sends something else: the status code decides, and the raw body goes in the message.
            return (null, null);
        }
    }

    // Duplicate-key answers embed raw SQL after the first line; the first line says what happened.
    private static string FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "(empty body)";
        }

        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length > 500 ? line[..500] + "..." : line;
    }

    [GeneratedRegex(@"Changing param values is not allowed\. Param with key='(?<key>[^']*)'")]
    private static partial Regex ParamConflict();
}
