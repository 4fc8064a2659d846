
namespace MLOps.Core.Alerting;

/// <summary>Where a decision goes: a shadow model's alerts are only stored, a secondary's reach chat, a champion's page.</summary>
public enum AlertRoute
{
    Record,
    Chat,
    Page,
}

public static class AlertRouting
{
    public static AlertRoute For(ModelStage stage) => stage switch
    {
        ModelStage.Shadow => AlertRoute.Record,
        ModelStage.Secondary => AlertRoute.Chat,
        ModelStage.Champion => AlertRoute.Page,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown model stage."),
    };
}
