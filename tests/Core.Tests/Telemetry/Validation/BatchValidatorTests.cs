using MLOps.Core.Telemetry;
using MLOps.Core.Telemetry.Validation;

namespace MLOps.Core.Tests.Telemetry.Validation;

public sealed class BatchValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly ValidationLimits Limits = new(MaxBatchRows: 3, MaxFutureSkew: TimeSpan.FromHours(1), MaxReportedErrors: 5);
    private static readonly TelemetrySample Good = new(Now.AddMinutes(-1), "checkout", "web-1", "eu", "prod", "http_requests_total", 1);

    public static TheoryData<TelemetrySample, string> BadSamples => new()
    {
        { Good with { Time = default }, "time" },
        { Good with { Time = new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) }, "time" },
        { Good with { Time = Now.AddHours(2) }, "time" },
        { Good with { Value = double.NaN }, "value" },
        { Good with { Value = double.PositiveInfinity }, "value" },
        { Good with { Value = double.NegativeInfinity }, "value" },
        { Good with { Metric = "9lives" }, "metric" },
        { Good with { Metric = "http.requests" }, "metric" },
        { Good with { Metric = "" }, "metric" },
        { Good with { Service = " " }, "service" },
        { Good with { Host = "" }, "host" },
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public void ValidateSamples_OneBadRow_NamesItsIndexAndField(TelemetrySample bad, string field)
    {
        var errors = BatchValidator.ValidateSamples([Good, bad], Limits, Now);

        var error = Assert.Single(errors);
        Assert.Equal((1, field), (error.Row, error.Field));
    }

    [Theory]
    [InlineData("up")]
    [InlineData("node_cpu_seconds_total")]
    [InlineData("job:http_requests:rate5m")]
    [InlineData("_private")]
    public void ValidateSamples_PrometheusMetricNames_AreAccepted(string metric)
    {
        Assert.Empty(BatchValidator.ValidateSamples([Good with { Metric = metric }], Limits, Now));
    }

    [Fact]
    public void ValidateSamples_MoreRowsThanTheLimit_RejectsTheBatchAsAWhole()
    {
        var error = Assert.Single(BatchValidator.ValidateSamples([Good, Good, Good, Good], Limits, Now));

        Assert.Equal((null, ValidationError.BatchField), (error.Row, error.Field));
    }

    [Fact]
    public void ValidateSamples_EveryRowBad_ReportsNoMoreThanTheCap()
    {
        var limits = Limits with { MaxBatchRows = 100 };

        var errors = BatchValidator.ValidateSamples(Enumerable.Repeat(Good with { Value = double.NaN, Host = "" }, 50).ToList(), limits, Now);

        Assert.Equal(limits.MaxReportedErrors, errors.Count);
    }

    [Fact]
    public void ValidateIncidents_EndBeforeStartAndMissingId_NamesBothFields()
    {
        var incident = new Incident("", "checkout", Now.AddHours(-1), Now.AddHours(-2), "sev1", "pagerduty", "t");

        var errors = BatchValidator.ValidateIncidents([incident], Limits, Now);

        Assert.Equal(["id", "end"], errors.Select(error => error.Field));
    }

    [Fact]
    public void ValidateIncidents_OpenIncident_IsValid()
    {
        Assert.Empty(BatchValidator.ValidateIncidents([new Incident("INC-1", "checkout", Now.AddHours(-1), null, "sev1", "pagerduty", "")], Limits, Now));
    }

    [Fact]
    public void ValidateDeploys_EmptyVersionAndUnsetTime_NamesBothFields()
    {
        var errors = BatchValidator.ValidateDeploys([new DeployEvent("checkout", "", null, default)], Limits, Now);

        Assert.Equal(["version", "time"], errors.Select(error => error.Field));
    }

    [Fact]
    public void ValidateMaintenanceWindows_EndBeforeStart_NamesEnd()
    {
        var error = Assert.Single(BatchValidator.ValidateMaintenanceWindows([new MaintenanceWindow("checkout", Now.AddHours(-1), Now.AddHours(-2), null)], Limits, Now));

        Assert.Equal((0, "end"), (error.Row, error.Field));
    }
}
