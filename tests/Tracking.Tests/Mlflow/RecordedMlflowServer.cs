using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Tracking.Mlflow;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// A WireMock stand-in for an MLflow 2.17 server that answers with the bodies recorded from a real
/// one (Recorded/, from shared/mlflow/CONTRACT.md). Stubs also check request shape the way the server
/// does: POSTs must carry Content-Type application/json, DELETE parameters travel in a JSON body.
/// Whatever is not stubbed gets the real server's HTML 404.
/// </summary>
internal sealed class RecordedMlflowServer : IDisposable
{
    public const string Api = "/api/2.0/mlflow/";

    private static readonly string RecordedDirectory = Path.Combine(AppContext.BaseDirectory, "Mlflow", "Recorded");

    public RecordedMlflowServer()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().UsingAnyMethod()).AtPriority(1_000_000).RespondWith(Answer(63));
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url! + "/");

    public MlflowOptions Options(Action<MlflowOptions>? configure = null)
    {
        var options = new MlflowOptions
        {
            TrackingUri = Url,
            MaxRetries = 2,
            // Retries are the behaviour under test, not the waiting between them.
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    public MlflowClient CreateClient(Action<MlflowOptions>? configure = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(configure)), NullLogger<MlflowClient>.Instance);

    /// <summary>The run tracker over <paramref name="client"/>, reading the time from <paramref name="time"/>.</summary>
    public TrainingRunTracker CreateTracker(MlflowClient client, TimeProvider time, Action<MlflowOptions>? configure = null) =>
        new(client, Microsoft.Extensions.Options.Options.Create(Options(configure)), time, NullLogger<TrainingRunTracker>.Instance);

    /// <summary>A POST stub that only matches a JSON content type and, when given, a body equal (or containing) the JSON.</summary>
    public IRespondWithAProvider Post(string endpoint, string? exactJson = null, string? partialJson = null)
    {
        var request = Request.Create().WithPath(Api + endpoint).UsingPost().WithHeader("Content-Type", "application/json*");
        if (exactJson is not null)
        {
            request = request.WithBody(new JsonMatcher(exactJson));
        }

        if (partialJson is not null)
        {
            request = request.WithBody(new JsonPartialMatcher(partialJson));
        }

        return Server.Given(request);
    }

    public IRespondWithAProvider Get(string endpoint, params (string Name, string Value)[] query)
    {
        var request = Request.Create().WithPath(Api + endpoint).UsingGet();
        foreach (var (name, value) in query)
        {
            request = request.WithParam(name, value);
        }

        return Server.Given(request);
    }

    public IRespondWithAProvider Delete(string endpoint, string exactJson) =>
        Server.Given(Request.Create().WithPath(Api + endpoint).UsingDelete().WithHeader("Content-Type", "application/json*").WithBody(new JsonMatcher(exactJson)));

    public IReadOnlyList<IRequestMessage> Requests(string endpoint) =>
        [.. Server.LogEntries.Select(entry => entry.RequestMessage).Where(request => request.Path == Api + endpoint).OrderBy(request => request.DateTime)];

    public IReadOnlyList<IRequestMessage> AllRequests() =>
        [.. Server.LogEntries.Select(entry => entry.RequestMessage).OrderBy(request => request.DateTime)];

    /// <summary>Exchange <paramref name="exchange"/> of the record, with its recorded status and content type.</summary>
    public static IResponseBuilder Answer(int exchange)
    {
        var (status, contentType, body) = Read(exchange);
        return Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
    }

    /// <summary>
    /// Exchange <paramref name="exchange"/>, but the first request only gets it after <paramref name="delay"/>
    /// (a server that stalls once). A callback, because WireMock moves scenario state only after a delayed answer.
    /// </summary>
    public static IResponseBuilder SlowFirstAnswer(int exchange, TimeSpan delay)
    {
        var (status, contentType, body) = Read(exchange);
        var attempts = 0;
        return Response.Create().WithCallback(async _ =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(delay);
            }

            var message = new ResponseMessage
            {
                StatusCode = status,
                BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
            };
            message.AddHeader("Content-Type", contentType);
            return (IResponseMessage)message;
        });
    }

    /// <summary>An answer reported from a 2.17 or 3.x server but not in the record (Recorded/reported/README.md), with its status.</summary>
    public static IResponseBuilder Reported(string file)
    {
        var status = int.Parse(file.Split('.')[^2], System.Globalization.CultureInfo.InvariantCulture);
        return Json(File.ReadAllText(Path.Combine(RecordedDirectory, "reported", file)), status);
    }

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    public static string Body(int exchange) => File.ReadAllText(RecordedFile(exchange));

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    private static (int Status, string ContentType, string Body) Read(int exchange)
    {
        var file = RecordedFile(exchange);
        var parts = Path.GetFileName(file).Split('.');
        var status = int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture);
        var contentType = parts[^1] == "html" ? "text/html; charset=utf-8" : "application/json";
        return (status, contentType, File.ReadAllText(file));
    }

    public static string RecordedFile(int exchange) =>
        Directory.GetFiles(RecordedDirectory, $"{exchange:00}-*").Single();
}
