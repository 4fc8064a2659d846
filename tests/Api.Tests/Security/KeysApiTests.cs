using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Security;

public sealed class KeysApiTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    public static TheoryData<ApiRole?, HttpStatusCode> ListByRole => new()
    {
        { null, HttpStatusCode.Unauthorized },
        { ApiRole.Viewer, HttpStatusCode.Forbidden },
        { ApiRole.Oncall, HttpStatusCode.Forbidden },
        { ApiRole.Admin, HttpStatusCode.OK },
    };

    [SkippableTheory]
    [MemberData(nameof(ListByRole))]
    public async Task ListKeys_ByRole_OnlyAdminsGetIn(ApiRole? role, HttpStatusCode expected)
    {
        using var client = host.CreateClient(role);

        using var response = await client.GetAsync(new Uri("/admin/keys", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [SkippableFact]
    public async Task AnyEndpoint_ForgedKey_Is401WithAChallenge()
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "mlops_0123456789ab_forged-secret");

        using var response = await client.GetAsync(new Uri("/admin/keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CreateKey_AsAdmin_ReturnsATokenThatWorksOnceRevokedItDoesNot()
    {
        using var admin = host.CreateClient(ApiRole.Admin);
        var name = $"new-admin-{Guid.NewGuid():N}";

        using var created = await admin.PostAsJsonAsync(new Uri("/admin/keys", UriKind.Relative), new { name, role = "admin" });
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var newcomer = host.CreateClient();
        newcomer.DefaultRequestHeaders.Add("X-Api-Key", token);
        using var before = await newcomer.GetAsync(new Uri("/admin/keys", UriKind.Relative));
        using var revoked = await admin.DeleteAsync(new Uri($"/admin/keys/{name}", UriKind.Relative));
        using var after = await newcomer.GetAsync(new Uri("/admin/keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [SkippableFact]
    public async Task CreateKey_UnknownRoleAndNoName_Is400ProblemNamingBothFields()
    {
        using var admin = host.CreateClient(ApiRole.Admin);

        using var response = await admin.PostAsJsonAsync(new Uri("/admin/keys", UriKind.Relative), new { name = "", role = "root" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [SkippableFact]
    public async Task RevokeKey_Unknown_Is404Problem()
    {
        using var admin = host.CreateClient(ApiRole.Admin);

        using var response = await admin.DeleteAsync(new Uri("/admin/keys/no-such-key", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task RevokeKey_IdThatIsAlsoAnotherKeysName_RevokesOnlyTheKeyWithThatId()
    {
        var (target, _) = await host.KeyStore.CreateAsync($"target-{Guid.NewGuid():N}", ApiRole.Viewer, "test");
        var (namesake, _) = await host.KeyStore.CreateAsync(target.Id, ApiRole.Viewer, "test");
        using var admin = host.CreateClient(ApiRole.Admin);

        using var response = await admin.DeleteAsync(new Uri($"/admin/keys/{target.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var keys = await host.KeyStore.ListAsync();
        Assert.NotNull(keys.Single(key => key.Id == target.Id).RevokedAt);
        Assert.Null(keys.Single(key => key.Id == namesake.Id).RevokedAt);
    }

    [SkippableTheory]
    [InlineData("line\\nbreak")]
    [InlineData("bell\\u0007")]
    [InlineData("nul\\u0000")]
    public async Task CreateKey_NameWithControlCharacter_Is400NamingTheName(string escapedName)
    {
        using var admin = host.CreateClient(ApiRole.Admin);
        using var content = new StringContent($$"""{"name":"{{escapedName}}","role":"viewer"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(new Uri("/admin/keys", UriKind.Relative), content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [SkippableFact]
    public async Task AnyEndpoint_TwoXApiKeyHeaders_Is400NamingTheHeader()
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin/keys", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Api-Key", host.Keys[ApiRole.Viewer]);
        request.Headers.TryAddWithoutValidation("X-Api-Key", host.Keys[ApiRole.Admin]);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.Keys[ApiRole.Admin]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
