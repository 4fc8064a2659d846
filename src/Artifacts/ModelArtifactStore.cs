using System.Text.Json;
using MLOps.Core.Artifacts;

namespace MLOps.Artifacts;

/// <summary>
/// Model versions, training sets and reports on top of an <see cref="IArtifactStore"/>: a model is
/// model.zip plus manifest.json (with the sha256 of every file), a dataset is keyed by its own
/// sha256, and every load is verified before anything scores with it.
/// </summary>
public sealed class ModelArtifactStore(IArtifactStore store)
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Stores the model and then its manifest (the manifest is the commit marker: a folder without
    /// one is an unfinished upload). Repeating the call with the same bytes changes nothing.
    /// </summary>
    /// <param name="folder">From <see cref="ArtifactKeys.ModelFolder"/>.</param>
    public async Task<StoredModel> SaveModelAsync(string folder, ModelManifest manifest, ReadOnlyMemory<byte> modelZip, CancellationToken cancellationToken = default)
    {
        var model = await store.PutAsync($"{folder}/{ArtifactKeys.ModelFileName}", modelZip, cancellationToken);
        var complete = manifest with
        {
            Files = new Dictionary<string, string>(manifest.Files, StringComparer.Ordinal) { [ArtifactKeys.ModelFileName] = model.Sha256 },
        };
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(complete, ManifestJson);
        var stored = await store.PutAsync($"{folder}/{ArtifactKeys.ManifestFileName}", manifestBytes, cancellationToken);
        return new StoredModel(folder, model.Uri, stored.Uri, complete);
    }

    /// <summary>
    /// Loads a model and refuses it unless every file matches the manifest's sha256 and the model
    /// was trained on the feature schema this build computes.
    /// </summary>
    public async Task<LoadedModel> LoadModelAsync(string folder, string runningFeatureSchemaHash, CancellationToken cancellationToken = default)
    {
        var manifest = await ReadManifestAsync(folder, cancellationToken);
        if (manifest.FeatureSchemaHash != runningFeatureSchemaHash)
        {
            throw new FeatureSchemaMismatchException(manifest.ModelName, manifest.Version, manifest.FeatureSchemaHash, runningFeatureSchemaHash);
        }

        return new LoadedModel(manifest, await LoadVerifiedModelAsync(folder, manifest, cancellationToken));
    }

    /// <summary>The stored files of a committed version as they are (for copying them elsewhere), the model verified against the manifest.</summary>
    public async Task<StoredModelFiles> LoadFilesAsync(string folder, CancellationToken cancellationToken = default)
    {
        var manifestBytes = await store.GetAsync($"{folder}/{ArtifactKeys.ManifestFileName}", cancellationToken);
        var manifest = JsonSerializer.Deserialize<ModelManifest>(manifestBytes, ManifestJson)
            ?? throw new ArtifactIntegrityException($"{folder}/{ArtifactKeys.ManifestFileName}", "a manifest", "null");
        return new StoredModelFiles(manifest, manifestBytes, await LoadVerifiedModelAsync(folder, manifest, cancellationToken));
    }

    private async Task<byte[]> LoadVerifiedModelAsync(string folder, ModelManifest manifest, CancellationToken cancellationToken)
    {
        var modelKey = $"{folder}/{ArtifactKeys.ModelFileName}";
        var expected = manifest.Files.GetValueOrDefault(ArtifactKeys.ModelFileName)
            ?? throw new ArtifactIntegrityException(modelKey, "a hash in the manifest", "none");
        var model = await store.GetAsync(modelKey, cancellationToken);
        // The store checks content against its own record; the manifest check also catches a model
        // file swapped together with its record.
        var actual = ContentHash.Sha256(model);
        return actual == expected ? model : throw new ArtifactIntegrityException(modelKey, expected, actual);
    }

    /// <summary>The manifest of a completed version in <paramref name="folder"/>, or null when none was committed there.</summary>
    public async Task<ModelManifest?> FindManifestAsync(string folder, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadManifestAsync(folder, cancellationToken);
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }

    private async Task<ModelManifest> ReadManifestAsync(string folder, CancellationToken cancellationToken)
    {
        var manifestKey = $"{folder}/{ArtifactKeys.ManifestFileName}";
        return JsonSerializer.Deserialize<ModelManifest>(await store.GetAsync(manifestKey, cancellationToken), ManifestJson)
            ?? throw new ArtifactIntegrityException(manifestKey, "a manifest", "null");
    }

    /// <summary>Where <paramref name="key"/> lives in the store, for logs and MLflow.</summary>
    public Uri UriOf(string key) => new(store.Root, key);

    /// <summary>Stores the exact training set (gzip-compressed CSV) under its own sha256.</summary>
    public Task<StoredArtifact> SaveDatasetAsync(ReadOnlyMemory<byte> csvGz, CancellationToken cancellationToken = default) =>
        store.PutAsync(ArtifactKeys.Dataset(ContentHash.Sha256(csvGz.Span)), csvGz, cancellationToken);

    public Task<byte[]> LoadDatasetAsync(string sha256, CancellationToken cancellationToken = default) =>
        store.GetAsync(ArtifactKeys.Dataset(sha256), cancellationToken);

    /// <summary>A stored evaluation report as JSON bytes, or null when none was stored under that name.</summary>
    public async Task<byte[]?> FindReportAsync(string modelName, string version, string reportName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.GetAsync(ArtifactKeys.Report(modelName, version, reportName), cancellationToken);
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }

    public Task<StoredArtifact> SaveReportAsync<TReport>(string modelName, string version, string reportName, TReport report, CancellationToken cancellationToken = default) =>
        store.PutAsync(ArtifactKeys.Report(modelName, version, reportName), JsonSerializer.SerializeToUtf8Bytes(report, ManifestJson), cancellationToken);
}

/// <summary>Where a model version was stored, with its completed manifest.</summary>
public sealed record StoredModel(string Folder, Uri ModelUri, Uri ManifestUri, ModelManifest Manifest);

/// <summary>The files of a stored version, byte for byte; the model hashes to what the manifest says.</summary>
public sealed record StoredModelFiles(ModelManifest Manifest, byte[] ManifestJson, byte[] ModelZip);

/// <summary>A verified model: the bytes hash to what the manifest says and the feature schema matches.</summary>
public sealed record LoadedModel(ModelManifest Manifest, byte[] ModelZip);
