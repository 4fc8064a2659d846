using MLOps.Activities.Security;

namespace MLOps.Activities.Tests;

/// <summary>Reads a migration script embedded in MLOps.Activities, to prepare a throwaway test database.</summary>
internal static class MigrationScripts
{
    public static string Read(string fileName)
    {
        var assembly = typeof(ApiKeyStore).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(name => name.EndsWith("." + fileName, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
