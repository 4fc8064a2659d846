namespace MLOps.Api.Feedback;

/// <summary>
/// The request body as bytes, exactly as sent: webhook signatures are computed over those bytes, and any
/// re-encoding (form parsing, JSON binding) would change them.
/// </summary>
internal static class RawRequestBody
{
    /// <summary>Ample for Slack's block_actions (the whole message rides along) and PagerDuty's events.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <returns>The body, or null when it is longer than <see cref="MaxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
