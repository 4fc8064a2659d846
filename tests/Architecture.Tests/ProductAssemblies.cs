using System.Reflection;

namespace MLOps.Architecture.Tests;

/// <summary>Every assembly of the product, loaded from the test's output (the hosts reference all of them).</summary>
internal static class ProductAssemblies
{
    public static IReadOnlyList<Assembly> All { get; } =
    [
        .. Directory.GetFiles(AppContext.BaseDirectory, "MLOps.*.dll")
            .Where(path => !Path.GetFileName(path).Contains(".Tests", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith("MLOps.Testing", StringComparison.Ordinal))
            .Append(Path.Combine(AppContext.BaseDirectory, "mlops.dll"))
            .Select(Assembly.LoadFrom)
            .OrderBy(assembly => assembly.GetName().Name, StringComparer.Ordinal),
    ];

    public static IEnumerable<Type> Types() => All.SelectMany(assembly => assembly.GetTypes());

    public static IEnumerable<MethodInfo> Methods() =>
        Types().SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
}
