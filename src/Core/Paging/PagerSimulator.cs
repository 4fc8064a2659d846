using MLOps.Core.Alerting;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Paging;

/// <summary>
/// Replays a period of scored windows through the same <see cref="AlertPolicy"/> the online scoring job
/// uses, one pass per window step, keeping the open episodes between passes with <see cref="OpenEpisodes"/>
/// as the alert store does; then counts what on-call would have received. Each call runs on one thread and
/// keeps its state to itself, so callers that replay many thresholds may run them side by side.
/// </summary>
/// <remarks>
/// <para>
/// A pass decides, in the policy's own identity order and with the policy's own per-episode step
/// (<c>AlertPolicy.EvaluateEpisode</c>, which <see cref="AlertPolicy.Evaluate"/> is built from), every version
/// and service that breaches or has an open episode; an open episode without a score goes to the policy's
/// expiry rule. A score under the threshold with no open episode makes the policy decide nothing, so the replay
/// never looks at it: the cost is one scan of the scores plus the policy's work on breaches and open episodes,
/// not on the quiet majority, and nothing is rebuilt per pass. The decisions are the ones a full
/// <see cref="AlertPolicy.Evaluate"/> pass gives; a property test holds the two side by side.
/// </para>
/// <para>
/// Versions keep their stage for the whole period. The online job hands every staged version to one policy
/// pass, and so does the replay; only the rank of new alerts depends on the other versions.
/// </para>
/// </remarks>
public sealed class PagerSimulator
{
    private readonly AlertPolicy _policy;
    private readonly AlertPolicyOptions _policyOptions;

    public PagerSimulator(AlertPolicyOptions policy, PageReportOptions report)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(report);
        _policy = new AlertPolicy(policy);
        if (report.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"Invalid page report options: {string.Join(" ", problems)}", nameof(report));
        }

        _policyOptions = policy;
        Report = report;
    }

    public PageReportOptions Report { get; }

    /// <summary>
    /// The decisions of every replayed pass that decided something, in time order, exactly as the online job
    /// would have recorded them for these scores. Lazy: each pass is computed as it is read.
    /// </summary>
    /// <exception cref="ArgumentException">The input is inconsistent (checked before the first pass).</exception>
    public IEnumerable<ReplayedPass> Replay(PagerReplayInput input)
    {
        var replay = new Replayer(this, input);
        return replay.Passes().Select(pass => new ReplayedPass(pass.At, pass.Decisions));
    }

    /// <summary>One page report per version, in the order of <see cref="PagerReplayInput.Versions"/>.</summary>
    /// <exception cref="ArgumentException">The input is inconsistent.</exception>
    public IReadOnlyList<PageReport> Simulate(PagerReplayInput input) => Simulate(input, null)!;

    /// <summary>
    /// As <see cref="Simulate(PagerReplayInput)"/>, but every counted page is shown to <paramref name="watch"/> as it
    /// opens (with its group-shift cell); when the watch says stop, the replay ends there and the result is null.
    /// </summary>
    internal IReadOnlyList<PageReport>? Simulate(PagerReplayInput input, IPageWatch? watch)
    {
        var replay = new Replayer(this, input);
        var measurer = new PageMeasurer(Report, input, replay.End);
        var episodes = input.Versions.Select(_ => new List<EpisodeTrace>()).ToArray();
        var byKey = new Dictionary<string, EpisodeTrace>(StringComparer.Ordinal);
        foreach (var pass in replay.Passes())
        {
            foreach (var change in pass.Changes)
            {
                switch (change)
                {
                    case EpisodeOpened opened:
                        var trace = new EpisodeTrace(opened.Alert);
                        byKey.Add(opened.Episode.DedupKey, trace);
                        episodes[replay.VersionOf(opened.Alert)].Add(trace);
                        if (watch is not null && measurer.Counts(trace) && watch.Stop(measurer.CellOf(trace.Service, trace.Start), measurer.Cells))
                        {
                            return null;
                        }

                        break;
                    case EpisodeExtended extended:
                        byKey[extended.After.DedupKey].LastAboveAt = extended.After.LastAboveAt;
                        break;
                    case EpisodeClosed closed:
                        var ended = byKey[closed.Episode.DedupKey];
                        ended.LastAboveAt = closed.Episode.LastAboveAt;
                        ended.ResolvedAt = closed.Resolved.ResolvedAt;
                        break;
                }
            }
        }

        return [.. input.Versions.Select((version, v) => measurer.Measure(version, episodes[v]))];
    }

    /// <summary>Sees each counted page as a replay opens it; lets a caller give up on a replay whose outcome is already settled.</summary>
    internal interface IPageWatch
    {
        /// <param name="cell">The page's group-shift, <c>group * shifts + shift</c> as in <see cref="PageReport.Shifts"/>.</param>
        /// <param name="cells">How many group-shifts the period has.</param>
        /// <returns>True to end the replay now.</returns>
        bool Stop(int cell, int cells);
    }

    /// <summary>
    /// An episode as the replay saw it grow; becomes a <see cref="Page"/>. Holds only what the page needs, not
    /// the decision: a month of a noisy version keeps hundreds of thousands of them alive.
    /// </summary>
    internal sealed class EpisodeTrace(NewAlert opened)
    {
        public string DedupKey { get; } = opened.DedupKey;

        public string Service { get; } = opened.Service;

        public DateTimeOffset Start { get; } = opened.IncidentStart;

        public AlertSeverity Severity { get; } = opened.Severity;

        public AlertRoute Route { get; } = opened.Route;

        public DateTimeOffset LastAboveAt { get; set; } = opened.LastAboveAt;

        public DateTimeOffset? ResolvedAt { get; set; }
    }

    private readonly record struct ReplayStep(DateTimeOffset At, IReadOnlyList<AlertDecision> Decisions, IReadOnlyList<EpisodeChange> Changes);

    /// <summary>One replay's indexes and state; the input is checked when it is made.</summary>
    /// <remarks>
    /// Identities (version, service) are numbered in the order the policy evaluates them (service, model,
    /// version), so walking the numbers upwards decides a pass in the order <see cref="AlertPolicy.Evaluate"/> does.
    /// </remarks>
    private sealed class Replayer
    {
        private readonly PagerSimulator _simulator;
        private readonly PagerReplayInput _input;
        private readonly int _services;
        private readonly int _windows;
        private readonly Dictionary<string, int> _serviceIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Model, string Version), int> _versionIndex = [];
        private readonly int[] _tiers;
        private readonly List<MaintenanceWindow>[] _maintenance;
        private readonly DeployEvent[][] _deploys;
        private readonly (int Version, int Service)[] _identities;

        public Replayer(PagerSimulator simulator, PagerReplayInput input)
        {
            ArgumentNullException.ThrowIfNull(input);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input.Windows, nameof(input));
            _simulator = simulator;
            _input = input;
            _services = input.Services.Count;
            _windows = input.Windows;
            for (var s = 0; s < _services; s++)
            {
                if (!_serviceIndex.TryAdd(input.Services[s], s))
                {
                    throw new ArgumentException($"Service {input.Services[s]} is listed twice.", nameof(input));
                }
            }

            for (var v = 0; v < input.Versions.Count; v++)
            {
                var version = input.Versions[v];
                if (!_versionIndex.TryAdd((version.Model, version.Version), v))
                {
                    throw new ArgumentException($"Model {version.Model} version {version.Version} is listed twice.", nameof(input));
                }

                CheckLayout(version.Scores, $"Scores of {version.Model} version {version.Version}");
                foreach (var signal in version.Signals)
                {
                    CheckLayout(signal.Values, $"Signal {signal.Name} of {version.Model} version {version.Version}");
                }
            }

            // The online pass builds its tier lookup from the whole inventory and fails on a duplicate; so must the replay.
            var inventory = new ServiceInfo?[_services];
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var service in input.Inventory)
            {
                if (!listed.Add(service.Name))
                {
                    throw new ArgumentException($"The inventory lists service {service.Name} twice.", nameof(input));
                }

                if (_serviceIndex.TryGetValue(service.Name, out var s))
                {
                    inventory[s] = service;
                }
            }

            _tiers = [.. inventory.Select(simulator._policy.TierOf)];

            // Per service and in the given order: the policy takes the first window that covers a breach.
            _maintenance = [.. Enumerable.Range(0, _services).Select(_ => new List<MaintenanceWindow>())];
            foreach (var window in input.Maintenance)
            {
                if (_serviceIndex.TryGetValue(window.Service, out var s))
                {
                    _maintenance[s].Add(window);
                }
            }

            _deploys = [.. Enumerable.Range(0, _services).Select(_ => Array.Empty<DeployEvent>())];
            foreach (var group in input.Deploys.GroupBy(deploy => deploy.Service, StringComparer.Ordinal))
            {
                if (_serviceIndex.TryGetValue(group.Key, out var s))
                {
                    _deploys[s] = [.. group];
                }
            }

            _identities = [.. Enumerable.Range(0, input.Versions.Count)
                .SelectMany(v => Enumerable.Range(0, _services).Select(s => (Version: v, Service: s)))
                .OrderBy(identity => input.Services[identity.Service], StringComparer.Ordinal)
                .ThenBy(identity => input.Versions[identity.Version].Model, StringComparer.Ordinal)
                .ThenBy(identity => input.Versions[identity.Version].Version, StringComparer.Ordinal)];
            End = input.Start + (simulator._policyOptions.WindowStep * _windows);
        }

        /// <summary>The end of the replayed period (exclusive).</summary>
        public DateTimeOffset End { get; }

        public int VersionOf(AlertDecision decision) => _versionIndex[(decision.Model, decision.Version)];

        public IEnumerable<ReplayStep> Passes()
        {
            var policy = _simulator._policy;
            var step = _simulator._policyOptions.WindowStep;
            var (bucketStarts, breaches) = BucketBreaches();
            var numberOf = new int[_input.Versions.Count * _services];
            for (var n = 0; n < _identities.Length; n++)
            {
                numberOf[(_identities[n].Version * _services) + _identities[n].Service] = n;
            }

            var book = new OpenEpisodes();
            var episodes = new OpenAlert?[_identities.Length];
            var open = new List<int>();
            var scored = new List<int>();
            var unscored = new List<int>();
            for (var w = 0; w < _windows; w++)
            {
                if (bucketStarts[w] == bucketStarts[w + 1] && open.Count == 0)
                {
                    continue;
                }

                // Breaches and open identities merged in identity order; an open identity without a score this pass
                // is left to expire, one with a quiet score may recover.
                scored.Clear();
                unscored.Clear();
                var b = bucketStarts[w];
                foreach (var n in open)
                {
                    while (b < bucketStarts[w + 1] && breaches[b] < n)
                    {
                        scored.Add(breaches[b++]);
                    }

                    if (b < bucketStarts[w + 1] && breaches[b] == n)
                    {
                        scored.Add(breaches[b++]);
                    }
                    else if (float.IsNaN(ScoreOf(n, w)))
                    {
                        unscored.Add(n);
                    }
                    else
                    {
                        scored.Add(n);
                    }
                }

                while (b < bucketStarts[w + 1])
                {
                    scored.Add(breaches[b++]);
                }

                var at = _input.Start + (step * w);
                var pass = new AlertPolicy.Pass();
                foreach (var n in scored)
                {
                    var candidate = Candidate(n, w, at);
                    var s = _identities[n].Service;
                    policy.EvaluateEpisode(new ReadOnlySpan<CandidateAlert>(ref candidate), episodes[n], _tiers[s], _maintenance[s], _deploys[s], pass);
                }

                foreach (var n in unscored)
                {
                    if (policy.ExpireUnscored(episodes[n]!, at) is { } expired)
                    {
                        pass.Add(expired);
                    }
                }

                var decisions = pass.Ranked();
                if (decisions.Count == 0)
                {
                    continue;
                }

                var changes = book.ApplyPass(decisions);
                foreach (var change in changes)
                {
                    var n = numberOf[(VersionOf(change.Decision) * _services) + _serviceIndex[change.Decision.Service]];
                    switch (change)
                    {
                        case EpisodeOpened opened:
                            episodes[n] = opened.Episode;
                            open.Insert(~open.BinarySearch(n), n);
                            break;
                        case EpisodeExtended extended:
                            episodes[n] = extended.After;
                            break;
                        case EpisodeClosed:
                            episodes[n] = null;
                            open.RemoveAt(open.BinarySearch(n));
                            break;
                    }
                }

                yield return new ReplayStep(at, decisions, changes);
            }
        }

        private float ScoreOf(int identity, int window)
        {
            var (v, s) = _identities[identity];
            return _input.Versions[v].Scores[(s * _windows) + window];
        }

        private CandidateAlert Candidate(int identity, int window, DateTimeOffset at)
        {
            var (v, s) = _identities[identity];
            var version = _input.Versions[v];
            var index = (s * _windows) + window;
            var candidate = new CandidateAlert(version.Model, version.Version, version.Stage, _input.Services[s], at, version.Scores[index], version.Threshold, []);
            return version.Signals.Count == 0
                ? candidate
                : candidate with { Signals = [.. version.Signals.Select(signal => new SignalReading(signal.Name, signal.Values[index], signal.Threshold))] };
        }

        /// <summary>
        /// Every breaching identity grouped by window, in one pass over the scores: bucket w is
        /// breaches[starts[w]..starts[w + 1]), identities ascending.
        /// </summary>
        private (int[] Starts, int[] Breaches) BucketBreaches()
        {
            var starts = new int[_windows + 1];
            foreach (var (v, s) in _identities)
            {
                var threshold = _input.Versions[v].Threshold;
                var row = _input.Versions[v].Scores.AsSpan(s * _windows, _windows);
                for (var w = 0; w < row.Length; w++)
                {
                    // NaN compares false: an unscored window never breaches.
                    if (row[w] >= threshold)
                    {
                        starts[w + 1]++;
                    }
                }
            }

            for (var w = 0; w < _windows; w++)
            {
                starts[w + 1] += starts[w];
            }

            var breaches = new int[starts[_windows]];
            var next = starts[..^1];
            for (var n = 0; n < _identities.Length; n++)
            {
                var (v, s) = _identities[n];
                var threshold = _input.Versions[v].Threshold;
                var row = _input.Versions[v].Scores.AsSpan(s * _windows, _windows);
                for (var w = 0; w < row.Length; w++)
                {
                    if (row[w] >= threshold)
                    {
                        breaches[next[w]++] = n;
                    }
                }
            }

            return (starts, breaches);
        }

        private void CheckLayout(float[] values, string what)
        {
            if (values is null || values.Length != (long)_services * _windows)
            {
                throw new ArgumentException($"{what} must hold {_services} services x {_windows} windows = {(long)_services * _windows} values, got {values?.Length ?? 0}.", "input");
            }
        }
    }
}
