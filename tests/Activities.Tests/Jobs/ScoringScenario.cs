using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Minio;
using Minio.DataModel.Args;
using MLOps.Activities.Jobs;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Artifacts;
using MLOps.Core.Features;
using MLOps.Core.Telemetry;
using MLOps.Modeling.Training;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;
using MLOps.Testing;
using MLOps.Testing.Platform;
using Npgsql;
using Prometheus;

namespace MLOps.Activities.Tests.Jobs;

/// <summary>
/// Two services over 80 minutes in a real database, and FastTree models trained here on rows as wide
/// as the feature set, stored in a real S3 bucket. "search" runs hot on the feature the models learned
/// (the first metric's last value), "checkout" stays calm, so their scores land on either side of the threshold.
/// </summary>
internal sealed class ScoringScenario : IAsyncDisposable
{
    public const string Calm = "checkout";
    public const string Hot = "search";
    public const double Threshold = 0.5;

    /// <summary>The minute the job scores: the clock stands 90 s after it and ingestion delay is zero.</summary>
    public static readonly DateTimeOffset WindowEnd = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<byte[]> ModelZip = new(TrainModel);

    private readonly ServiceProvider _services;

    private ScoringScenario(ServiceProvider services, NpgsqlDataSource dataSource, IMinioClient s3, string bucket, CollectorRegistry registry, FakeTimeProvider time)
    {
        _services = services;
        DataSource = dataSource;
        S3 = s3;
        Bucket = bucket;
        Registry = registry;
        Time = time;
    }

    public NpgsqlDataSource DataSource { get; }

    public IMinioClient S3 { get; }

    public string Bucket { get; }

    public CollectorRegistry Registry { get; }

    public FakeTimeProvider Time { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ScoringScenario> StartAsync(PostgresDatabase database)
    {
        database.Require();
        S3TestClient.Require();
        var dataSource = await ScoringSchema.CreateAsync(database);
        var writer = new TelemetryWriter(dataSource, new TelemetryPartitions(), NullLogger<TelemetryWriter>.Instance);
        await writer.UpsertServicesAsync([new ServiceInfo(Calm, 1, "payments"), new ServiceInfo(Hot, 2, "discovery")], CancellationToken.None);
        await writer.WriteSamplesAsync(Telemetry(), CancellationToken.None);

        var s3 = S3TestClient.Create();
        var bucket = $"scoring-{Guid.NewGuid():N}"[..30];
        var registry = Metrics.NewCustomRegistry();
        var time = new FakeTimeProvider(WindowEnd.AddSeconds(90));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scoring:IngestionDelay"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(dataSource);
        services.AddSingleton<TelemetryReader>();
        services.AddSingleton(new ModelArtifactStore(new S3ArtifactStore(s3, bucket)));
        services.AddSingleton<IMetricFactory>(Metrics.WithCustomRegistry(registry));
        services.AddOnlineScoring();
        return new ScoringScenario(services.BuildServiceProvider(), dataSource, s3, bucket, registry, time);
    }

    /// <summary>Stores a model version and returns the stage assignment that serves it.</summary>
    public async Task<StageAssignment> SaveModelAsync(string model, string version, ModelStage stage)
    {
        var folder = ArtifactKeys.ModelFolder(model, version);
        await Get<ModelArtifactStore>().SaveModelAsync(
            folder,
            new ModelManifest
            {
                ModelName = model,
                Version = version,
                FeatureSetVersion = FeatureSet.CurrentVersion.ToString(CultureInfo.InvariantCulture),
                FeatureSchemaHash = FeatureSet.Default.SchemaHash,
                TrainingWindowStart = WindowEnd.AddDays(-30),
                TrainingWindowEnd = WindowEnd.AddDays(-1),
                DatasetSha256 = new string('0', 64),
                Threshold = Threshold,
            },
            ModelZip.Value);
        return new StageAssignment(model, stage, version, folder, FeatureSet.Default.SchemaHash, Threshold, Time.GetUtcNow(), "test");
    }

    /// <summary>Overwrites a version's model.zip with other bytes, as a corrupted or swapped upload would.</summary>
    public async Task TamperModelAsync(StageAssignment assignment)
    {
        var bytes = "not the model that was verified"u8.ToArray();
        using var stream = new MemoryStream(bytes);
        await S3.PutObjectAsync(new PutObjectArgs()
            .WithBucket(Bucket).WithObject($"{assignment.ModelFolder}/{ArtifactKeys.ModelFileName}")
            .WithStreamData(stream).WithObjectSize(bytes.Length));
    }

    public async Task<double> MetricValueAsync(string series)
    {
        using var text = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(text);
        var exported = System.Text.Encoding.UTF8.GetString(text.ToArray());
        var line = exported.Split('\n').FirstOrDefault(line => line.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"No series {series} in:\n{exported}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        S3.Dispose();
    }

    private static List<TelemetrySample> Telemetry()
    {
        var samples = new List<TelemetrySample>();
        foreach (var service in new[] { Calm, Hot })
        {
            for (var minute = -80; minute <= 0; minute++)
            {
                var time = WindowEnd.AddMinutes(minute);
                foreach (var metric in KnownMetrics.All)
                {
                    var value = metric == FeatureSet.Default.Columns[0].Metric && service == Hot && minute > -10 ? 180.0 : 20.0 + (minute % 3);
                    samples.Add(new TelemetrySample(time, service, "host-1", "eu-west", "prod", metric, value));
                }
            }
        }

        return samples;
    }

    // The label is "first feature above 100": what a model must learn to tell the two services apart.
    private static byte[] TrainModel()
    {
        const int Rows = 4_000;
        var width = FeatureSet.Default.Columns.Count;
        var random = new Random(7);
        var features = new float[Rows * width];
        var labels = new float[Rows];
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < width; column++)
            {
                features[(row * width) + column] = (float)(random.NextDouble() * 200);
            }

            labels[row] = features[row * width] > 100 ? 1f : 0f;
        }

        return new FastTreeTrainer()
            .Train(TrainingData.Create(features, width, labels), new FastTreeOptions { NumberOfTrees = 20 })
            .ToZip();
    }
}
