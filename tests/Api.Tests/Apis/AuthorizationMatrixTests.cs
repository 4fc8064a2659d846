using System.Net;
using System.Text;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary>Every endpoint against every caller: no key, viewer, oncall, admin.</summary>
public sealed class AuthorizationMatrixTests(LifecycleApiHost host) : IClassFixture<LifecycleApiHost>
{
    private const string Model = LifecycleApiHost.Model;

    /// <summary>Method, path, body and the least role that may call it.</summary>
    private static readonly (string Method, string Path, string? Body, ApiRole Required)[] Endpoints =
    [
        ("GET", "/models", null, ApiRole.Viewer),
        ("GET", $"/models/{Model}", null, ApiRole.Viewer),
        ("GET", $"/models/{Model}/history", null, ApiRole.Viewer),
        ("GET", $"/models/{Model}/backtest", null, ApiRole.Viewer),
        ("GET", $"/models/{Model}/feedback", null, ApiRole.Viewer),
        ("POST", $"/models/{Model}/promote", """{"reason":"matrix"}""", ApiRole.Oncall),
        ("POST", $"/models/{Model}/approve", """{"reason":"matrix"}""", ApiRole.Oncall),
        ("POST", $"/models/{Model}/reject", """{"reason":"matrix"}""", ApiRole.Oncall),
        ("POST", $"/models/{Model}/rollback", """{"reason":"matrix"}""", ApiRole.Oncall),
        ("POST", $"/models/{Model}/retrain", null, ApiRole.Oncall),
        ("POST", $"/models/{Model}/candidates", """{"version":"matrix","reason":"matrix"}""", ApiRole.Oncall),
        ("POST", "/alerts/mlops%2Fmatrix%2Fv1%2Fcheckout%2F20260101T0000Z/verdict", """{"verdict":"actionable","reason":"matrix"}""", ApiRole.Oncall),
        ("POST", "/telemetry", "[]", ApiRole.Oncall),
        ("POST", "/incidents", "[]", ApiRole.Oncall),
        ("POST", "/deploys", "[]", ApiRole.Oncall),
        ("POST", "/maintenance-windows", "[]", ApiRole.Oncall),
        ("GET", "/admin/keys", null, ApiRole.Admin),
        ("POST", "/admin/keys", """{"name":"","role":"viewer"}""", ApiRole.Admin),
        ("DELETE", "/admin/keys/no-such-key", null, ApiRole.Admin),
        ("GET", "/hangfire", null, ApiRole.Admin),
        ("GET", "/hangfire/recurring", null, ApiRole.Admin),
    ];

    public static TheoryData<string, string, string?, ApiRole?, HttpStatusCode?> Matrix()
    {
        var data = new TheoryData<string, string, string?, ApiRole?, HttpStatusCode?>();
        foreach (var (method, path, body, required) in Endpoints)
        {
            data.Add(method, path, body, null, HttpStatusCode.Unauthorized);
            foreach (var role in Enum.GetValues<ApiRole>())
            {
                // null: allowed, so anything but 401/403 (the handler's own answer).
                data.Add(method, path, body, role, role.Includes(required) ? null : HttpStatusCode.Forbidden);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_CalledWithRole_IsAdmittedOnlyFromItsRequiredRoleUp(string method, string path, string? body, ApiRole? role, HttpStatusCode? refusal)
    {
        using var client = host.CreateClient(role);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        if (refusal is { } expected)
        {
            Assert.Equal(expected, response.StatusCode);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{method} {path} as {role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
