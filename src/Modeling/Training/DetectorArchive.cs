using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MLOps.Core.Detection;

namespace MLOps.Modeling.Training;

/// <summary>
/// A detector as the bytes of model.zip and back. The ML.NET detectors (FastTree, randomized PCA) are ML.NET's own
/// zip with the input schema; the robust z-score detector is a zip holding its medians and scales as JSON, the
/// isolation forest a zip holding its binary form (<see cref="IsolationForestDetector.WriteTo"/>). FastTree loads
/// as its <see cref="CompiledTreeEnsemble"/>, the scorer training reported with and online scoring serves.
/// </summary>
public static class DetectorArchive
{
    private const string RobustZEntry = "robust_z.json";
    private const string IsolationForestEntry = "isolation_forest.bin";

    public static byte[] Save(RobustZScoreDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        return SaveEntry(RobustZEntry, stream => JsonSerializer.Serialize(stream, new RobustZParameters([.. detector.Medians], [.. detector.Scales])));
    }

    public static byte[] Save(IsolationForestDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        return SaveEntry(IsolationForestEntry, detector.WriteTo);
    }

    /// <summary>Rebuilds the scorer of a stored model; <paramref name="kind"/> comes from the manifest.</summary>
    /// <exception cref="InvalidDataException">The archive is not a model of that kind or has another width.</exception>
    public static IAnomalyScorer Load(string kind, byte[] modelZip, int width)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        return kind switch
        {
            DetectorKind.RobustZScore => LoadRobustZ(modelZip, width),
            DetectorKind.FastTree => LoadFastTree(modelZip, width),
            DetectorKind.RandomizedPca => MlNetScorer.Load(modelZip, width),
            DetectorKind.IsolationForest => LoadIsolationForest(modelZip, width),
            _ => throw new InvalidDataException($"Unknown detector kind '{kind}' in the manifest."),
        };
    }

    private static CompiledTreeEnsemble LoadFastTree(byte[] modelZip, int width)
    {
        // The context only deserializes; no randomness is involved, the seed just keeps ML.NET deterministic.
        var transformer = new MLContext(seed: 0).Model.Load(new MemoryStream(modelZip, writable: false), out var schema);
        RequireWidth(schema, width);
        if (transformer is TransformerChain<ITransformer> chain)
        {
            transformer = chain.LastTransformer;
        }

        return (transformer as ISingleFeaturePredictionTransformer<object>)?.Model is CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> fastTree
            ? CompiledTreeEnsemble.From(fastTree, width)
            : throw new InvalidDataException(
                $"The model is read as {DetectorKind.FastTree} (its manifest's '{DetectorKind.ManifestKey}') but holds a {transformer.GetType().Name}.");
    }

    private static void RequireWidth(DataViewSchema schema, int width)
    {
        var features = schema.GetColumnOrNull("Features") ?? throw new InvalidDataException("The ML.NET model has no Features input column.");
        var size = features.Type is VectorDataViewType vector ? vector.Size : 1;
        if (size != width)
        {
            throw new InvalidDataException($"The ML.NET model takes {size} features, the feature set has {width}.");
        }
    }

    private static RobustZScoreDetector LoadRobustZ(byte[] modelZip, int width)
    {
        var detector = ReadEntry(modelZip, RobustZEntry, stream =>
        {
            var parameters = JsonSerializer.Deserialize<RobustZParameters>(stream) ?? throw new InvalidDataException($"{RobustZEntry} is empty.");
            return RobustZScoreDetector.FromParameters(parameters.Medians, parameters.Scales);
        });
        return detector.Width == width
            ? detector
            : throw new InvalidDataException($"The robust z-score model has {detector.Width} columns, the feature set {width}.");
    }

    private static IsolationForestDetector LoadIsolationForest(byte[] modelZip, int width)
    {
        var detector = ReadEntry(modelZip, IsolationForestEntry, IsolationForestDetector.ReadFrom);
        return detector.Width == width
            ? detector
            : throw new InvalidDataException($"The isolation forest takes {detector.Width} features, the feature set has {width}.");
    }

    /// <summary>A zip with one entry written by <paramref name="write"/>.</summary>
    private static byte[] SaveEntry(string name, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A fixed entry time keeps equal detectors byte-equal, so a re-upload is a no-op.
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            write(stream);
        }

        return buffer.ToArray();
    }

    private static T ReadEntry<T>(byte[] modelZip, string name, Func<Stream, T> read)
    {
        using var zip = new ZipArchive(new MemoryStream(modelZip, writable: false), ZipArchiveMode.Read);
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The model archive has no {name}.");
        // The deflate stream cannot seek; reading it whole lets the binary reader run without surprises.
        using var stream = new MemoryStream();
        using (var compressed = entry.Open())
        {
            compressed.CopyTo(stream);
        }

        stream.Position = 0;
        return read(stream);
    }

    private sealed record RobustZParameters(double[] Medians, double[] Scales);

    /// <summary>Scores randomized PCA through its loaded ML.NET model's batch transform (never a shared prediction engine).</summary>
    private sealed class MlNetScorer(MLContext context, ITransformer model, int width) : IAnomalyScorer
    {
        public int Width { get; } = width;

        public static MlNetScorer Load(byte[] modelZip, int width)
        {
            var context = new MLContext(seed: 0);
            var model = context.Model.Load(new MemoryStream(modelZip), out var schema);
            RequireWidth(schema, width);
            return new MlNetScorer(context, model, width);
        }

        public void ScoreBatch(float[] rows, float[] scores)
        {
            var data = TrainingData.Create(rows, Width, new float[rows.Length / Width]);
            var index = 0;
            foreach (var score in model.Transform(FastTreeTrainer.ToDataView(context, data)).GetColumn<float>("Score"))
            {
                scores[index++] = score;
            }
        }
    }
}
