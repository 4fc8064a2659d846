using MLOps.Contracts.Workflows;
using MLOps.Testing;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Exceptions;
using Temporalio.Testing;

namespace MLOps.Workflows.Tests.Support;

/// <summary>
/// The time-skipping server (or <c>TEMPORAL_ADDRESS</c>) with the lifecycle's search attributes
/// registered where the server allows it; a real server refuses upserts of unknown attributes.
/// </summary>
public sealed class LifecycleTemporalFixture : TimeSkippingTemporalFixture
{
    protected override async Task PrepareAsync(WorkflowEnvironment environment)
    {
        var request = new AddSearchAttributesRequest { Namespace = environment.Client.Options.Namespace };
        foreach (var key in LifecycleSearchAttributes.All)
        {
            request.SearchAttributes.Add(key.Name, IndexedValueType.Keyword);
        }

        try
        {
            await environment.Client.Connection.OperatorService.AddSearchAttributesAsync(request);
        }
        catch (RpcException exception) when (exception.Code is RpcException.StatusCode.AlreadyExists or RpcException.StatusCode.Unimplemented)
        {
            // Already there (a reused server), or a test server without an operator service: nothing to do.
        }
    }
}
