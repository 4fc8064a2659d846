namespace MLOps.Core.Lifecycle;

/// <summary>
/// A stage lives in the MLflow registry as an alias of the same name: the version the alias points
/// at holds the stage. Aliases are lower-case, as MLflow shows them (<c>models:/name@champion</c>).
/// </summary>
public static class StageAliases
{
    public const string Shadow = "shadow";
    public const string Secondary = "secondary";
    public const string Champion = "champion";

    public static IReadOnlyList<ModelStage> All { get; } = Enum.GetValues<ModelStage>();

    public static string ToAlias(ModelStage stage) => stage switch
    {
        ModelStage.Shadow => Shadow,
        ModelStage.Secondary => Secondary,
        ModelStage.Champion => Champion,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "No MLflow alias is defined for this stage."),
    };

    /// <summary>The stage an alias stands for, or null for an alias this platform does not manage (users may add their own).</summary>
    public static ModelStage? FromAlias(string alias) => alias?.ToLowerInvariant() switch
    {
        Shadow => ModelStage.Shadow,
        Secondary => ModelStage.Secondary,
        Champion => ModelStage.Champion,
        _ => null,
    };
}
