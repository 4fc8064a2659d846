using System.Globalization;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Alerting;

/// <summary>
/// Turns one pass of scores into alert decisions: which breaches open an episode (ranked), which
/// join an open one, which are held back (maintenance, no multi-signal agreement) and which open
/// episodes end. Pure: the caller stores the decisions and the open episodes between passes.
/// </summary>
public sealed class AlertPolicy
{
    private readonly AlertPolicyOptions _options;

    public AlertPolicy(AlertPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>New alerts first, most urgent first; then the rest ordered by service, model and version.</summary>
    public IReadOnlyList<AlertDecision> Evaluate(AlertPolicyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var openByIdentity = IndexOpenAlerts(input.OpenAlerts);
        var tiers = input.Services.ToDictionary(service => service.Name, service => service.Tier, StringComparer.Ordinal);
        var decisions = new List<AlertDecision>();
        var unranked = new List<NewAlert>();
        var seen = new HashSet<EpisodeIdentity>();

        foreach (var group in input.Candidates.GroupBy(EpisodeIdentity.Of).OrderBy(group => group.Key))
        {
            seen.Add(group.Key);
            openByIdentity.TryGetValue(group.Key, out var episode);
            EvaluateGroup(group.OrderBy(candidate => candidate.WindowEnd).ToArray(), episode, input, tiers, decisions, unranked);
        }

        // Episodes this pass did not score at all (the version stopped scoring, the service went
        // silent) end once they are past the grouping window instead of staying open for ever.
        decisions.AddRange(openByIdentity
            .Where(entry => !seen.Contains(entry.Key) && input.EvaluatedAt - entry.Value.LastAboveAt > _options.GroupingWindow)
            .OrderBy(entry => entry.Key)
            .Select(entry => new ResolvedAlert(entry.Value, ResolveReason.Expired, input.EvaluatedAt)));

        var ranked = unranked
            .OrderByDescending(alert => alert.Priority)
            .ThenBy(alert => alert.Tier)
            .ThenBy(alert => alert.Service, StringComparer.Ordinal)
            .ThenBy(alert => alert.Model, StringComparer.Ordinal)
            .ThenBy(alert => alert.Version, StringComparer.Ordinal)
            .Select((alert, index) => alert with { Rank = index + 1 });
        return [.. ranked, .. decisions];
    }

    /// <summary>Ends every open episode of a version that lost its stage (rollback or replacement).</summary>
    public static IReadOnlyList<ResolvedAlert> ResolveVersion(IEnumerable<OpenAlert> openAlerts, string model, string version, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(openAlerts);
        return openAlerts
            .Where(open => open.Model == model && open.Version == version)
            .OrderBy(open => open.Service, StringComparer.Ordinal)
            .Select(open => new ResolvedAlert(open, ResolveReason.VersionRetired, at))
            .ToArray();
    }

    private void EvaluateGroup(
        CandidateAlert[] windows,
        OpenAlert? episode,
        AlertPolicyInput input,
        Dictionary<string, int> tiers,
        List<AlertDecision> decisions,
        List<NewAlert> newAlerts)
    {
        var latest = windows[^1];
        var breaches = windows.Where(candidate => candidate.IsAboveThreshold).ToArray();
        if (breaches.Length == 0)
        {
            if (episode is not null && latest.WindowEnd - episode.LastAboveAt >= _options.WindowStep * _options.ResolveAfterQuietWindows)
            {
                decisions.Add(new ResolvedAlert(episode, ResolveReason.Recovered, latest.WindowEnd));
            }

            return;
        }

        var firing = new List<CandidateAlert>();
        var inMaintenance = new List<(CandidateAlert Breach, MaintenanceWindow Window)>();
        var unconfirmed = new List<CandidateAlert>();
        foreach (var breach in breaches)
        {
            if (MaintenanceCovering(breach, input.MaintenanceWindows) is { } window)
            {
                inMaintenance.Add((breach, window));
            }
            else if (!SignalsAgree(breach))
            {
                unconfirmed.Add(breach);
            }
            else
            {
                firing.Add(breach);
            }
        }

        if (inMaintenance.Count > 0)
        {
            var (breach, window) = inMaintenance.MaxBy(entry => entry.Breach.Score);
            decisions.Add(new SuppressedAlert(breach, SuppressionReason.Maintenance, DescribeMaintenance(window)));
        }

        if (unconfirmed.Count > 0)
        {
            var strongest = unconfirmed.MaxBy(candidate => candidate.Score)!;
            decisions.Add(new SuppressedAlert(strongest, SuppressionReason.InsufficientSignalAgreement, DescribeAgreement(strongest)));
        }

        if (firing.Count == 0)
        {
            return;
        }

        var first = firing[0];
        var last = firing[^1];
        var representative = firing.MaxBy(candidate => candidate.Score)!;
        if (episode is not null && episode.Stage == latest.Stage && first.WindowEnd - episode.LastAboveAt <= _options.GroupingWindow)
        {
            decisions.Add(new DeduplicatedAlert(representative, episode, last.WindowEnd, firing.Count));
            return;
        }

        if (episode is not null)
        {
            var reason = episode.Stage == latest.Stage ? ResolveReason.Expired : ResolveReason.StageChanged;
            decisions.Add(new ResolvedAlert(episode, reason, first.WindowEnd));
        }

        var tier = tiers.TryGetValue(first.Service, out var known) ? known : _options.DefaultTier;
        newAlerts.Add(new NewAlert(
            representative with { Stage = latest.Stage },
            AlertDedupKey.Create(first.Model, first.Version, first.Service, first.WindowEnd),
            first.WindowEnd,
            last.WindowEnd,
            Rank: 0,
            Priority: TierWeight(tier) * representative.Score,
            tier,
            SeverityOf(tier),
            DeployAnnotations(first, input.RecentDeploys),
            firing.Count));
    }

    private static Dictionary<EpisodeIdentity, OpenAlert> IndexOpenAlerts(IReadOnlyList<OpenAlert> openAlerts)
    {
        var index = new Dictionary<EpisodeIdentity, OpenAlert>();
        foreach (var open in openAlerts)
        {
            var identity = new EpisodeIdentity(open.Model, open.Version, open.Service);
            if (!index.TryAdd(identity, open))
            {
                throw new ArgumentException(
                    $"Two open episodes for model {open.Model} version {open.Version} on {open.Service} ({index[identity].DedupKey}, {open.DedupKey}); there can be only one.",
                    nameof(openAlerts));
            }
        }

        return index;
    }

    private static MaintenanceWindow? MaintenanceCovering(CandidateAlert breach, IReadOnlyList<MaintenanceWindow> windows) =>
        windows.FirstOrDefault(window =>
            string.Equals(window.Service, breach.Service, StringComparison.Ordinal)
            && window.Start <= breach.WindowEnd
            && breach.WindowEnd < window.End);

    private bool SignalsAgree(CandidateAlert breach) =>
        !_options.MultiSignalAgreement || AgreeingSignals(breach) >= _options.RequiredAgreeingSignals;

    // The model's own breach is the first signal; the others must agree on their own thresholds.
    private static int AgreeingSignals(CandidateAlert breach) => 1 + breach.Signals.Count(signal => signal.IsAboveThreshold);

    private string DescribeAgreement(CandidateAlert breach) => string.Create(
        CultureInfo.InvariantCulture,
        $"{AgreeingSignals(breach)} of {1 + breach.Signals.Count} signals above threshold, {_options.RequiredAgreeingSignals} required");

    private static string DescribeMaintenance(MaintenanceWindow window)
    {
        var until = window.End.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(window.Reason) ? $"maintenance until {until}" : $"maintenance until {until}: {window.Reason}";
    }

    private List<string> DeployAnnotations(CandidateAlert first, IReadOnlyList<DeployEvent> deploys) =>
        deploys
            .Where(deploy => string.Equals(deploy.Service, first.Service, StringComparison.Ordinal)
                && deploy.Time <= first.WindowEnd
                && first.WindowEnd - deploy.Time <= _options.DeployLookback)
            .OrderByDescending(deploy => deploy.Time)
            .Select(deploy => string.Create(
                CultureInfo.InvariantCulture,
                $"deploy {deploy.Version}{(deploy.Commit is { Length: > 0 } commit ? $" ({commit})" : string.Empty)} of {deploy.Service} {(int)(first.WindowEnd - deploy.Time).TotalMinutes} min before"))
            .ToList();

    private double TierWeight(int tier) =>
        _options.TierWeights.TryGetValue(tier, out var weight) ? weight : _options.TierWeights[_options.DefaultTier];

    private static AlertSeverity SeverityOf(int tier) => tier switch
    {
        <= 1 => AlertSeverity.Critical,
        2 => AlertSeverity.Error,
        _ => AlertSeverity.Warning,
    };

    private readonly record struct EpisodeIdentity(string Model, string Version, string Service) : IComparable<EpisodeIdentity>
    {
        public static EpisodeIdentity Of(CandidateAlert candidate) => new(candidate.Model, candidate.Version, candidate.Service);

        public int CompareTo(EpisodeIdentity other)
        {
            var byService = string.CompareOrdinal(Service, other.Service);
            if (byService != 0)
            {
                return byService;
            }

            var byModel = string.CompareOrdinal(Model, other.Model);
            return byModel != 0 ? byModel : string.CompareOrdinal(Version, other.Version);
        }
    }
}
