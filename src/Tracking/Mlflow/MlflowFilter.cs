namespace MLOps.Tracking.Mlflow;

/// <summary>Builds pieces of MLflow's search-filter syntax without letting a value break out of its quotes.</summary>
public static class MlflowFilter
{
    /// <summary><c>tags.`mlops.workflow_id`</c>: keys with dots or dashes must be backticked.</summary>
    public static string Tag(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Contains('`', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A tag key used in an MLflow filter cannot contain a backtick: {key}", nameof(key));
        }

        return $"tags.`{key}`";
    }

    /// <summary>A string literal; MLflow accepts single or double quotes but has no escape inside them.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\'', StringComparison.Ordinal))
        {
            return $"'{value}'";
        }

        if (!value.Contains('"', StringComparison.Ordinal))
        {
            return $"\"{value}\"";
        }

        throw new ArgumentException($"A value used in an MLflow filter cannot contain both quote characters: {value}", nameof(value));
    }

    public static string Equal(string left, string value) => $"{left} = {Quote(value)}";
}
