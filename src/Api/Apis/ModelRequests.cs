using System.Text.RegularExpressions;
using MLOps.Core;
using MLOps.Core.Lifecycle;

namespace MLOps.Api.Apis;

/// <summary>Body of promote, approve, reject and rollback; which fields apply depends on the command.</summary>
/// <param name="Reason">Why, for the audit trail. Required.</param>
/// <param name="TargetStage">Promote only: <c>secondary</c> or <c>champion</c>; without it the candidate moves one stage.</param>
/// <param name="ExpectedVersion">Not for rollback: the command applies only to this candidate version.</param>
/// <param name="OverrideReason">
/// Promote only: why the candidate should move although its gates fail (or are not judged yet); audited as an override.
/// Without it such a promote is refused (409) when the policy requires overrides.
/// </param>
public sealed record ModelCommandRequest(string? Reason, string? TargetStage = null, string? ExpectedVersion = null, string? OverrideReason = null);

/// <summary>Body of <c>POST /models/{name}/candidates</c>: which registered version becomes the candidate, and why.</summary>
/// <param name="Version">A version of this model in the platform's registry (as <c>mlops train</c> or a retrain registered it).</param>
/// <param name="Reason">Why, for the audit trail. Required.</param>
public sealed record CandidateRequest(string? Version, string? Reason);

/// <summary>A command built from a request, or the field errors that stop it.</summary>
public readonly record struct ValidatedCommand<TCommand>(TCommand? Command, Dictionary<string, string[]> Errors)
    where TCommand : LifecycleCommand;

/// <summary>Turns a request into each on-call command, naming every field that stops it.</summary>
internal static partial class ModelRequests
{
    public const int MaxReasonLength = 1000;

    /// <summary>Registry versions are short ids ("12"); anything longer is not one of them.</summary>
    public const int MaxVersionLength = 100;

    public static Dictionary<string, string[]> ValidateName(string name) =>
        ModelName().IsMatch(name)
            ? []
            : new() { ["name"] = ["A model name is 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or digit."] };

    public static ValidatedCommand<Promote> Promote(ModelCommandRequest? request, string actor)
    {
        var errors = Common(request);
        ModelStage? target = null;
        if (request?.TargetStage is { } stage)
        {
            if (Enum.TryParse<ModelStage>(stage, ignoreCase: true, out var parsed) && parsed != ModelStage.Shadow && !int.TryParse(stage, out _))
            {
                target = parsed;
            }
            else
            {
                errors["targetStage"] = ["Target stage must be secondary or champion."];
            }
        }

        ValidateExpectedVersion(request, errors);
        if (request?.OverrideReason is { } overriding && (string.IsNullOrWhiteSpace(overriding) || overriding.Length > MaxReasonLength))
        {
            errors["overrideReason"] = [$"An override reason, when given, is 1 to {MaxReasonLength} characters saying why failing gates should not hold the candidate back."];
        }

        return Build(errors, () => new Promote(actor, Reason(request), target, request!.ExpectedVersion) { OverrideReason = request.OverrideReason?.Trim() });
    }

    public static ValidatedCommand<Approve> Approve(ModelCommandRequest? request, string actor)
    {
        var errors = Common(request);
        RefuseTargetStage(request, "approve", errors);
        RefuseOverride(request, "approve", errors);
        ValidateExpectedVersion(request, errors);
        return Build(errors, () => new Approve(actor, Reason(request), request!.ExpectedVersion));
    }

    public static ValidatedCommand<Reject> Reject(ModelCommandRequest? request, string actor)
    {
        var errors = Common(request);
        RefuseTargetStage(request, "reject", errors);
        RefuseOverride(request, "reject", errors);
        ValidateExpectedVersion(request, errors);
        return Build(errors, () => new Reject(actor, Reason(request), request!.ExpectedVersion));
    }

    public static ValidatedCommand<Rollback> Rollback(ModelCommandRequest? request, string actor)
    {
        var errors = Common(request);
        RefuseTargetStage(request, "rollback", errors);
        RefuseOverride(request, "rollback", errors);
        if (request?.ExpectedVersion is not null)
        {
            errors["expectedVersion"] = ["Rollback takes no expected version."];
        }

        return Build(errors, () => new Rollback(actor, Reason(request)));
    }

    /// <summary>The hand-over without its run id, which the registry lookup adds.</summary>
    public static ValidatedCommand<CandidateRegistered> HandOver(CandidateRequest? request, string actor)
    {
        var errors = ValidateReason(request?.Reason);
        if (request?.Version is not { } version || string.IsNullOrWhiteSpace(version) || version.Length > MaxVersionLength || version.Any(char.IsControl))
        {
            errors["version"] = [$"A registered version of 1 to {MaxVersionLength} printable characters is required, e.g. the one `mlops train` printed."];
        }

        return Build(errors, () => new CandidateRegistered(request!.Version!.Trim(), RunId: null, actor, request.Reason!.Trim()));
    }

    private static Dictionary<string, string[]> Common(ModelCommandRequest? request) => ValidateReason(request?.Reason);

    private static void RefuseOverride(ModelCommandRequest? request, string action, Dictionary<string, string[]> errors)
    {
        if (request?.OverrideReason is not null)
        {
            errors["overrideReason"] = [$"Only promote takes an override reason, not {action}."];
        }
    }

    private static Dictionary<string, string[]> ValidateReason(string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"A reason of 1 to {MaxReasonLength} characters is required; it goes into the audit trail."];
        }

        return errors;
    }

    private static void RefuseTargetStage(ModelCommandRequest? request, string action, Dictionary<string, string[]> errors)
    {
        if (request?.TargetStage is not null)
        {
            errors["targetStage"] = [$"Only promote takes a target stage, not {action}."];
        }
    }

    private static void ValidateExpectedVersion(ModelCommandRequest? request, Dictionary<string, string[]> errors)
    {
        if (request?.ExpectedVersion is { } expected && string.IsNullOrWhiteSpace(expected))
        {
            errors["expectedVersion"] = ["Expected version must not be empty."];
        }
    }

    private static string Reason(ModelCommandRequest? request) => request!.Reason!.Trim();

    private static ValidatedCommand<TCommand> Build<TCommand>(Dictionary<string, string[]> errors, Func<TCommand> command)
        where TCommand : LifecycleCommand =>
        errors.Count > 0 ? new(null, errors) : new(command(), errors);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelName();
}
