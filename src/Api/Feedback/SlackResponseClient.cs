using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MLOps.Api.Feedback;

/// <summary>
/// Posts the updated message to a Slack interaction's <c>response_url</c>. Slack ignores the body of a
/// block_actions answer, so this is how a click changes the message. The URL itself is a credential of sorts
/// (anyone holding it can post into the thread for 30 minutes): never log it.
/// </summary>
public sealed class SlackResponseClient(HttpClient http)
{
    /// <returns>Null on success, otherwise what went wrong (without the URL).</returns>
    public async Task<string?> ReplaceAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            using var response = await http.PostAsJsonAsync(responseUrl, message, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"Slack answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError.ToString();
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "Slack did not answer in time";
        }
    }
}
