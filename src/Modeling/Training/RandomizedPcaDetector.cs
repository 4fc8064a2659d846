using Microsoft.ML;
using MLOps.Core.Detection;

namespace MLOps.Modeling.Training;

/// <summary>
/// The second unsupervised baseline: ML.NET's randomized PCA learns the low-rank shape of normal
/// feature rows; rows it reconstructs badly break the usual correlations between metrics. ML.NET
/// already normalizes the reconstruction error to [0, 1], the shared score contract.
/// </summary>
public sealed class RandomizedPcaDetector : IAnomalyScorer
{
    private readonly MLContext _context;
    private readonly ITransformer _model;

    private RandomizedPcaDetector(MLContext context, ITransformer model, int width)
    {
        _context = context;
        _model = model;
        Width = width;
    }

    public int Width { get; }

    public static RandomizedPcaDetector Fit(float[] rows, int width, int rank, int seed)
    {
        var context = new MLContext(seed);
        var data = TrainingData.Create(rows, width, new float[rows.Length / width]);
        var model = context.AnomalyDetection.Trainers
            .RandomizedPca(featureColumnName: "Features", rank: Math.Min(rank, width), ensureZeroMean: true, seed: seed)
            .Fit(FastTreeTrainer.ToDataView(context, data));
        return new RandomizedPcaDetector(context, model, width);
    }

    /// <summary>The model in ML.NET's zip format with its input schema.</summary>
    public byte[] ToZip()
    {
        var data = TrainingData.Create(new float[Width], Width, new float[1]);
        using var buffer = new MemoryStream();
        _context.Model.Save(_model, FastTreeTrainer.ToDataView(_context, data).Schema, buffer);
        return buffer.ToArray();
    }

    public void ScoreBatch(float[] rows, float[] scores)
    {
        var data = TrainingData.Create(rows, Width, new float[rows.Length / Width]);
        var scored = _model.Transform(FastTreeTrainer.ToDataView(_context, data));
        var index = 0;
        foreach (var row in _context.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: true))
        {
            scores[index++] = row.Score;
        }
    }

    private sealed class ScoredRow
    {
        public float Score { get; set; }
    }
}
