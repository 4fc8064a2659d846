using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MLOps.Hosting.Health;

/// <summary>
/// The readiness body both hosts answer with. Everyone gets the role's status (200 or 503); callers allowed
/// details also get, per named check, its status, reason and whether the role requires it, so on-call sees which
/// dependency is down and why. Reasons name internal hosts, ports and driver errors, hence not for everyone.
/// </summary>
public static class ReadinessReport
{
    public static Task WriteAsync(HttpContext context, HealthReport report, ReadinessRole role, bool withDetails)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(role);
        var required = report.Entries.Where(entry => role.Requires(entry.Key)).Select(entry => entry.Value.Status).ToList();
        var status = required.Count == 0 ? HealthStatus.Healthy : required.Min();
        context.Response.StatusCode = status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json";
        object body = withDetails
            ? new
            {
                status = status.ToString(),
                checks = report.Entries.ToDictionary(
                    entry => entry.Key,
                    entry => new
                    {
                        status = entry.Value.Status.ToString(),
                        description = entry.Value.Description ?? entry.Value.Exception?.Message,
                        required = role.Requires(entry.Key),
                    }),
            }
            : new { status = status.ToString() };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), cancellationToken: context.RequestAborted);
    }
}
