namespace MLOps.Core;

/// <summary>
/// Where a model version stands. A candidate earns its way from <see cref="Shadow"/> (scores stored,
/// alerts not sent) to <see cref="Secondary"/> (alerts to a chat channel) to <see cref="Champion"/>
/// (alerts page on-call).
/// </summary>
public enum ModelStage
{
    Shadow,
    Secondary,
    Champion,
}
