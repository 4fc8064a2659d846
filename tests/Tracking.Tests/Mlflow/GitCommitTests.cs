using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed class GitCommitTests
{
    [Theory]
    [InlineData("9f8e7d6", "9f8e7d6")]
    [InlineData("4F2A9C1E0B7D3A5F6E8C9B0A1D2E3F4A5B6C7D8E", "4f2a9c1e0b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e")]
    [InlineData("1.0.0+4f2a9c1e0b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e", "4f2a9c1e0b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e")]
    [InlineData("1.0.0", null)]
    [InlineData("1.0.0+local", null)]
    [InlineData("unknown", null)]
    [InlineData("e2e-36255c8", null)]
    [InlineData("", null)]
    public void FromCodeVersion_OnlyACommitShaIsACommit(string codeVersion, string? expected) =>
        Assert.Equal(expected, GitCommit.FromCodeVersion(codeVersion));
}
