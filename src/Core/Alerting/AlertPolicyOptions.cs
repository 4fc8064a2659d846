namespace MLOps.Core.Alerting;

/// <summary>Knobs of <see cref="AlertPolicy"/>; bound from the "Alerting:Policy" section.</summary>
public sealed class AlertPolicyOptions
{
    public const string SectionName = "Alerting:Policy";

    /// <summary>Multiplies a breach's score when alerts are ranked; tier 1 is the most critical service.</summary>
    public Dictionary<int, double> TierWeights { get; init; } = new() { [1] = 1.0, [2] = 0.7, [3] = 0.4 };

    /// <summary>The tier assumed for a service the inventory does not know, so it is neither lost nor over-ranked.</summary>
    public int DefaultTier { get; set; } = 3;

    /// <summary>When on, a breach fires only if at least <see cref="RequiredAgreeingSignals"/> detectors agree.</summary>
    public bool MultiSignalAgreement { get; set; }

    /// <summary>k of "k of n": the model's own breach counts as one signal, each agreeing <see cref="SignalReading"/> as another.</summary>
    public int RequiredAgreeingSignals { get; set; } = 2;

    /// <summary>The scoring step; quiet windows are counted in it.</summary>
    public TimeSpan WindowStep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An open episode resolves after this many consecutive windows under the threshold.</summary>
    public int ResolveAfterQuietWindows { get; set; } = 5;

    /// <summary>
    /// A breach within this time of an episode's last breach joins that episode; later than that the
    /// episode is over (even when no quiet score arrived to resolve it) and a new one opens.
    /// </summary>
    public TimeSpan GroupingWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Deploys of the service this long before an episode starts are attached to it.</summary>
    public TimeSpan DeployLookback { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Throws with every problem at once, so a bad configuration is fixed in one go.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (TierWeights.Count == 0)
        {
            problems.Add("TierWeights must list at least one tier.");
        }

        problems.AddRange(TierWeights
            .Where(entry => entry.Key < 1 || !double.IsFinite(entry.Value) || entry.Value <= 0)
            .Select(entry => $"TierWeights[{entry.Key}] = {entry.Value}: tiers start at 1 and weights must be positive."));
        if (!TierWeights.ContainsKey(DefaultTier))
        {
            problems.Add($"DefaultTier {DefaultTier} has no entry in TierWeights.");
        }

        if (RequiredAgreeingSignals < 1)
        {
            problems.Add("RequiredAgreeingSignals must be at least 1.");
        }

        if (WindowStep <= TimeSpan.Zero)
        {
            problems.Add("WindowStep must be positive.");
        }

        if (ResolveAfterQuietWindows < 1)
        {
            problems.Add("ResolveAfterQuietWindows must be at least 1.");
        }

        if (GroupingWindow < WindowStep)
        {
            problems.Add("GroupingWindow must be at least one WindowStep.");
        }

        if (DeployLookback < TimeSpan.Zero)
        {
            problems.Add("DeployLookback must not be negative.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid alert policy options: {string.Join(" ", problems)}");
        }
    }
}
