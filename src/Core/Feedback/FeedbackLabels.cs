using MLOps.Core.Telemetry;

namespace MLOps.Core.Feedback;

/// <summary>
/// What on-call's verdicts add to a training set, derived afresh from the verdicts in force every time a
/// snapshot is taken (nothing is stored), so a changed verdict changes the next training and nothing stale
/// stays behind:
/// <list type="bullet">
/// <item><c>actionable</c>: the episode becomes an incident of source <see cref="IncidentSource"/> over its span,
/// with id <see cref="IncidentId"/> (the same id every time). When a labeled incident of the service already
/// covers the episode (it overlaps the span, or starts at most one horizon after it), the episode links to that
/// incident instead, so evaluation does not count one outage twice.</item>
/// <item><c>false-alarm</c>: a <see cref="FalseAlarms"/> span; <see cref="Training.HorizonLabeler"/> makes its windows
/// negatives even near an incident of the service (see there for the exact rule).</item>
/// <item><c>expected</c>: an <see cref="Expected"/> span; its windows are left out of training like maintenance.</item>
/// </list>
/// An episode's span is its window ends from <see cref="AlertEpisode.Start"/> to <see cref="AlertEpisode.End"/>, both
/// included; an episode still open when judged ends at the verdict's time (what on-call had seen when deciding).
/// </summary>
public sealed record FeedbackLabels(
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<FeedbackLink> Links,
    IReadOnlyList<EpisodeSpan> FalseAlarms,
    IReadOnlyList<EpisodeSpan> Expected,
    int VerdictsWithoutEpisode)
{
    /// <summary>The <see cref="Incident.Source"/> of incidents made from actionable verdicts.</summary>
    public const string IncidentSource = "feedback";

    public static FeedbackLabels None { get; } = new([], [], [], [], 0);

    public FeedbackEpisodeCounts Counts => new(Incidents.Count, Links.Count, FalseAlarms.Count, Expected.Count, VerdictsWithoutEpisode);

    /// <summary>Derived from the episode key alone, so deriving again yields the same incident, never a second one.</summary>
    public static string IncidentId(string dedupKey) => $"{IncidentSource}/{dedupKey}";

    /// <param name="episodes">The episodes of the snapshot's window; keys must be unique.</param>
    /// <param name="verdicts">Verdict history (or just the current verdicts): the one in force per episode counts.</param>
    /// <param name="labeledIncidents">Incidents from import and the API, which actionable episodes may link to.</param>
    /// <param name="horizon">The labeling horizon: an alert up to this long before an incident speaks of it.</param>
    public static FeedbackLabels Build(
        IEnumerable<AlertEpisode> episodes,
        IEnumerable<AlertVerdict> verdicts,
        IEnumerable<Incident> labeledIncidents,
        TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(labeledIncidents);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);
        var byKey = new Dictionary<string, AlertEpisode>(StringComparer.Ordinal);
        foreach (var episode in episodes)
        {
            if (!byKey.TryAdd(episode.DedupKey, episode))
            {
                throw new ArgumentException($"Episode key '{episode.DedupKey}' occurs twice; a key names one episode.", nameof(episodes));
            }
        }

        // A feedback incident already in the list (stored by an earlier version of this rule) is never a link target.
        var linkTargets = labeledIncidents.Where(incident => incident.Source != IncidentSource).ToLookup(incident => incident.Service, StringComparer.Ordinal);
        var incidents = new List<Incident>();
        var links = new List<FeedbackLink>();
        var falseAlarms = new List<EpisodeSpan>();
        var expected = new List<EpisodeSpan>();
        var withoutEpisode = 0;
        foreach (var verdict in VerdictHistory.CurrentByEpisode(verdicts).Values.OrderBy(verdict => verdict.DedupKey, StringComparer.Ordinal))
        {
            if (!byKey.TryGetValue(verdict.DedupKey, out var episode))
            {
                withoutEpisode++;
                continue;
            }

            var span = SpanOf(episode, verdict);
            switch (verdict.Verdict)
            {
                case VerdictKind.Actionable when Covering(linkTargets[episode.Service], span, horizon) is { } covering:
                    links.Add(new FeedbackLink(episode.DedupKey, covering.Id));
                    break;
                case VerdictKind.Actionable:
                    incidents.Add(new Incident(
                        IncidentId(episode.DedupKey),
                        episode.Service,
                        span.Start,
                        span.End,
                        episode.Severity.ToString().ToLowerInvariant(),
                        IncidentSource,
                        $"{episode.Model} v{episode.Version} alert marked actionable by {verdict.Actor}: {verdict.Reason}"));
                    break;
                case VerdictKind.FalseAlarm:
                    falseAlarms.Add(span);
                    break;
                case VerdictKind.Expected:
                    expected.Add(span);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(verdicts), verdict.Verdict, "Unknown verdict.");
            }
        }

        return new FeedbackLabels(incidents, links, falseAlarms, expected, withoutEpisode);
    }

    /// <summary>
    /// The incidents to label with: <paramref name="labeled"/> without any earlier <see cref="IncidentSource"/>
    /// incidents (they may be stale), plus the ones derived here.
    /// </summary>
    public IReadOnlyList<Incident> IncidentsWith(IEnumerable<Incident> labeled)
    {
        ArgumentNullException.ThrowIfNull(labeled);
        return [.. labeled.Where(incident => incident.Source != IncidentSource), .. Incidents];
    }

    /// <summary>The false-alarm and expected spans of one service, for <see cref="Training.HorizonLabeler"/>.</summary>
    public ServiceFeedback ForService(string service) => new(
        FalseAlarms.Where(span => span.Service == service).ToArray(),
        Expected.Where(span => span.Service == service).ToArray());

    private static EpisodeSpan SpanOf(AlertEpisode episode, AlertVerdict verdict)
    {
        var end = episode.End ?? verdict.DecidedAt;
        return new EpisodeSpan(episode.DedupKey, episode.Service, episode.Start, end < episode.Start ? episode.Start : end);
    }

    /// <summary>The earliest incident that overlaps the span or starts within one horizon after it.</summary>
    private static Incident? Covering(IEnumerable<Incident> incidents, EpisodeSpan span, TimeSpan horizon) =>
        incidents
            .Where(incident => incident.Start <= span.End + horizon && (incident.End ?? DateTimeOffset.MaxValue) >= span.Start)
            .OrderBy(incident => incident.Start)
            .ThenBy(incident => incident.Id, StringComparer.Ordinal)
            .FirstOrDefault();
}
