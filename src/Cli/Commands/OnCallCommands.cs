using System.CommandLine;
using System.Globalization;
using MLOps.Cli.OnCall;
using MLOps.Core.Feedback;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>
/// <c>mlops status|promote|approve|reject|rollback|history|retrain|hand-over|verdict</c>: the on-call commands, through the
/// API so every change is authorized, audited and idempotent. Exit codes: see <see cref="ExitCodes"/>.
/// </summary>
internal static class OnCallCommands
{
    public static RootCommand AddOnCallCommands(this RootCommand root) => root.AddOnCallCommands(OnCallEnvironment.FromProcess());

    public static RootCommand AddOnCallCommands(this RootCommand root, OnCallEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(root);
        var apiUrl = new Option<string?>("--api-url")
        {
            Description = $"The API; default ${OnCallEnvironment.ApiUrlVariable}, then apiUrl in the config file, then {OnCallEnvironment.DefaultApiUrl}.",
            Recursive = true,
        };
        var commands = new OnCallCommandFactory(environment, apiUrl);
        root.Options.Add(apiUrl);
        root.Subcommands.Add(commands.Status());
        foreach (var action in new[] { "promote", "approve", "reject", "rollback" })
        {
            root.Subcommands.Add(commands.LifecycleCommand(action));
        }

        root.Subcommands.Add(commands.History());
        root.Subcommands.Add(commands.Retrain());
        root.Subcommands.Add(commands.HandOver());
        root.Subcommands.Add(commands.Verdict());
        return root;
    }

    private sealed class OnCallCommandFactory(OnCallEnvironment environment, Option<string?> apiUrl)
    {
        private static readonly Dictionary<string, string> Summaries = new(StringComparer.Ordinal)
        {
            ["promote"] = "Move the candidate forward now, past soak and gates (audited as an override).",
            ["approve"] = "Give the human approval the candidate's stage requires.",
            ["reject"] = "Drop the candidate.",
            ["rollback"] = "Put the previous champion back.",
        };

        public Command Status()
        {
            var model = new Argument<string?>("model") { Description = "One model; all models when left out.", Arity = ArgumentArity.ZeroOrOne };
            var command = new Command("status", "Lifecycle status: champion, candidate and stage per model; for one model also its registered versions.") { model };
            command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async api =>
            {
                var name = parseResult.GetValue(model);
                var answer = await api.GetAsync(name is null ? "/models" : $"/models/{Uri.EscapeDataString(name)}", cancellationToken);
                if (!answer.IsSuccess)
                {
                    return Fail(answer);
                }

                if (name is null)
                {
                    OnCallRendering.Statuses(environment.Console, answer.Body!.Value.EnumerateArray());
                }
                else
                {
                    OnCallRendering.Statuses(environment.Console, [answer.Body!.Value]);
                    OnCallRendering.Registry(environment.Console, answer.Body!.Value);
                    // Context, like the registry: figures that cannot be read are said, and the status still stands.
                    var feedback = await api.GetAsync($"/models/{Uri.EscapeDataString(name)}/feedback?stage=champion&days=30", cancellationToken);
                    OnCallRendering.Feedback(environment.Console, feedback);
                }

                return ExitCodes.Ok;
            }));
            return command;
        }

        public Command LifecycleCommand(string action)
        {
            var model = new Argument<string>("model") { Description = "The model." };
            var reason = new Option<string?>("--reason") { Description = "Why; recorded in the audit trail. Required." };
            var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when stdin is not a terminal)." };
            var command = new Command(action, Summaries[action]) { model, reason, yes };
            Option<string?>? target = null;
            Option<string?>? expected = null;
            Option<string?>? overrideReason = null;
            if (action == "promote")
            {
                target = new Option<string?>("--to") { Description = "secondary or champion; without it the candidate moves one stage." };
                target.AcceptOnlyFromAmong("secondary", "champion");
                command.Options.Add(target);
                overrideReason = new Option<string?>("--override-reason")
                {
                    Description = "Promote although the candidate's gates fail (or are not judged yet), saying why; audited as an override.",
                };
                command.Options.Add(overrideReason);
            }

            if (action != "rollback")
            {
                expected = new Option<string?>("--expected-version") { Description = "Only act if the candidate is this version (guards against a stale view)." };
                command.Options.Add(expected);
            }

            command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async api =>
            {
                var name = parseResult.GetRequiredValue(model);
                var why = parseResult.GetValue(reason);
                if (string.IsNullOrWhiteSpace(why))
                {
                    throw new CliUsageException($"--reason is required: say why you {action} {name}; it goes into the audit trail.");
                }

                var to = target is null ? null : parseResult.GetValue(target);
                var version = expected is null ? null : parseResult.GetValue(expected);
                var overriding = overrideReason is null ? null : parseResult.GetValue(overrideReason);
                if (overriding is not null && string.IsNullOrWhiteSpace(overriding))
                {
                    throw new CliUsageException("--override-reason must say why the failing gates should not hold the candidate back.");
                }

                var over = overriding is null ? string.Empty : $", overriding failing gates: {overriding}";
                if (!Confirmed(parseResult.GetValue(yes), $"{action} {name}{(to is null ? string.Empty : $" to {to}")}{(version is null ? string.Empty : $" (version {version})")}: {why}{over}"))
                {
                    return ExitCodes.Refused;
                }

                var answer = await api.PostAsync(
                    $"/models/{Uri.EscapeDataString(name)}/{action}", new { reason = why, targetStage = to, expectedVersion = version, overrideReason = overriding }, cancellationToken);
                if (!answer.IsSuccess)
                {
                    return Fail(answer);
                }

                environment.Console.MarkupLineInterpolated($"[green]{action}[/] {name}: {OnCallRendering.Text(answer.Body, "outcome")}");
                if (answer.Body is { } body && body.TryGetProperty("status", out _))
                {
                    OnCallRendering.Statuses(environment.Console, [body]);
                }

                return ExitCodes.Ok;
            }));
            return command;
        }

        public Command History()
        {
            var model = new Argument<string>("model") { Description = "The model." };
            var at = new Option<string?>("--at") { Description = "ISO 8601 time: show the trail up to then and which version was champion." };
            var command = new Command("history", "The model's audit trail: who did what, when and why.") { model, at };
            command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async api =>
            {
                var name = parseResult.GetRequiredValue(model);
                var path = $"/models/{Uri.EscapeDataString(name)}/history";
                if (parseResult.GetValue(at) is { } moment)
                {
                    if (!DateTimeOffset.TryParse(moment, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    {
                        throw new CliUsageException($"--at '{moment}' is not an ISO 8601 time (e.g. 2026-03-01T12:00:00Z).");
                    }

                    path += "?at=" + Uri.EscapeDataString(parsed.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                }

                var answer = await api.GetAsync(path, cancellationToken);
                if (!answer.IsSuccess)
                {
                    return Fail(answer);
                }

                OnCallRendering.History(environment.Console, answer.Body!.Value);
                return ExitCodes.Ok;
            }));
            return command;
        }

        public Command Retrain()
        {
            var model = new Argument<string>("model") { Description = "The model." };
            var command = new Command("retrain", "Start the model's retrain now instead of waiting for the nightly schedule.") { model };
            command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async api =>
            {
                var name = parseResult.GetRequiredValue(model);
                var answer = await api.PostAsync($"/models/{Uri.EscapeDataString(name)}/retrain", body: null, cancellationToken);
                if (!answer.IsSuccess)
                {
                    return Fail(answer);
                }

                environment.Console.MarkupLineInterpolated($"[green]Retrain started[/] for {name} ({OnCallRendering.Text(answer.Body, "startedThrough")}).");
                return ExitCodes.Ok;
            }));
            return command;
        }

        /// <summary>Day 0 (and any version trained by hand): a registered version becomes the lifecycle's candidate.</summary>
        public Command HandOver()
        {
            var model = new Argument<string>("model") { Description = "The model." };
            var version = new Argument<string>("version") { Description = "A registered version, e.g. the one `mlops train` printed." };
            var reason = new Option<string?>("--reason") { Description = "Why; recorded in the audit trail. Required." };
            var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when stdin is not a terminal)." };
            var command = new Command(
                "hand-over",
                "Make a registered version the model's candidate (it enters shadow); starts the model's lifecycle if it has none. " +
                "Day 0: hand over the first trained version, then `mlops promote <model> --to champion`.")
            {
                model, version, reason, yes,
            };
            command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async api =>
            {
                var name = parseResult.GetRequiredValue(model);
                var which = parseResult.GetRequiredValue(version);
                var why = parseResult.GetValue(reason);
                if (string.IsNullOrWhiteSpace(why))
                {
                    throw new CliUsageException($"--reason is required: say why version {which} becomes the candidate of {name}; it goes into the audit trail.");
                }

                if (!Confirmed(parseResult.GetValue(yes), $"hand version {which} of {name} to its lifecycle: {why}"))
                {
                    return ExitCodes.Refused;
                }

                var answer = await api.PostAsync($"/models/{Uri.EscapeDataString(name)}/candidates", new { version = which, reason = why }, cancellationToken);
                if (!answer.IsSuccess)
                {
                    return Fail(answer);
                }

                environment.Console.MarkupLineInterpolated($"[green]hand-over[/] {name}: {OnCallRendering.Text(answer.Body, "outcome")}");
                return ExitCodes.Ok;
            }));
            return command;
        }

        /// <summary>
        /// On-call's judgement of an alert episode. No confirmation: a verdict changes no model and can be changed again
        /// (the history is kept).
        /// </summary>
        public Command Verdict()
        {
            var dedupKey = new Argument<string>("dedupKey") { Description = "The episode's key, as in the Slack message or the PagerDuty incident." };
            var verdict = new Argument<string>("verdict") { Description = "actionable (a real incident), false-alarm, or expected (known work, maintenance, a load test)." };
            verdict.AcceptOnlyFromAmong([.. VerdictKinds.WireWords]);
            var reason = new Option<string?>("--reason") { Description = "Why; kept with the verdict and shown with the training label. Required." };
            var command = new Command("verdict", "Mark an alert episode actionable, false-alarm or expected; verdicts become training labels.") { dedupKey, verdict, reason };
            command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, async api =>
            {
                var key = parseResult.GetRequiredValue(dedupKey);
                var word = parseResult.GetRequiredValue(verdict);
                var why = parseResult.GetValue(reason);
                if (string.IsNullOrWhiteSpace(why))
                {
                    throw new CliUsageException($"--reason is required: say why the alert is {word}; it is kept with the label training uses.");
                }

                // The key's slashes as %2F, so it stays one path segment.
                var answer = await api.PostAsync($"/alerts/{Uri.EscapeDataString(key)}/verdict", new { verdict = word, reason = why }, cancellationToken);
                if (!answer.IsSuccess)
                {
                    return Fail(answer);
                }

                OnCallRendering.Verdict(environment.Console, answer.Body!.Value);
                return ExitCodes.Ok;
            }));
            return command;
        }

        /// <summary>Asks unless --yes; without a terminal there is nobody to ask, so it refuses rather than guess.</summary>
        private bool Confirmed(bool yes, string what)
        {
            if (yes)
            {
                return true;
            }

            if (!environment.InputIsTerminal)
            {
                throw new CliUsageException("stdin is not a terminal, so the command cannot be confirmed; pass --yes to run it unattended.");
            }

            if (environment.Console.Confirm($"{Markup.Escape(what)}. Go ahead?", defaultValue: false))
            {
                return true;
            }

            environment.Console.MarkupLine("Nothing was sent.");
            return false;
        }

        private int Fail(ApiAnswer answer)
        {
            OnCallRendering.Problem(environment.Console, answer);
            return ExitCodes.ForStatus(answer.StatusCode);
        }

        private Task<int> RunAsync(ParseResult parseResult, Func<OnCallApiClient, Task<int>> run) =>
            OnCallInvocation.RunAsync(parseResult.GetValue(apiUrl), environment, run);
    }
}
