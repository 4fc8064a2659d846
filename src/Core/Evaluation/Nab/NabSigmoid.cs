namespace MLOps.Core.Evaluation.Nab;

/// <summary>NAB's scaled sigmoid: how much a detection is worth given where it falls relative to a window.</summary>
public static class NabSigmoid
{
    /// <summary>
    /// 2 / (1 + e^(5y)) - 1 for a relative position y: from +0.987 at y = -1 (the start of a window,
    /// earliest detection) through 0 at the window end to about -1 far past it. Beyond y = 3 NAB
    /// stops the curve and charges the full -1.
    /// </summary>
    public static double Scaled(double relativePosition) =>
        relativePosition > 3.0 ? -1.0 : (2.0 / (1.0 + Math.Exp(5.0 * relativePosition))) - 1.0;

    /// <summary>The value at the very start of a window; true-positive rewards are divided by it so the best detection earns exactly the weight.</summary>
    public static double WindowStartValue { get; } = Scaled(-1.0);
}
