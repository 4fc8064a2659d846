using System.Text.Json;
using Spectre.Console;

namespace MLOps.Cli.OnCall;

/// <summary>How on-call answers look in the terminal: tables for status and history, problems spelled out.</summary>
internal static class OnCallRendering
{
    public static void Problem(IAnsiConsole console, ApiAnswer answer)
    {
        var body = answer.Body;
        var title = Text(body, "title") ?? $"HTTP {answer.StatusCode}";
        console.MarkupLineInterpolated($"[red bold]{title}[/] [grey](HTTP {answer.StatusCode})[/]");
        if (Text(body, "detail") is { } detail)
        {
            console.MarkupLineInterpolated($"  {detail}");
        }

        if (body is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var message in field.Value.EnumerateArray())
                {
                    console.MarkupLineInterpolated($"  [yellow]{field.Name}[/]: {message.GetString()}");
                }
            }
        }

        var hint = answer.StatusCode switch
        {
            401 => "Set MLOPS_API_KEY (or apiKey in ~/.config/mlops/config.json) to a valid key.",
            403 => "Your key's role does not allow this; on-call commands need an oncall or admin key.",
            409 => "The lifecycle policy refused the command; check `mlops status` and the reason above.",
            429 => "Too many commands from this key; wait a minute and retry.",
            503 => "A dependency of the API is down or not configured; see /readyz.",
            _ => null,
        };
        if (hint is not null)
        {
            console.MarkupLineInterpolated($"[grey]{hint}[/]");
        }
    }

    public static void Statuses(IAnsiConsole console, IEnumerable<JsonElement> models)
    {
        var table = new Table().AddColumns("model", "champion", "candidate", "stage", "last decision");
        foreach (var model in models)
        {
            var status = model.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? s : (JsonElement?)null;
            var state = status is { } known && known.TryGetProperty("state", out var st) ? st : (JsonElement?)null;
            var candidate = state is { } cs && cs.TryGetProperty("candidate", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
            table.AddRow(
                Markup.Escape(Text(model, "name") ?? "?"),
                Markup.Escape(Text(state, "championVersion") ?? "-"),
                Markup.Escape(candidate is { } cand ? $"{Text(cand, "version")} ({Text(cand, "stage")})" : "-"),
                Markup.Escape(Text(status, "stage") ?? Text(model, "error") ?? "no lifecycle yet"),
                Markup.Escape(Text(status, "lastDecision") ?? string.Empty));
        }

        console.Write(table);
    }

    /// <summary>A model's registered versions (from <c>GET /models/{name}</c>), newest first, or why the registry could not be read.</summary>
    public static void Registry(IAnsiConsole console, JsonElement model)
    {
        if (!model.TryGetProperty("registry", out var registry) || registry.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (!registry.TryGetProperty("available", out var available) || !available.GetBoolean())
        {
            console.MarkupLineInterpolated($"[yellow]registry not available ({Text(registry, "error") ?? "unknown"}):[/] {Text(registry, "reason") ?? string.Empty}");
            return;
        }

        var table = new Table().AddColumns("version", "stage", "registered", "run", "metrics");
        table.Title = new TableTitle($"registered versions ({Text(registry, "origin") ?? "registry"})");
        foreach (var version in registry.GetProperty("versions").EnumerateArray())
        {
            table.AddRow(
                Markup.Escape(Text(version, "version") ?? "?"),
                Markup.Escape(Text(version, "stage") ?? "-"),
                Markup.Escape(Text(version, "createdAt") ?? string.Empty),
                Markup.Escape(Text(version, "runId") ?? string.Empty),
                Markup.Escape(Metrics(version)));
        }

        console.Write(table);
    }

    public static void History(IAnsiConsole console, JsonElement history)
    {
        var table = new Table().AddColumns("at", "action", "version", "stage", "actor", "reason");
        foreach (var entry in history.GetProperty("entries").EnumerateArray())
        {
            table.AddRow(
                Markup.Escape(Text(entry, "at") ?? string.Empty),
                Markup.Escape(Text(entry, "action") ?? string.Empty),
                Markup.Escape(Text(entry, "version") ?? "-"),
                Markup.Escape(Text(entry, "stage") ?? "-"),
                Markup.Escape(Text(entry, "actor") ?? string.Empty),
                Markup.Escape(Text(entry, "reason") ?? string.Empty));
        }

        console.Write(table);
        if (Text(history, "at") is { } at)
        {
            console.MarkupLineInterpolated($"Champion at {at}: [bold]{Text(history, "championAt") ?? "none"}[/]");
        }
    }

    /// <summary>The answer to <c>mlops verdict</c>: the verdict in force and the episode's history.</summary>
    public static void Verdict(IAnsiConsole console, JsonElement answer)
    {
        var current = answer.GetProperty("current");
        var outcome = Text(answer, "outcome") == "repeat" ? "already in force; nothing changed" : "recorded";
        console.MarkupLineInterpolated($"[green]{Text(current, "verdict")}[/] for {Text(answer, "dedupKey")} ({Text(answer, "model")} v{Text(answer, "version")}, {Text(answer, "stage")}): {outcome}");
        var table = new Table().AddColumns("at", "verdict", "actor", "source", "reason");
        foreach (var line in answer.GetProperty("history").EnumerateArray())
        {
            table.AddRow(
                Markup.Escape(Text(line, "decidedAt") ?? string.Empty),
                Markup.Escape(Text(line, "verdict") ?? string.Empty),
                Markup.Escape(Text(line, "actor") ?? string.Empty),
                Markup.Escape(Text(line, "source") ?? string.Empty),
                Markup.Escape(Text(line, "reason") ?? string.Empty));
        }

        console.Write(table);
    }

    /// <summary>The champion's alert feedback (<c>GET /models/{name}/feedback</c>), or why it is missing.</summary>
    public static void Feedback(IAnsiConsole console, ApiAnswer answer)
    {
        if (!answer.IsSuccess || answer.Body is not { } figures || !figures.TryGetProperty("summary", out var summary))
        {
            console.MarkupLineInterpolated($"[yellow]alert feedback not available[/] (HTTP {answer.StatusCode}): {Text(answer.Body, "detail") ?? Text(answer.Body, "title") ?? string.Empty}");
            return;
        }

        var table = new Table().AddColumns("alert feedback", "value");
        table.Title = new TableTitle($"{Text(figures, "stage")} alerts, last 30 days");
        table.AddRow("episodes", Markup.Escape(Text(summary, "episodes") ?? "0"));
        table.AddRow("actionable", Markup.Escape(CountAndShare(summary, "actionable", "actionableShare")));
        table.AddRow("false alarm", Markup.Escape(CountAndShare(summary, "falseAlarms", "falseAlarmShare")));
        table.AddRow("expected", Markup.Escape(CountAndShare(summary, "expected", "expectedShare")));
        table.AddRow("unlabeled", Markup.Escape(CountAndShare(summary, "unlabeled", "unlabeledShare")));
        table.AddRow("verdict precision", Markup.Escape(Share(summary, "verdictPrecision")));
        table.AddRow("time to acknowledge (median / p90)", Markup.Escape(Durations(summary, "timeToAcknowledge")));
        table.AddRow("time to resolve (median / p90)", Markup.Escape(Durations(summary, "timeToResolve")));
        console.Write(table);
    }

    private static string CountAndShare(JsonElement summary, string count, string share) => $"{Text(summary, count) ?? "0"} ({Share(summary, share)})";

    private static string Share(JsonElement summary, string property) =>
        summary.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString("0%", System.Globalization.CultureInfo.InvariantCulture)
            : "n/a";

    private static string Durations(JsonElement summary, string property) =>
        summary.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? $"{Text(value, "median")} / {Text(value, "p90")} (of {Text(value, "count")})"
            : "n/a";

    /// <summary>The test-part metrics when the version has them (what the gates judge), else every metric, compactly.</summary>
    private static string Metrics(JsonElement version)
    {
        if (!version.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            return Text(version, "metricsUnavailable") ?? string.Empty;
        }

        var all = metrics.EnumerateObject().ToList();
        var test = all.Where(metric => metric.Name.StartsWith("test.", StringComparison.Ordinal)).ToList();
        return string.Join(", ", (test.Count > 0 ? test : all).Select(metric => $"{metric.Name}={Number(metric.Value)}"));
    }

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : value.ToString();

    public static string? Text(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(property, out var found) && found.ValueKind != JsonValueKind.Null
            ? found.ValueKind == JsonValueKind.String ? found.GetString() : found.GetRawText()
            : null;
}
