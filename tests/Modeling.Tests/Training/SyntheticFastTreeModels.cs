using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Training;

/// <summary>FastTree models trained once per test class on <see cref="SyntheticIncidents"/>: training is the slow part.</summary>
public sealed class SyntheticFastTreeModels
{
    public SyntheticFastTreeModels()
    {
        Small = new FastTreeTrainer().Train(SyntheticIncidents.Generate(3_000, seed: 11), new FastTreeOptions { NumberOfTrees = 20, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 5 });
        // More leaves than a 32-bit leaf mask holds: those trees take the scalar kernel.
        ManyLeaves = new FastTreeTrainer().Train(SyntheticIncidents.Generate(6_000, seed: 12), new FastTreeOptions { NumberOfTrees = 10, NumberOfLeaves = 48, MinimumExampleCountPerLeaf = 2 });
    }

    public TrainedFastTree Small { get; }

    public TrainedFastTree ManyLeaves { get; }

    /// <summary>Leaves per tree of a model, read from ML.NET's own ensemble.</summary>
    public static IReadOnlyList<int> LeavesPerTree(TrainedFastTree model) =>
        ((BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>>)model.Transformer)
            .Model.SubModel.TrainedTreeEnsemble.Trees.Select(tree => tree.NumberOfLeaves).ToList();
}
