using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// A stateful stand-in for the MLflow calls the platform makes, answering in the shapes a real server
/// recorded (Recorded/, shared/mlflow/CONTRACT.md): empty strings where 2.17 sends them (<c>user_id</c>,
/// <c>run_link</c>, <c>current_stage: "None"</c>), versions as strings, setters answering <c>{}</c>, an unset
/// alias as 400, a plain path as version source refused with 400. Unlike <see cref="RecordedMlflowServer"/>
/// it keeps what was written, so a test can count the runs and versions a sequence of calls left behind.
/// With <see cref="Flavor.Mlflow3"/> it answers as the 3.x snapshot did: a numeric <c>experiment_id</c> is
/// refused, errors carry <c>error_class</c>/<c>sqlstate</c>, and an alias on a missing model is a 404.
/// </summary>
internal sealed partial class MlflowStandIn : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _experiments = [];
    private readonly List<StandInRun> _runs = [];
    private readonly Dictionary<string, List<JsonObject>> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Model, string Alias), string> _aliases = [];
    private readonly Flavor _flavor;
    private long _clock = 1_795_652_103_517;

    public MlflowStandIn(Flavor flavor = Flavor.Mlflow2)
    {
        _flavor = flavor;
        Server = WireMockServer.Start();
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Answer));
    }

    public enum Flavor
    {
        Mlflow2,
        Mlflow3,
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url! + "/");

    /// <summary>
    /// Lists a run's artifacts for <c>artifacts/list</c> from (experiment id, run id, asked path): what is directly under
    /// the path, relative to the run's artifact root, as the server finds it in its artifact destination.
    /// </summary>
    public Func<string, string, string, IReadOnlyList<(string Path, bool IsDir, long Size)>>? ArtifactLister { get; set; }

    /// <summary>The artifact root a new run gets, as the server's <c>--artifacts-destination</c> proxying reports it.</summary>
    public static string ArtifactUri(string experimentId, string runId) => $"mlflow-artifacts:/{experimentId}/{runId}/artifacts";

    public IReadOnlyList<(string RunId, string Status, IReadOnlyDictionary<string, string> Tags, int ParamCount)> Runs()
    {
        lock (_gate)
        {
            return [.. _runs.Select(run => (run.Id, (string)run.Info["status"]!, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(run.Tags), run.Params.Count))];
        }
    }

    public IReadOnlyList<(string Version, string Source, string RunId)> Versions(string model)
    {
        lock (_gate)
        {
            return [.. _versions.GetValueOrDefault(model, []).Select(version => ((string)version["version"]!, (string)version["source"]!, (string)version["run_id"]!))];
        }
    }

    public string? Alias(string model, string alias)
    {
        lock (_gate)
        {
            return _aliases.GetValueOrDefault((model, alias));
        }
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    private ResponseMessage Answer(IRequestMessage request)
    {
        var endpoint = request.Path.StartsWith(RecordedMlflowServer.Api, StringComparison.Ordinal) ? request.Path[RecordedMlflowServer.Api.Length..] : request.Path;
        var body = request.Method == "GET" ? new JsonObject() : (JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body) as JsonObject ?? []);
        string Query(string name) => request.Query?.TryGetValue(name, out var values) == true ? values[0] : string.Empty;
        lock (_gate)
        {
            return (request.Method, endpoint) switch
            {
                ("GET", "experiments/get-by-name") => GetExperiment(Query("experiment_name")),
                ("POST", "experiments/create") => CreateExperiment((string)body["name"]!),
                ("POST", "runs/create") => CreateRun(body),
                ("GET", "runs/get") => FindRun(Query("run_id")) is { } run ? Json(new JsonObject { ["run"] = run.ToJson() }) : RunNotFound(Query("run_id")),
                ("POST", "runs/search") => SearchRuns(body),
                ("POST", "runs/log-batch") => LogBatch(body),
                ("POST", "runs/update") => UpdateRun(body),
                ("GET", "registered-models/get") => _versions.ContainsKey(Query("name"))
                    ? Json(new JsonObject { ["registered_model"] = new JsonObject { ["name"] = Query("name"), ["creation_timestamp"] = _clock, ["last_updated_timestamp"] = _clock } })
                    : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={Query("name")} not found"),
                ("POST", "registered-models/create") => CreateModel((string)body["name"]!),
                ("POST", "model-versions/create") => CreateVersion(body),
                ("GET", "model-versions/search") => SearchVersions(Query("filter")),
                ("GET", "model-versions/get") => FindVersion(Query("name"), Query("version")) is { } version
                    ? Json(new JsonObject { ["model_version"] = WithAliases(version) })
                    : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={Query("name")}, version={Query("version")}) not found"),
                ("POST", "model-versions/set-tag") => SetVersionTag(body),
                ("GET", "registered-models/alias") => GetAlias(Query("name"), Query("alias")),
                ("POST", "registered-models/alias") => SetAlias(body),
                ("GET", "artifacts/list") => ListArtifacts(Query("run_id"), Query("path")),
                _ => Html404(),
            };
        }
    }

    private ResponseMessage GetExperiment(string name) =>
        _experiments.FirstOrDefault(experiment => (string)experiment["name"]! == name) is { } found
            ? Json(new JsonObject { ["experiment"] = found.DeepClone() })
            : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'");

    private ResponseMessage CreateExperiment(string name)
    {
        var id = (_experiments.Count + 1).ToString(CultureInfo.InvariantCulture);
        _experiments.Add(new JsonObject
        {
            ["experiment_id"] = id,
            ["name"] = name,
            ["artifact_location"] = $"mlflow-artifacts:/{id}",
            ["lifecycle_stage"] = "active",
            ["last_update_time"] = _clock,
            ["creation_time"] = _clock,
        });
        return Json(new JsonObject { ["experiment_id"] = id });
    }

    private ResponseMessage CreateRun(JsonObject body)
    {
        if (_flavor == Flavor.Mlflow3 && body["experiment_id"] is JsonValue id && id.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return Error(400, "INVALID_PARAMETER_VALUE", $"Invalid value {id} for parameter 'experiment_id' supplied");
        }

        var experimentId = body["experiment_id"]?.ToString() ?? string.Empty;
        if (!_experiments.Any(experiment => (string)experiment["experiment_id"]! == experimentId))
        {
            return Error(404, "RESOURCE_DOES_NOT_EXIST", $"No Experiment with id={experimentId} exists");
        }

        var runId = Guid.NewGuid().ToString("N");
        var run = new StandInRun(runId, new JsonObject
        {
            ["run_uuid"] = runId,
            ["experiment_id"] = experimentId,
            ["run_name"] = body["run_name"]?.ToString() ?? "run",
            ["user_id"] = string.Empty,
            ["status"] = "RUNNING",
            ["start_time"] = body["start_time"]?.GetValue<long>() ?? _clock,
            ["artifact_uri"] = ArtifactUri(experimentId, runId),
            ["lifecycle_stage"] = "active",
            ["run_id"] = runId,
        });
        foreach (var tag in body["tags"]?.AsArray() ?? [])
        {
            run.Tags[(string)tag!["key"]!] = (string)tag["value"]!;
        }

        run.Tags["mlflow.runName"] = (string)run.Info["run_name"]!;
        _runs.Add(run);
        return Json(new JsonObject { ["run"] = run.ToJson() });
    }

    private ResponseMessage SearchRuns(JsonObject body)
    {
        var experimentIds = body["experiment_ids"]?.AsArray().Select(id => id!.ToString()).ToHashSet() ?? [];
        var wanted = TagFilter().Matches(body["filter"]?.ToString() ?? string.Empty).ToDictionary(match => match.Groups["key"].Value, match => match.Groups["value"].Value);
        var found = _runs
            .Where(run => experimentIds.Contains((string)run.Info["experiment_id"]!))
            .Where(run => wanted.All(pair => run.Tags.GetValueOrDefault(pair.Key) == pair.Value))
            .OrderBy(run => (long)run.Info["start_time"]!)
            .Select(run => (JsonNode)run.ToJson())
            .ToArray();
        // An empty search result is {} with no "runs" key (CONTRACT.md, success bodies).
        return Json(found.Length == 0 ? [] : new JsonObject { ["runs"] = new JsonArray(found) });
    }

    private ResponseMessage LogBatch(JsonObject body)
    {
        var runId = body["run_id"]?.ToString() ?? string.Empty;
        if (FindRun(runId) is not { } run)
        {
            return RunNotFound(runId);
        }

        foreach (var param in body["params"]?.AsArray() ?? [])
        {
            var (key, value) = ((string)param!["key"]!, (string)param["value"]!);
            if (run.Params.TryGetValue(key, out var logged) && logged != value)
            {
                return Error(400, "INVALID_PARAMETER_VALUE", $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{logged}' for run ID='{runId}'. Attempted logging new value '{value}'.");
            }

            run.Params[key] = value;
        }

        foreach (var tag in body["tags"]?.AsArray() ?? [])
        {
            run.Tags[(string)tag!["key"]!] = (string)tag["value"]!;
        }

        foreach (var metric in body["metrics"]?.AsArray() ?? [])
        {
            run.Metrics[(string)metric!["key"]!] = metric.DeepClone().AsObject();
        }

        return Json([]);
    }

    private ResponseMessage UpdateRun(JsonObject body)
    {
        var runId = body["run_id"]?.ToString() ?? string.Empty;
        if (FindRun(runId) is not { } run)
        {
            return RunNotFound(runId);
        }

        // A status the server does not know is ignored, as 2.17 does (quirk 5).
        if (body["status"]?.ToString() is ("RUNNING" or "SCHEDULED" or "FINISHED" or "FAILED" or "KILLED") and var status)
        {
            run.Info["status"] = status;
        }

        if (body["end_time"] is { } end)
        {
            run.Info["end_time"] = end.GetValue<long>();
        }

        return Json(new JsonObject { ["run_info"] = run.Info.DeepClone() });
    }

    private ResponseMessage CreateModel(string name)
    {
        if (_versions.ContainsKey(name))
        {
            return Error(400, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={name}) already exists.");
        }

        _versions[name] = [];
        return Json(new JsonObject { ["registered_model"] = new JsonObject { ["name"] = name, ["creation_timestamp"] = _clock, ["last_updated_timestamp"] = _clock } });
    }

    private ResponseMessage CreateVersion(JsonObject body)
    {
        var name = body["name"]?.ToString() ?? string.Empty;
        if (!_versions.TryGetValue(name, out var versions))
        {
            return Error(404, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={name} not found");
        }

        var source = body["source"]?.ToString() ?? string.Empty;
        if (source.StartsWith('/') || source.StartsWith("file:", StringComparison.Ordinal))
        {
            return Error(400, "INVALID_PARAMETER_VALUE", $"Invalid model version source: '{source}'. To use a local path as a model version source, the run_id request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.");
        }

        var version = new JsonObject
        {
            ["name"] = name,
            ["version"] = (versions.Count + 1).ToString(CultureInfo.InvariantCulture),
            ["creation_timestamp"] = ++_clock,
            ["last_updated_timestamp"] = _clock,
            ["current_stage"] = "None",
            ["description"] = string.Empty,
            ["source"] = source,
            ["run_id"] = body["run_id"]?.ToString() ?? string.Empty,
            ["status"] = "READY",
            ["tags"] = body["tags"]?.DeepClone() ?? new JsonArray(),
            ["run_link"] = string.Empty,
        };
        versions.Add(version);
        return Json(new JsonObject { ["model_version"] = version.DeepClone() });
    }

    private ResponseMessage SearchVersions(string filter)
    {
        var wanted = PlainFilter().Matches(filter).ToDictionary(match => match.Groups["key"].Value, match => match.Groups["value"].Value);
        var found = _versions.Values.SelectMany(versions => versions)
            .Where(version => wanted.All(pair => version[pair.Key]?.ToString() == pair.Value))
            .Select(version => (JsonNode)version.DeepClone())
            .ToArray();
        return Json(found.Length == 0 ? [] : new JsonObject { ["model_versions"] = new JsonArray(found) });
    }

    private ResponseMessage SetVersionTag(JsonObject body)
    {
        if (FindVersion(body["name"]?.ToString() ?? string.Empty, body["version"]?.ToString() ?? string.Empty) is not { } version)
        {
            return Error(404, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={body["name"]}, version={body["version"]}) not found");
        }

        var tags = version["tags"]!.AsArray();
        var key = body["key"]!.ToString();
        if (tags.FirstOrDefault(tag => tag!["key"]!.ToString() == key) is { } existing)
        {
            tags.Remove(existing);
        }

        tags.Add(new JsonObject { ["key"] = key, ["value"] = body["value"]!.ToString() });
        return Json([]);
    }

    private ResponseMessage GetAlias(string model, string alias)
    {
        if (_flavor == Flavor.Mlflow3 && !_versions.ContainsKey(model))
        {
            return Error(404, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={model} not found");
        }

        return _aliases.TryGetValue((model, alias), out var version) && FindVersion(model, version) is { } found
            ? Json(new JsonObject { ["model_version"] = WithAliases(found) })
            : Error(400, "INVALID_PARAMETER_VALUE", $"Registered model alias {alias} not found.");
    }

    private ResponseMessage SetAlias(JsonObject body)
    {
        var (model, alias) = (body["name"]?.ToString() ?? string.Empty, body["alias"]?.ToString() ?? string.Empty);
        if (body["version"] is not JsonValue version || version.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return Error(400, "INVALID_PARAMETER_VALUE", $"Invalid value {body["version"]} for parameter 'version' supplied: Hint: Value was of type 'int'.");
        }

        if (FindVersion(model, version.ToString()) is null)
        {
            return Error(404, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={model}, version={version}) not found");
        }

        _aliases[(model, alias)] = version.ToString();
        return Json([]);
    }

    private ResponseMessage ListArtifacts(string runId, string path)
    {
        if (FindRun(runId) is not { } run)
        {
            return RunNotFound(runId);
        }

        var root = (string)run.Info["artifact_uri"]!;
        var files = ArtifactLister?.Invoke((string)run.Info["experiment_id"]!, runId, path) ?? [];
        // What 2.17 answers for a run with no files: only root_uri.
        var answer = new JsonObject { ["root_uri"] = root };
        if (files.Count > 0)
        {
            answer["files"] = new JsonArray([.. files.Select(file => (JsonNode)(file.IsDir
                ? new JsonObject { ["path"] = file.Path, ["is_dir"] = true }
                : new JsonObject { ["path"] = file.Path, ["is_dir"] = false, ["file_size"] = file.Size }))]);
        }

        return Json(answer);
    }

    private JsonObject WithAliases(JsonObject version)
    {
        var copy = version.DeepClone().AsObject();
        var held = _aliases.Where(pair => pair.Key.Model == (string)version["name"]! && pair.Value == (string)version["version"]!).Select(pair => (JsonNode)pair.Key.Alias).ToArray();
        if (held.Length > 0)
        {
            copy["aliases"] = new JsonArray(held);
        }

        return copy;
    }

    private StandInRun? FindRun(string runId) => _runs.FirstOrDefault(run => run.Id == runId);

    private JsonObject? FindVersion(string model, string version) =>
        _versions.GetValueOrDefault(model)?.FirstOrDefault(candidate => (string)candidate["version"]! == version);

    private ResponseMessage RunNotFound(string runId) => Error(404, "RESOURCE_DOES_NOT_EXIST", $"Run with id={runId} not found");

    private ResponseMessage Error(int status, string code, string message)
    {
        var error = new JsonObject { ["error_code"] = code, ["message"] = message };
        if (_flavor == Flavor.Mlflow3)
        {
            error["error_class"] = code == "RESOURCE_DOES_NOT_EXIST" ? "RESOURCE_DOES_NOT_EXIST" : "INVALID_PARAMETER_VALUE";
            error["sqlstate"] = code == "RESOURCE_DOES_NOT_EXIST" ? "42704" : "22023";
        }

        return Json(error, status);
    }

    private static ResponseMessage Json(JsonObject body, int status = 200)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
        };
        message.AddHeader("Content-Type", "application/json");
        return message;
    }

    private static ResponseMessage Html404()
    {
        var message = new ResponseMessage
        {
            StatusCode = 404,
            BodyData = new BodyData { BodyAsString = File.ReadAllText(RecordedMlflowServer.RecordedFile(63)), DetectedBodyType = BodyType.String },
        };
        message.AddHeader("Content-Type", "text/html; charset=utf-8");
        return message;
    }

    [GeneratedRegex(@"tags\.`(?<key>[^`]+)`\s*=\s*'(?<value>[^']*)'")]
    private static partial Regex TagFilter();

    [GeneratedRegex(@"(?<key>name|run_id)\s*=\s*'(?<value>[^']*)'")]
    private static partial Regex PlainFilter();

    private sealed class StandInRun(string id, JsonObject info)
    {
        public string Id { get; } = id;

        public JsonObject Info { get; } = info;

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, JsonObject> Metrics { get; } = new(StringComparer.Ordinal);

        public JsonObject ToJson()
        {
            var data = new JsonObject
            {
                ["tags"] = new JsonArray([.. Tags.Select(tag => (JsonNode)new JsonObject { ["key"] = tag.Key, ["value"] = tag.Value })]),
            };
            if (Params.Count > 0)
            {
                data["params"] = new JsonArray([.. Params.Select(param => (JsonNode)new JsonObject { ["key"] = param.Key, ["value"] = param.Value })]);
            }

            if (Metrics.Count > 0)
            {
                data["metrics"] = new JsonArray([.. Metrics.Values.Select(metric => metric.DeepClone())]);
            }

            return new JsonObject { ["info"] = Info.DeepClone(), ["data"] = data };
        }
    }
}
