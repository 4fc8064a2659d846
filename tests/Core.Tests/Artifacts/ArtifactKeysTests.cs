using MLOps.Core.Artifacts;

namespace MLOps.Core.Tests.Artifacts;

public sealed class ArtifactKeysTests
{
    [Fact]
    public void ModelFolder_ValidNames_FollowsTheModelsLayout() =>
        Assert.Equal("models/latency-anomaly/12", ArtifactKeys.ModelFolder("latency-anomaly", "12"));

    [Fact]
    public void MlflowRunArtifacts_IsTheRunsArtifactPath() =>
        Assert.Equal("3/abc123/artifacts", ArtifactKeys.MlflowRunArtifacts("3", "abc123"));

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public void ModelFolder_NameThatCouldEscapeItsFolder_IsRejected(string name) =>
        Assert.Throws<ArgumentException>(() => ArtifactKeys.ModelFolder(name, "1"));

    [Fact]
    public void Dataset_NotASha256_IsRejected() =>
        Assert.Throws<ArgumentException>(() => ArtifactKeys.Dataset("not-a-hash"));

    [Fact]
    public void ContentHash_KnownInput_MatchesTheSha256TestVector() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Sha256("abc"u8));
}
