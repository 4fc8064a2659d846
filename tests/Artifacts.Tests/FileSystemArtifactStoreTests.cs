namespace MLOps.Artifacts.Tests;

public sealed class FileSystemArtifactStoreTests : ArtifactStoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlops-artifacts-").FullName;

    protected override IArtifactStore CreateStore() => new FileSystemArtifactStore(_root);

    protected override Task TamperAsync(string key, byte[] content) => File.WriteAllBytesAsync(Path.Combine(_root, key), content);

    [Fact]
    public async Task PutAsync_KeyEscapingTheRoot_IsRefused()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("../outside.bin", new byte[] { 1 }));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root)!, "outside.bin")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
