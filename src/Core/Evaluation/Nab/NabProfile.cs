namespace MLOps.Core.Evaluation.Nab;

/// <summary>
/// A NAB application profile: how much a detected window earns and a missed window or a false
/// positive costs. NAB defines a true-negative weight too but never uses it in scoring; it is kept
/// so the profiles read as NAB publishes them.
/// </summary>
public sealed record NabProfile(
    string Name,
    double TruePositiveWeight,
    double FalsePositiveWeight,
    double FalseNegativeWeight,
    double TrueNegativeWeight)
{
    public static readonly NabProfile Standard = new("standard", 1.0, 0.11, 1.0, 1.0);

    public static readonly NabProfile RewardLowFalsePositiveRate = new("reward_low_FP_rate", 1.0, 0.22, 1.0, 1.0);

    public static readonly NabProfile RewardLowFalseNegativeRate = new("reward_low_FN_rate", 1.0, 0.11, 2.0, 1.0);

    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositiveRate, RewardLowFalseNegativeRate];
}
