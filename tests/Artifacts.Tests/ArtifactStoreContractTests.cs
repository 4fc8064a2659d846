using System.Text;
using MLOps.Core.Artifacts;

namespace MLOps.Artifacts.Tests;

/// <summary>The contract every artifact store keeps; each store runs it against its real backend.</summary>
public abstract class ArtifactStoreContractTests
{
    protected abstract IArtifactStore CreateStore();

    /// <summary>Replaces an object's bytes behind the store's back, keeping its recorded hash.</summary>
    protected abstract Task TamperAsync(string key, byte[] content);

    [SkippableFact]
    public async Task PutAsync_NewKey_StoresContentWithItsSha256()
    {
        var store = CreateStore();
        var content = Encoding.UTF8.GetBytes("model bytes");

        var stored = await store.PutAsync("models/m/1/model.zip", content);

        Assert.True(stored.Created);
        Assert.Equal(ContentHash.Sha256(content), stored.Sha256);
        Assert.Equal(content, await store.GetAsync("models/m/1/model.zip"));
        Assert.Equal(stored.Sha256, await store.GetSha256Async("models/m/1/model.zip"));
    }

    [SkippableFact]
    public async Task PutAsync_SameContentAgain_IsANoOp()
    {
        var store = CreateStore();
        var content = Encoding.UTF8.GetBytes("dataset");
        await store.PutAsync("datasets/a.csv.gz", content);

        var again = await store.PutAsync("datasets/a.csv.gz", content);

        Assert.False(again.Created);
        Assert.Equal(content, await store.GetAsync("datasets/a.csv.gz"));
    }

    [SkippableFact]
    public async Task PutAsync_OtherContentUnderUsedKey_IsRefusedAndKeepsTheOriginal()
    {
        var store = CreateStore();
        var original = Encoding.UTF8.GetBytes("first");
        await store.PutAsync("models/m/2/model.zip", original);

        await Assert.ThrowsAsync<ArtifactConflictException>(() => store.PutAsync("models/m/2/model.zip", Encoding.UTF8.GetBytes("second")));
        Assert.Equal(original, await store.GetAsync("models/m/2/model.zip"));
    }

    [SkippableFact]
    public async Task GetAsync_MissingKey_ThrowsNotFound()
    {
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => store.GetAsync("models/none/1/model.zip"));

        Assert.Equal("models/none/1/model.zip", error.Key);
        Assert.Null(await store.GetSha256Async("models/none/1/model.zip"));
    }

    [SkippableFact]
    public async Task GetAsync_TamperedContent_ThrowsIntegrityError()
    {
        var store = CreateStore();
        await store.PutAsync("models/m/3/model.zip", Encoding.UTF8.GetBytes("trained weights"));
        await TamperAsync("models/m/3/model.zip", Encoding.UTF8.GetBytes("poisoned weights"));

        await Assert.ThrowsAsync<ArtifactIntegrityException>(() => store.GetAsync("models/m/3/model.zip"));
    }
}
