using System.Globalization;

namespace MLOps.Core.Training;

/// <summary>When a detector counts as no better than chance on validation, and so is never the candidate.</summary>
public sealed class CandidateSelectionOptions
{
    /// <summary>A ROC-AUC at or below this is chance: 0.5 is a coin, and a few hundredths above it is noise on a validation week.</summary>
    public double MinimumRocAuc { get; set; } = 0.55;

    /// <summary>A PR-AUC at or below this multiple of the positive share is chance: guessing reaches the positive share itself.</summary>
    public double MinimumPrAucLift { get; set; } = 1.1;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(MinimumRocAuc is >= 0 and <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MinimumRocAuc {MinimumRocAuc} must be in [0, 1]."));
        }

        if (!(MinimumPrAucLift >= 0) || !double.IsFinite(MinimumPrAucLift))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MinimumPrAucLift {MinimumPrAucLift} must be a finite number, at least 0."));
        }

        return problems;
    }
}
