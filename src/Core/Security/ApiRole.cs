namespace MLOps.Core.Security;

/// <summary>
/// What an API key may do. Each role includes the ones before it: viewers read, on-call engineers
/// also promote, approve, reject, roll back and retrain, admins also manage keys and jobs.
/// </summary>
public enum ApiRole
{
    Viewer = 1,
    Oncall = 2,
    Admin = 3,
}

public static class ApiRoles
{
    public static bool Includes(this ApiRole held, ApiRole required) => held >= required;

    public static string ToWire(this ApiRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out ApiRole role) =>
        Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _);
}
