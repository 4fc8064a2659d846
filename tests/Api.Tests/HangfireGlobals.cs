using System.Runtime.CompilerServices;
using Hangfire;

namespace MLOps.Api.Tests;

/// <summary>
/// Hangfire keeps process-wide state: its log provider is the logger factory of the last host that configured it,
/// and the static constructor of <see cref="GlobalJobFilters"/> logs through that provider once. The tests start and
/// dispose many hosts in one process, so that constructor could run against a disposed factory and break the type
/// for every later test (TypeInitializationException, ObjectDisposedException 'LoggerFactory'). Running it when the
/// test assembly loads, before any host exists, keeps it off every host's factory. One host per process in
/// production never meets this.
/// </summary>
internal static class HangfireGlobals
{
#pragma warning disable CA2255 // A test assembly is the one place a module initializer is the right tool: it must run before any test.
    [ModuleInitializer]
    internal static void InitializeBeforeAnyHost() => _ = GlobalJobFilters.Filters;
#pragma warning restore CA2255
}
