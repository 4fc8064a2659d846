using System.ComponentModel.DataAnnotations;

namespace MLOps.Api.Registry;

/// <summary>
/// How much of the MLflow registry <c>GET /models/{name}</c> reads (section <c>ModelRegistry</c>),
/// checked at start-up. The call count is bounded: one registered-models/get, one
/// model-versions/search and at most <see cref="MaxVersions"/> runs/get.
/// </summary>
public sealed class ModelRegistryOptions
{
    public const string Section = "ModelRegistry";

    /// <summary>Newest versions listed, each with its run's metrics.</summary>
    [Range(1, 100)]
    public int MaxVersions { get; set; } = 10;

    /// <summary>
    /// Time the whole registry read may take, retries included. The lifecycle status is the answer
    /// on-call needs, so a slow MLflow costs at most this much before the answer goes out without it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
