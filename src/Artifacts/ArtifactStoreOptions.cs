using System.ComponentModel.DataAnnotations;

namespace MLOps.Artifacts;

/// <summary>
/// Where artifacts go. With <see cref="Endpoint"/> set, an S3 endpoint (MinIO in compose);
/// otherwise a folder on disk with the same contract.
/// </summary>
public sealed class ArtifactStoreOptions
{
    public const string SectionName = "ArtifactStore";

    /// <summary>S3 endpoint, e.g. http://minio:9000; the scheme decides TLS.</summary>
    public Uri? Endpoint { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    [RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "Bucket must be a valid S3 bucket name.")]
    public string Bucket { get; set; } = "mlops";

    /// <summary>The folder used when no endpoint is configured.</summary>
    public string RootPath { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "mlops", "artifacts");

    public bool UsesS3 => Endpoint is not null;
}
