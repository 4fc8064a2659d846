using System.Text.RegularExpressions;
using MLOps.Core.Lifecycle;

namespace MLOps.Api.Apis;

/// <summary>Body of promote, approve, reject and rollback; which fields apply depends on the command.</summary>
/// <param name="Reason">Why, for the audit trail. Required.</param>
/// <param name="TargetStage">Promote only: <c>secondary</c> or <c>champion</c>; without it the candidate moves one stage.</param>
/// <param name="ExpectedVersion">Not for rollback: the command applies only to this candidate version.</param>
public sealed record ModelCommandRequest(string? Reason, string? TargetStage = null, string? ExpectedVersion = null);

/// <summary>Turns a request into a lifecycle command, or the field errors that stop it.</summary>
internal static partial class ModelRequests
{
    public const int MaxReasonLength = 1000;

    public static Dictionary<string, string[]> ValidateName(string name) =>
        ModelName().IsMatch(name)
            ? []
            : new() { ["name"] = ["A model name is 1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or digit."] };

    public static (LifecycleCommand? Command, Dictionary<string, string[]> Errors) ToCommand(string action, ModelCommandRequest? request, string actor)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null || string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"A reason of 1 to {MaxReasonLength} characters is required; it goes into the audit trail."];
        }

        ModelStage? target = null;
        if (request?.TargetStage is { } stage)
        {
            if (action != "promote")
            {
                errors["targetStage"] = [$"Only promote takes a target stage, not {action}."];
            }
            else if (Enum.TryParse<ModelStage>(stage, ignoreCase: true, out var parsed) && parsed != ModelStage.Shadow && !int.TryParse(stage, out _))
            {
                target = parsed;
            }
            else
            {
                errors["targetStage"] = ["Target stage must be secondary or champion."];
            }
        }

        if (request?.ExpectedVersion is { } expected && (action == "rollback" || string.IsNullOrWhiteSpace(expected)))
        {
            errors["expectedVersion"] = [action == "rollback" ? "Rollback takes no expected version." : "Expected version must not be empty."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var reason = request!.Reason!.Trim();
        LifecycleCommand command = action switch
        {
            "promote" => new Promote(actor, reason, target, request.ExpectedVersion),
            "approve" => new Approve(actor, reason, request.ExpectedVersion),
            "reject" => new Reject(actor, reason, request.ExpectedVersion),
            "rollback" => new Rollback(actor, reason),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an on-call command"),
        };
        return (command, errors);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelName();
}
