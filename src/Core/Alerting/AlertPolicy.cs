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
        var pass = new Pass();
        var seen = new HashSet<EpisodeIdentity>();

        foreach (var group in input.Candidates.GroupBy(EpisodeIdentity.Of).OrderBy(group => group.Key))
        {
            seen.Add(group.Key);
            openByIdentity.TryGetValue(group.Key, out var episode);
            var tier = tiers.TryGetValue(group.Key.Service, out var known) ? known : _options.DefaultTier;
            EvaluateEpisode(group.OrderBy(candidate => candidate.WindowEnd).ToArray(), episode, tier, input.MaintenanceWindows, input.RecentDeploys, pass);
        }

        // Episodes this pass did not score at all (the version stopped scoring, the service went
        // silent) end once they are past the grouping window instead of staying open for ever.
        foreach (var entry in openByIdentity.Where(entry => !seen.Contains(entry.Key)).OrderBy(entry => entry.Key))
        {
            if (ExpireUnscored(entry.Value, input.EvaluatedAt) is { } expired)
            {
                pass.Add(expired);
            }
        }

        return pass.Ranked();
    }

    /// <summary>
    /// Episodes of versions that no longer score on their stage, resolved so a page or Slack thread does not stay open
    /// until it expires: <see cref="ResolveReason.StageChanged"/> when the version scores on another stage now (promoted
    /// on; that stage opens its own episode), <see cref="ResolveReason.VersionRetired"/> when it scores nowhere (rolled
    /// back, rejected). <paramref name="serving"/> is what scores this pass.
    /// </summary>
    public static IReadOnlyList<ResolvedAlert> ResolveUnserved(
        IEnumerable<OpenAlert> openAlerts,
        IReadOnlySet<(string Model, string Version, ModelStage Stage)> serving,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(openAlerts);
        ArgumentNullException.ThrowIfNull(serving);
        return openAlerts
            .Where(open => !serving.Contains((open.Model, open.Version, open.Stage)))
            .OrderBy(open => open.DedupKey, StringComparer.Ordinal)
            .Select(open => new ResolvedAlert(
                open,
                serving.Any(held => held.Model == open.Model && held.Version == open.Version) ? ResolveReason.StageChanged : ResolveReason.VersionRetired,
                at))
            .ToArray();
    }

    /// <summary>
    /// The decisions for one model version and service in a pass: <paramref name="windows"/> are its scores,
    /// in time order, and <paramref name="episode"/> its open episode. <see cref="Evaluate"/> calls this for
    /// every scored identity in identity order; the pager replay calls it the same way without rebuilding a
    /// whole pass, so that both decide with this one piece of code. <paramref name="maintenance"/> and
    /// <paramref name="deploys"/> may hold other services' entries; only the identity's service counts.
    /// </summary>
    internal void EvaluateEpisode(
        ReadOnlySpan<CandidateAlert> windows,
        OpenAlert? episode,
        int tier,
        IReadOnlyList<MaintenanceWindow> maintenance,
        IReadOnlyList<DeployEvent> deploys,
        Pass pass)
    {
        var latest = windows[^1];
        var anyBreach = false;
        CandidateAlert? first = null, last = null, representative = null;
        var firing = 0;
        (CandidateAlert Breach, MaintenanceWindow Window)? inMaintenance = null;
        CandidateAlert? unconfirmed = null;

        // The strongest of each kind is the first with the highest score; breaches never score NaN.
        foreach (var breach in windows)
        {
            if (!breach.IsAboveThreshold)
            {
                continue;
            }

            anyBreach = true;
            if (MaintenanceCovering(breach, maintenance) is { } window)
            {
                if (inMaintenance is not { } strongest || breach.Score > strongest.Breach.Score)
                {
                    inMaintenance = (breach, window);
                }
            }
            else if (!SignalsAgree(breach))
            {
                if (unconfirmed is null || breach.Score > unconfirmed.Score)
                {
                    unconfirmed = breach;
                }
            }
            else
            {
                first ??= breach;
                last = breach;
                if (representative is null || breach.Score > representative.Score)
                {
                    representative = breach;
                }

                firing++;
            }
        }

        if (!anyBreach)
        {
            if (episode is not null && latest.WindowEnd - episode.LastAboveAt >= _options.WindowStep * _options.ResolveAfterQuietWindows)
            {
                pass.Add(new ResolvedAlert(episode, ResolveReason.Recovered, latest.WindowEnd));
            }

            return;
        }

        if (inMaintenance is { } held)
        {
            pass.Add(new SuppressedAlert(held.Breach, SuppressionReason.Maintenance, DescribeMaintenance(held.Window)));
        }

        if (unconfirmed is not null)
        {
            pass.Add(new SuppressedAlert(unconfirmed, SuppressionReason.InsufficientSignalAgreement, DescribeAgreement(unconfirmed)));
        }

        if (first is null || last is null || representative is null)
        {
            return;
        }

        if (episode is not null && episode.Stage == latest.Stage && first.WindowEnd - episode.LastAboveAt <= _options.GroupingWindow)
        {
            pass.Add(new DeduplicatedAlert(representative, episode, last.WindowEnd, firing));
            return;
        }

        if (episode is not null)
        {
            var reason = episode.Stage == latest.Stage ? ResolveReason.Expired : ResolveReason.StageChanged;
            pass.Add(new ResolvedAlert(episode, reason, first.WindowEnd));
        }

        pass.AddNew(new NewAlert(
            representative with { Stage = latest.Stage },
            AlertDedupKey.Create(first.Model, first.Version, first.Service, first.WindowEnd),
            first.WindowEnd,
            last.WindowEnd,
            Rank: 0,
            Priority: TierWeight(tier) * representative.Score,
            tier,
            SeverityOf(tier),
            DeployAnnotations(first, deploys),
            firing));
    }

    /// <summary>The end of an open episode that a pass did not score at all, or null while it is within the grouping window.</summary>
    internal ResolvedAlert? ExpireUnscored(OpenAlert episode, DateTimeOffset evaluatedAt) =>
        evaluatedAt - episode.LastAboveAt > _options.GroupingWindow ? new ResolvedAlert(episode, ResolveReason.Expired, evaluatedAt) : null;

    /// <summary>The tier a service ranks with: the inventory's, or the default for a service it does not know.</summary>
    internal int TierOf(ServiceInfo? service) => service?.Tier ?? _options.DefaultTier;

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

    private static MaintenanceWindow? MaintenanceCovering(CandidateAlert breach, IReadOnlyList<MaintenanceWindow> windows)
    {
        // A loop rather than FirstOrDefault: this runs for every breach the pager replay sees.
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            if (string.Equals(window.Service, breach.Service, StringComparison.Ordinal) && window.Start <= breach.WindowEnd && breach.WindowEnd < window.End)
            {
                return window;
            }
        }

        return null;
    }

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

    /// <summary>
    /// The decisions of one pass as they are made: new alerts wait to be ranked against each other, the
    /// rest keep the order they were made in.
    /// </summary>
    internal sealed class Pass
    {
        private readonly List<AlertDecision> _decisions = [];
        private readonly List<NewAlert> _newAlerts = [];
        private bool _ranked;

        public void Add(AlertDecision decision) => _decisions.Add(decision);

        public void AddNew(NewAlert alert) => _newAlerts.Add(alert);

        /// <summary>New alerts first, most urgent first (rank 1), then every other decision in the order made. Ends the pass.</summary>
        public IReadOnlyList<AlertDecision> Ranked()
        {
            if (_ranked)
            {
                throw new InvalidOperationException("A pass is ranked once; start a new one.");
            }

            _ranked = true;
            if (_newAlerts.Count == 0)
            {
                // Nothing to rank, and the pass takes no more decisions: the list itself is the answer.
                return _decisions.AsReadOnly();
            }

            var ranked = _newAlerts
                .OrderByDescending(alert => alert.Priority)
                .ThenBy(alert => alert.Tier)
                .ThenBy(alert => alert.Service, StringComparer.Ordinal)
                .ThenBy(alert => alert.Model, StringComparer.Ordinal)
                .ThenBy(alert => alert.Version, StringComparer.Ordinal)
                .Select((alert, index) => alert with { Rank = index + 1 });
            return [.. ranked, .. _decisions];
        }
    }

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
