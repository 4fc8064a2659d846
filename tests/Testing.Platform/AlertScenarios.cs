using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Telemetry;

namespace MLOps.Testing.Platform;

/// <summary>Decisions made by the real policy for one anomaly on checkout, for the payload tests.</summary>
public static class AlertScenarios
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 3, 12, 0, TimeSpan.Zero);

    public const string DedupKey = "mlops/latency-anomaly/v7/checkout/20261124T0312Z";

    private static readonly AlertPolicy Policy = new(new AlertPolicyOptions());

    private static readonly ServiceInfo[] Services = [new("checkout", 1, "payments")];

    public static CandidateAlert Candidate(ModelStage stage, int minute, double score) =>
        new(
            "latency-anomaly",
            "7",
            stage,
            "checkout",
            T0.AddMinutes(minute),
            score,
            0.8,
            [new TopFeature("latency_p95_z5", 4.2, 0.31), new TopFeature("error_ratio_delta", 0.05, 0.12)]);

    public static NewAlert Fired(ModelStage stage) =>
        (NewAlert)Policy.Evaluate(new AlertPolicyInput(
            T0,
            [Candidate(stage, 0, 0.93)],
            [],
            Services,
            [],
            [new DeployEvent("checkout", "v123", "9f2c1ab", T0.AddMinutes(-7))])).Single();

    public static DeduplicatedAlert StillFiring(NewAlert alert) =>
        (DeduplicatedAlert)Policy.Evaluate(new AlertPolicyInput(
            T0.AddMinutes(1), [Candidate(alert.Stage, 1, 0.95)], [alert.ToOpenAlert()], Services, [], [])).Single();

    public static ResolvedAlert Recovered(NewAlert alert) =>
        (ResolvedAlert)Policy.Evaluate(new AlertPolicyInput(
            T0.AddMinutes(6), [Candidate(alert.Stage, 6, 0.1)], [alert.ToOpenAlert()], Services, [], [])).Single();
}
