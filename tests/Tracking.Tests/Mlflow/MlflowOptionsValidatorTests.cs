using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MLOps.Artifacts;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed class MlflowOptionsValidatorTests
{
    private readonly MlflowOptionsValidator _validator = new();

    [Fact]
    public void Validate_TrackingUriOnly_Succeeds()
    {
        Assert.True(_validator.Validate(null, new MlflowOptions { TrackingUri = new Uri("http://mlflow:5000") }).Succeeded);
    }

    [Fact]
    public void Validate_NothingSet_FailsNamingTheKey()
    {
        var result = _validator.Validate(null, new MlflowOptions());

        Assert.True(result.Failed);
        Assert.Contains("Mlflow:TrackingUri", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://mlflow/")]
    [InlineData("file:///srv/mlruns")]
    public void Validate_NotHttp_Fails(string uri)
    {
        Assert.True(_validator.Validate(null, new MlflowOptions { TrackingUri = new Uri(uri) }).Failed);
    }

    [Fact]
    public void Validate_TokenAndBasicAuth_FailsAsAmbiguous()
    {
        var result = _validator.Validate(null, new MlflowOptions { TrackingUri = new Uri("http://mlflow:5000"), Token = "t", Username = "u", Password = "p" });

        Assert.Contains("either a bearer token or basic auth", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UsernameWithoutPassword_Fails()
    {
        Assert.True(_validator.Validate(null, new MlflowOptions { TrackingUri = new Uri("http://mlflow:5000"), Username = "u" }).Failed);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllOfThem()
    {
        var result = _validator.Validate(null, new MlflowOptions { Timeout = TimeSpan.Zero, MaxRetries = -1, ExperimentName = " " });

        Assert.Equal(4, result.Failures!.Count());
    }

    [Fact]
    public void AddMlflowTracking_Configured_ResolvesTheMirrorWithBoundOptions()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Mlflow:TrackingUri"] = "http://mlflow:5000",
            ["Mlflow:ExperimentName"] = "fleet",
            ["Mlflow:Timeout"] = "00:00:05",
            ["Mlflow:ArtifactsDestination"] = "s3://mlflow",
            ["ArtifactStore:Endpoint"] = "http://minio:9000",
            ["ArtifactStore:AccessKey"] = "key",
            ["ArtifactStore:SecretKey"] = "secret",
        });

        using var scope = provider.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<MlflowRegistryMirror>());
        var options = provider.GetRequiredService<IOptions<MlflowOptions>>().Value;
        Assert.Equal(("fleet", TimeSpan.FromSeconds(5)), (options.ExperimentName, options.Timeout));
    }

    [Fact]
    public void AddMlflowTracking_FolderArtifactStore_RefusesAtStartNamingWhatToSet()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Mlflow:TrackingUri"] = "http://mlflow:5000",
            ["Mlflow:ArtifactsDestination"] = "s3://mlflow",
            ["ArtifactStore:RootPath"] = "/var/lib/mlops/artifacts",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MlflowOptions>>().Value);

        Assert.Contains("the artifact store is a local folder (ArtifactStore:Endpoint is not set)", error.Message, StringComparison.Ordinal);
        Assert.Contains("or unset Mlflow:TrackingUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/srv/mlflow/artifacts")]
    [InlineData("mlflow-artifacts:/")]
    public void AddMlflowTracking_NoS3ArtifactsDestination_RefusesAtStart(string? destination)
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Mlflow:TrackingUri"] = "http://mlflow:5000",
            ["Mlflow:ArtifactsDestination"] = destination,
            ["ArtifactStore:Endpoint"] = "http://minio:9000",
            ["ArtifactStore:AccessKey"] = "key",
            ["ArtifactStore:SecretKey"] = "secret",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MlflowOptions>>().Value);

        Assert.Contains("Mlflow:ArtifactsDestination must name the bucket the MLflow server serves artifacts from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMlflowTracking_TrackingUriMissing_FailsWhenOptionsAreRead()
    {
        using var provider = Services(new Dictionary<string, string?> { ["Mlflow:ExperimentName"] = "fleet" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MlflowOptions>>().Value);

        Assert.Contains("Mlflow:TrackingUri", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddArtifactStore();
        services.AddMlflowTracking();
        return services.BuildServiceProvider(validateScopes: true);
    }
}
