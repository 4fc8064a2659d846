namespace MLOps.Core.Security;

/// <summary>
/// What a key name may be. The name is the actor of every audit line the key writes, so it must print as one
/// plain line: no control characters (a newline in a name forged a second audit line).
/// </summary>
public static class ApiKeyNames
{
    public const int MaxLength = 100;

    /// <summary>Why the name is not acceptable, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxLength)
        {
            return $"A name of 1 to {MaxLength} characters is required.";
        }

        return name.Any(char.IsControl) ? "A name must not contain control characters (line breaks, tabs, NUL)." : null;
    }
}
