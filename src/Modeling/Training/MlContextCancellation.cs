using System.Reflection;
using Microsoft.ML;

namespace MLOps.Modeling.Training;

/// <summary>
/// Stops a running ML.NET training. ML.NET checks for cancellation between boosting iterations,
/// but exposes the switch (ICancelable on the context's environment) only to its own assemblies;
/// AutoML uses the same switch. The reflection is resolved once and a test proves it still works
/// whenever ML.NET is upgraded.
/// </summary>
internal static class MlContextCancellation
{
    private static readonly FieldInfo EnvironmentField =
        typeof(MLContext).GetField("_env", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new NotSupportedException("This ML.NET version has no MLContext._env; update MlContextCancellation.");

    private static readonly MethodInfo CancelMethod =
        EnvironmentField.FieldType.GetInterface("Microsoft.ML.Runtime.ICancelable")?.GetMethod("CancelExecution")
        ?? throw new NotSupportedException("This ML.NET version's environment is not ICancelable; update MlContextCancellation.");

    /// <summary>Cancels the context's work when the token fires; dispose the result when training ends.</summary>
    public static CancellationTokenRegistration CancelOn(this MLContext context, CancellationToken cancellationToken) =>
        cancellationToken.Register(() => CancelMethod.Invoke(EnvironmentField.GetValue(context), null));
}
