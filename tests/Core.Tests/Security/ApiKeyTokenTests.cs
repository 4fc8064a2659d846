using MLOps.Core.Security;

namespace MLOps.Core.Tests.Security;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void Generate_ThenParse_RoundTripsAndMatchesItsOwnHash()
    {
        var token = ApiKeyToken.Generate();

        Assert.True(ApiKeyToken.TryParse(token.ToString(), out var parsed));
        Assert.Equal(token, parsed);
        Assert.True(parsed.Matches(token.SecretHash()));
    }

    [Fact]
    public void Generate_TwoKeys_DifferInIdAndSecret()
    {
        var first = ApiKeyToken.Generate();
        var second = ApiKeyToken.Generate();

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.Secret, second.Secret);
    }

    [Fact]
    public void Matches_OtherSecretWithSameId_IsFalse()
    {
        var token = ApiKeyToken.Generate();
        var forged = token with { Secret = ApiKeyToken.Generate().Secret };

        Assert.False(forged.Matches(token.SecretHash()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("mlops_short")]
    [InlineData("mlops_ABCDEF012345_secret")]
    [InlineData("mlops_0123456789ab-secret")]
    [InlineData("mlops_0123456789ab_")]
    public void TryParse_MalformedKeys_AreRejected(string? value) =>
        Assert.False(ApiKeyToken.TryParse(value, out _));

    [Theory]
    [InlineData("admin", ApiRole.Admin)]
    [InlineData("OnCall", ApiRole.Oncall)]
    [InlineData("viewer", ApiRole.Viewer)]
    public void ApiRoles_TryParse_KnownNames_AnyCase(string value, ApiRole expected)
    {
        Assert.True(ApiRoles.TryParse(value, out var role));
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("2")]
    [InlineData("")]
    public void ApiRoles_TryParse_UnknownOrNumeric_IsRejected(string value) =>
        Assert.False(ApiRoles.TryParse(value, out _));

    [Fact]
    public void Includes_EachRoleIncludesTheLowerOnesOnly()
    {
        Assert.True(ApiRole.Admin.Includes(ApiRole.Oncall));
        Assert.True(ApiRole.Oncall.Includes(ApiRole.Viewer));
        Assert.False(ApiRole.Viewer.Includes(ApiRole.Oncall));
        Assert.False(ApiRole.Oncall.Includes(ApiRole.Admin));
    }
}
