using MLOps.Cli.Import;
using MLOps.Core.Features;
using MLOps.Modeling.Training;

namespace MLOps.Cli.Training;

/// <summary>The benchmark folders <c>mlops train</c> and <c>mlops eval</c> read through the importers' readers.</summary>
internal static class TrainingSources
{
    /// <summary>
    /// SMD or ASD: the first <paramref name="machines"/> machines (ordinal order), each a service with one host, train
    /// then test rows from <paramref name="start"/>; the window ends after the longest machine.
    /// </summary>
    public static TrainingInput FromMultivariate(MultivariateDataset dataset, int machines, DateTimeOffset start)
    {
        var chosen = dataset.Machines.Take(machines).ToList();
        if (chosen.Count == 0)
        {
            throw new InvalidDataException($"The {dataset.Name.ToUpperInvariant()} folder has no machine.");
        }

        var rows = chosen.Max(machine => dataset.RowCount("train", machine) + dataset.RowCount("test", machine));
        var incidents = chosen.SelectMany(machine => dataset.ReadIncidents(machine, start)).ToList();
        var samples = chosen.SelectMany(machine => dataset.ReadSamples(machine, start, 50_000, _ => { }).SelectMany(batch => batch));
        return new TrainingInput(samples, incidents, [], [], start, start + (dataset.Step * rows), FeatureSet.Create(dataset.Metrics));
    }

    public static MultivariateDataset Open(string dataset, string path) => dataset switch
    {
        "smd" => MultivariateDataset.Smd(path),
        "asd" => MultivariateDataset.Asd(path),
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Expected smd or asd."),
    };
}
