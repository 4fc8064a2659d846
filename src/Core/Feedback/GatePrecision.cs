using System.Globalization;

namespace MLOps.Core.Feedback;

/// <summary>
/// The precision a lifecycle gate (the probation guardrail, the secondary gate) decides on, and what it rests
/// on, so the report can say which one was used.
/// </summary>
/// <param name="Precision">Null when the chosen basis has nothing to measure (no verdicts, no alerts).</param>
/// <param name="Verdicts">Actionable plus false-alarm verdicts available, used or not.</param>
/// <param name="MinimumVerdicts">Verdicts needed for verdict-based precision; 0 when the gate does not use verdicts.</param>
public sealed record GatePrecision(double? Precision, PrecisionBasis Basis, int Verdicts, int MinimumVerdicts)
{
    /// <summary>
    /// Verdict-based precision when at least <see cref="VerdictPrecisionOptions.MinimumVerdicts"/> actionable and
    /// false-alarm verdicts exist, otherwise the incident-matched one. Verdicts win when there are enough because
    /// they judge every alert, while incident matching only knows the incidents someone labeled.
    /// </summary>
    public static GatePrecision Choose(FeedbackSummary feedback, double? incidentMatchedPrecision, VerdictPrecisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(options);
        var verdicts = feedback.PrecisionVerdicts;
        return verdicts >= options.MinimumVerdicts
            ? new GatePrecision(feedback.VerdictPrecision, PrecisionBasis.Verdicts, verdicts, options.MinimumVerdicts)
            : new GatePrecision(incidentMatchedPrecision, PrecisionBasis.IncidentMatching, verdicts, options.MinimumVerdicts);
    }

    /// <summary>Incident-matched precision for a gate that does not use verdicts.</summary>
    public static GatePrecision IncidentMatchedOnly(FeedbackSummary feedback, double? incidentMatchedPrecision)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return new GatePrecision(incidentMatchedPrecision, PrecisionBasis.IncidentMatching, feedback.PrecisionVerdicts, MinimumVerdicts: 0);
    }

    /// <summary>One line for the gate report.</summary>
    public string Describe()
    {
        var value = Precision is { } precision ? precision.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        return (Basis, MinimumVerdicts) switch
        {
            (PrecisionBasis.Verdicts, _) => string.Create(CultureInfo.InvariantCulture, $"verdict-based precision {value} from {Verdicts} verdicts"),
            (_, 0) => $"incident-matched precision {value}",
            _ => string.Create(CultureInfo.InvariantCulture, $"incident-matched precision {value} ({Verdicts} of {MinimumVerdicts} verdicts needed for verdict-based precision)"),
        };
    }
}
