using MLOps.Core.Alerting;

namespace MLOps.Core.Paging;

/// <summary>
/// What one alert decision did to the open episodes: the write a store makes for it. A decision that
/// changes nothing (a suppression, or one already applied) has no change.
/// </summary>
public abstract record EpisodeChange(AlertDecision Decision);

/// <summary>A <see cref="NewAlert"/> opened <see cref="Episode"/>: the store inserts it.</summary>
public sealed record EpisodeOpened(NewAlert Alert, OpenAlert Episode) : EpisodeChange(Alert);

/// <summary>
/// A <see cref="DeduplicatedAlert"/> moved the episode's last breach from <see cref="Before"/>'s to
/// <see cref="After"/>'s <see cref="OpenAlert.LastAboveAt"/>: the store updates that one column.
/// </summary>
public sealed record EpisodeExtended(DeduplicatedAlert Duplicate, OpenAlert Before, OpenAlert After) : EpisodeChange(Duplicate);

/// <summary>A <see cref="ResolvedAlert"/> closed <see cref="Episode"/> (as it stood, last breach included): the store marks it resolved.</summary>
public sealed record EpisodeClosed(ResolvedAlert Resolved, OpenAlert Episode) : EpisodeChange(Resolved);
