using System.Runtime.CompilerServices;
using Hangfire;
using Hangfire.PostgreSql;

// Hangfire's log provider is process-wide: every API host sets it to its own logger factory, and a test that
// calls Hangfire outside a host (enqueueing a job as the worker would) logs through whichever host configured
// it last. With test classes in parallel that host may already be disposed (ObjectDisposedException
// 'LoggerFactory'); one class at a time, the class's own host is always the last to configure it. The API
// tests take seconds, so running them in sequence costs little.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MLOps.Api.Tests;

/// <summary>
/// Some Hangfire types take their logger once, in their static initialization, from the process-wide log provider
/// (<see cref="GlobalJobFilters"/>; <see cref="PostgreSqlObjectsInstaller"/>, which installs the schema the dashboard
/// reads). If the host that set the provider is gone by then, that logger belongs to a disposed factory: the type
/// breaks for every later test, or the installer's failure is swallowed and the schema silently never appears.
/// Initializing them when the test assembly loads, before any host exists, binds them to Hangfire's default (no)
/// logging. One host per process in production never meets this.
/// </summary>
internal static class HangfireGlobals
{
#pragma warning disable CA2255 // A test assembly is the one place a module initializer is the right tool: it must run before any test.
    [ModuleInitializer]
    internal static void InitializeBeforeAnyHost()
    {
        RuntimeHelpers.RunClassConstructor(typeof(GlobalJobFilters).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(PostgreSqlObjectsInstaller).TypeHandle);
    }
#pragma warning restore CA2255
}
