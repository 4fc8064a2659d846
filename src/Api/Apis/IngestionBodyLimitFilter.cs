using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using MLOps.Core.Telemetry.Validation;

namespace MLOps.Api.Apis;

/// <summary>
/// Applies <see cref="IngestionOptions.MaxRequestBytes"/> before anything reads the body (the idempotency hash
/// reads it first): a declared length over the limit is refused at once, an undeclared one when it gets there.
/// </summary>
internal sealed class IngestionBodyLimitFilter(string kindName, IOptions<IngestionOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var limit = options.Value.MaxRequestBytes;
        var http = context.HttpContext;
        if (http.Request.ContentLength > limit)
        {
            return IngestionProblems.Rejected(kindName, StatusCodes.Status413PayloadTooLarge, [BodyTooLarge(limit)]);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        return await next(context);
    }

    public static ValidationError BodyTooLarge(long limit) =>
        new(null, "body", string.Create(CultureInfo.InvariantCulture, $"the request body is larger than {limit} bytes; split the batch"));
}
