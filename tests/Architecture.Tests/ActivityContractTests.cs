using System.Reflection;
using Temporalio.Activities;

namespace MLOps.Architecture.Tests;

/// <summary>
/// The compiler checks that an activity class implements its contract's signatures; this checks the rest of what
/// Temporal dispatches on: every activity the workers register carries the name its contract method declares.
/// </summary>
public sealed class ActivityContractTests
{
    [Fact]
    public void ActivityClasses_EveryActivity_ImplementsAContractMethodOfTheSameName()
    {
        var implementations = ProductAssemblies.Types().Where(type => type is { IsClass: true, IsAbstract: false } && type.Namespace?.StartsWith("MLOps.Activities", StringComparison.Ordinal) == true)
            .SelectMany(type => type.GetMethods().Where(method => method.GetCustomAttribute<ActivityAttribute>() is not null).Select(method => (Type: type, Method: method)))
            .ToList();

        Assert.NotEmpty(implementations);
        var mismatches = new List<string>();
        foreach (var (type, method) in implementations)
        {
            var contract = type.GetInterfaces()
                .Where(contract => contract.Namespace == "MLOps.Contracts.Activities")
                .Select(contract => (Contract: contract, Map: type.GetInterfaceMap(contract)))
                .SelectMany(entry => entry.Map.TargetMethods.Select((target, i) => (target, declared: entry.Map.InterfaceMethods[i])))
                .Where(pair => pair.target == method)
                .Select(pair => pair.declared)
                .SingleOrDefault();
            var name = Name(method);
            if (contract is null)
            {
                mismatches.Add($"{type.Name}.{method.Name} ({name}) implements no contract in MLOps.Contracts.Activities");
            }
            else if (Name(contract) != name)
            {
                mismatches.Add($"{type.Name}.{method.Name} is registered as {name} but its contract says {Name(contract)}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
    }

    private static string Name(MethodInfo method) => method.GetCustomAttribute<ActivityAttribute>()!.Name ?? method.Name;
}
