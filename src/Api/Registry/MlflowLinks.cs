using System.Globalization;
using Microsoft.Extensions.Options;
using MLOps.Storage.Registry;

namespace MLOps.Api.Registry;

/// <summary>
/// Where a version and its run are in the MLflow UI, built from <c>Mlflow:TrackingUri</c> and what PostgreSQL
/// recorded; the API never calls MLflow to answer. Null links where MLflow is not configured or the run was
/// recorded without it.
/// </summary>
public sealed class MlflowLinks(IOptions<MlflowLinkOptions> options)
{
    private readonly Uri? _ui = Uri.TryCreate(options.Value.TrackingUri, UriKind.Absolute, out var uri) ? uri : null;

    public VersionLinks For(RegisteredModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (_ui is null || version.ExperimentId is not { } experiment)
        {
            return VersionLinks.None;
        }

        // The UI routes by fragment; the model name and ids are escaped like path segments.
        return new VersionLinks(
            Link($"#/experiments/{Uri.EscapeDataString(experiment)}/runs/{Uri.EscapeDataString(version.RunId)}"),
            Link(string.Create(CultureInfo.InvariantCulture, $"#/models/{Uri.EscapeDataString(version.Model)}/versions/{version.Version}")));
    }

    private Uri Link(string fragment) => new($"{_ui!.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{fragment}");
}

/// <summary>The part of the <c>Mlflow</c> section the API reads: only where the server is, for links.</summary>
public sealed class MlflowLinkOptions
{
    public const string Section = "Mlflow";

    public string? TrackingUri { get; set; }
}

/// <summary>A version's MLflow UI pages.</summary>
public sealed record VersionLinks(Uri? MlflowRun, Uri? MlflowModelVersion)
{
    public static VersionLinks None { get; } = new(null, null);
}
