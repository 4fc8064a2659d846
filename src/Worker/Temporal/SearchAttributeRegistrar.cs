using Microsoft.Extensions.Options;
using MLOps.Contracts.Workflows;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;

namespace MLOps.Worker.Temporal;

/// <summary>
/// Registers the lifecycle's custom search attributes through the operator service. Where that is
/// not allowed (Temporal Cloud, restricted roles) it logs the exact command an operator must run.
/// </summary>
public sealed partial class SearchAttributeRegistrar(ITemporalClient client, IOptions<TemporalOptions> temporal, ILogger<SearchAttributeRegistrar> logger)
{
    public async Task EnsureSearchAttributesAsync(CancellationToken cancellationToken)
    {
        var ns = temporal.Value.Namespace;
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        try
        {
            var missing = await MissingAsync(ns, rpc);
            if (missing.Count == 0)
            {
                LogPresent(ns);
                return;
            }

            var request = new AddSearchAttributesRequest { Namespace = ns };
            foreach (var key in missing)
            {
                request.SearchAttributes.Add(key.Name, IndexedValueType.Keyword);
            }

            await client.Connection.OperatorService.AddSearchAttributesAsync(request, rpc);
            LogRegistered(string.Join(", ", missing.Select(key => key.Name)), ns);
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.AlreadyExists)
        {
            // Only reached when the list could not be read: they were there already.
            LogPresent(ns);
        }
        catch (RpcException exception) when (exception.Code is RpcException.StatusCode.PermissionDenied or RpcException.StatusCode.Unimplemented or RpcException.StatusCode.Unauthenticated)
        {
            LogCannotRegister(exception, ns, ManualCommand(ns));
        }
    }

    /// <summary>
    /// The attributes the namespace lacks. A server that cannot list them (Temporal's test server has no list but
    /// does accept adds) gets all of them added; an add of one already there answers AlreadyExists.
    /// </summary>
    private async Task<List<SearchAttributeKey<string>>> MissingAsync(string ns, RpcOptions rpc)
    {
        try
        {
            var existing = await client.Connection.OperatorService.ListSearchAttributesAsync(new ListSearchAttributesRequest { Namespace = ns }, rpc);
            return [.. LifecycleSearchAttributes.All.Where(key => !existing.CustomAttributes.ContainsKey(key.Name))];
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.Unimplemented)
        {
            return [.. LifecycleSearchAttributes.All];
        }
    }

    /// <summary>The temporal CLI command that registers every attribute by hand.</summary>
    public static string ManualCommand(string ns) =>
        $"temporal operator search-attribute create --namespace {ns} "
        + string.Join(' ', LifecycleSearchAttributes.All.Select(key => $"--name {key.Name} --type Keyword"));

    [LoggerMessage(EventId = LogEvents.SearchAttributesPresent, Level = LogLevel.Information, Message = "Search attributes already registered in namespace {Namespace}")]
    private partial void LogPresent(string @namespace);

    [LoggerMessage(EventId = LogEvents.SearchAttributesRegistered, Level = LogLevel.Information, Message = "Registered search attributes {Names} in namespace {Namespace}")]
    private partial void LogRegistered(string names, string @namespace);

    [LoggerMessage(EventId = LogEvents.SearchAttributesNotRegistered, Level = LogLevel.Warning, Message = "Cannot register search attributes in namespace {Namespace}; lifecycle workflows fail to upsert them until an operator runs: {Command}")]
    private partial void LogCannotRegister(Exception exception, string @namespace, string command);
}
